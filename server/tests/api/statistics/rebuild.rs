//! The rollups kept by every step equal their recomputation from the petitions, after a
//! random walk of workflow steps by petitioners, clerks, handlers, heads and a supervisor.

use serde_json::{Value, json};

use crate::helpers::{TestApp, act, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, draft};

/// What the rollups hold now (the open matters' too) equals what the rebuild computes, and
/// the rebuild changes nothing a reader sees.
pub(crate) async fn live_equals_rebuild(app: &TestApp) {
    let db = &app.state.db;
    let mut conn = db.pool.acquire().await.unwrap();
    let live = server::db::statistics::all_rows(&mut conn).await.unwrap();
    let live_open = server::db::statistics::open_matters_rows(&mut conn)
        .await
        .unwrap();
    drop(conn);
    server::services::statistics::rebuild::run(db)
        .await
        .unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let rebuilt = server::db::statistics::all_rows(&mut conn).await.unwrap();
    assert!(!rebuilt.0.is_empty(), "something was counted");
    assert_eq!(live.0, rebuilt.0, "tallies: live vs rebuilt");
    assert_eq!(live.1, rebuilt.1, "volumes: live vs rebuilt");
    let rebuilt_open = server::db::statistics::open_matters_rows(&mut conn)
        .await
        .unwrap();
    assert_eq!(live_open, rebuilt_open, "open matters: live vs rebuilt");
}

/// splitmix64: a reproducible walk from its seed, so a failure can be replayed.
struct Walk(u64);

impl Walk {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        usize::try_from((z ^ (z >> 31)) % n as u64).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_rollups_equal_their_rebuild_after_random_workflow_steps() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let bureau = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let head = staff(&app, HOUSING, "unit_head").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
    // Three walks by default; STATISTICS_SEED replays one.
    let seeds: Vec<u64> = match std::env::var("STATISTICS_SEED") {
        Ok(s) => vec![s.parse().expect("a number")],
        Err(_) => vec![7, 8, 9],
    };
    for seed in seeds {
        let numbers = app.file_many(&citizen.token, 8).await;
        random_walk(
            &app,
            seed,
            &numbers,
            [&bureau, &handler, &head, &supervisor],
            &citizen.token,
        )
        .await;
        live_equals_rebuild(&app).await;
    }
}

/// 200 random steps on `numbers`, each one the case file or the petitioner's page offers.
async fn random_walk(
    app: &TestApp,
    seed: u64,
    numbers: &[String],
    staff: [&String; 4],
    citizen: &str,
) {
    let housing = unit_id(app, HOUSING).await;
    let due = (server::time::today() + chrono::Days::new(20)).to_string();
    let mut walk = Walk(seed);
    let mut taken: std::collections::BTreeMap<String, usize> = Default::default();
    for _ in 0..200 {
        let number = &numbers[walk.below(numbers.len())];
        let other = &numbers[walk.below(numbers.len())];
        let pick = walk.below(staff.len() + 2);
        let (code, res) = if pick == staff.len() + 1 {
            // Late: the running clock of this matter ran out before its next step.
            super::make_overdue(app, number).await;
            continue;
        } else if pick == staff.len() {
            let view = crate::workflow::citizen_view(app, citizen, number).await;
            let mut can = Vec::new();
            if view["can_rate"] == true {
                can.push("rating");
            }
            if view["can_request_review"] == true {
                can.push("review");
            }
            let Some(path) = can.get(walk.below(can.len().max(1))).copied() else {
                continue;
            };
            let rating = ["satisfied", "basically_satisfied", "not_satisfied"][walk.below(3)];
            let body = match path {
                "rating" => json!({ "rating": rating }),
                _ => json!({ "reason": "答复没有解决问题，请求复查" }),
            };
            let url = format!("/api/v1/petitions/{number}/{path}");
            (
                path.to_owned(),
                app.post_json(&url, Some(citizen), &body).await,
            )
        } else {
            let token = staff[pick];
            let file: Value = crate::workflow::case(app, token, number)
                .await
                .json()
                .await
                .unwrap();
            let allowed: Vec<String> = file["allowed"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let body = |code: &str| -> Option<Value> {
                Some(match code {
                    "forward" => json!({ "action": code, "unit_id": housing }),
                    "assign" => json!({ "action": code, "unit_id": housing, "due": due }),
                    "not_accept" => {
                        json!({ "action": code, "reason": "litigation", "guidance": "请依法向人民法院提起诉讼。" })
                    }
                    "submit_draft" => draft(),
                    "supervise" => json!({ "action": code, "body": "请书面答复" }),
                    "answer_supervision" => {
                        json!({ "action": code, "notice_id": file["supervision"][0]["id"], "answer": "已办理" })
                    }
                    "link_repeat" => json!({ "action": code, "earlier": other }),
                    "accept_here" | "receive_accept" | "approve_reply" => json!({ "action": code }),
                    _ => return None,
                })
            };
            let choices: Vec<(String, Value)> = allowed
                .iter()
                .filter_map(|c| body(c).map(|b| (c.clone(), b)))
                .collect();
            if choices.is_empty() {
                continue;
            }
            // Steps that move a matter on come four times as often as the side steps that
            // can always be taken (督办, 关联) or end it (不予受理).
            let weight = |c: &str| match c {
                "supervise" | "link_repeat" | "not_accept" => 1,
                _ => 4,
            };
            let total: usize = choices.iter().map(|(c, _)| weight(c)).sum();
            let mut at = walk.below(total);
            let (code, body) = choices
                .iter()
                .find(|(c, _)| {
                    let w = weight(c);
                    if at < w {
                        true
                    } else {
                        at -= w;
                        false
                    }
                })
                .cloned()
                .unwrap();
            (code, act(app, token, number, body).await)
        };
        let status = res.status();
        assert!(
            status.is_success() || status.is_client_error(),
            "seed {seed}: {code} failed with {status}"
        );
        if status.is_success() {
            *taken.entry(code).or_default() += 1;
        }
    }
    eprintln!("seed {seed}: steps taken {taken:?}");
    for code in [
        "forward",
        "assign",
        "approve_reply",
        "rating",
        "review",
        "supervise",
    ] {
        assert!(
            taken.contains_key(code),
            "seed {seed}: no {code} in {taken:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_without_rollups_gets_them_rebuilt_at_start() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    app.file_many(&citizen.token, 2).await;
    let before = super::statistics(&app, "").await["tally"].clone();
    assert_eq!(before["received"], 2);
    sqlx::query("DELETE FROM tallies")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(super::statistics(&app, "").await["tally"]["received"], 0);
    server::services::statistics::rebuild::if_missing(&app.state.db)
        .await
        .unwrap();
    assert_eq!(super::statistics(&app, "").await["tally"], before);
}
