//! 督查看板: the live 漏排/超期/督办 picture a supervisor and a head read unit by unit, what
//! the firewall hides left out, and the queue narrowed to one unit from it.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::make_overdue;
use crate::helpers::{TestApp, act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING};

const CITY_BUREAU: &str = "示范市信访局";

async fn oversight(app: &TestApp, token: &str, query: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/staff/oversight{query}"), Some(token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// The counts of the line of `unit`, as (漏排, 超期未办结, 临期, 督办未回复, of which late).
fn line(v: &Value, unit: &str) -> (u64, u64, u64, u64, u64) {
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"]["name"] == unit)
        .unwrap_or_else(|| panic!("no line for {unit}: {v}"));
    let c = &row["counts"];
    let n = |k: &str| c[k].as_u64().unwrap();
    (
        n("unrouted"),
        n("overdue"),
        n("due_soon"),
        n("notices"),
        n("notices_late"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_sees_what_is_late_in_each_unit_and_opens_it_on_the_queue() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 5).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let supervisor = staff(&app, CITY_BUREAU, "supervisor").await;
    let (city, district, housing) = (
        unit_id(&app, CITY_BUREAU).await,
        unit_id(&app, DISTRICT_BUREAU).await,
        unit_id(&app, HOUSING).await,
    );
    let forward = json!({ "action": "forward", "unit_id": housing });
    // Registered at the bureau and never decided: 漏排 there.
    make_overdue(&app, &n[0]).await;
    // Forwarded to housing, which let its acceptance period run out: 漏排 at housing.
    act_ok(&app, &head, &n[1], forward.clone()).await;
    make_overdue(&app, &n[1]).await;
    // Accepted at the bureau and not answered in time: 超期未办结.
    act_ok(&app, &head, &n[2], json!({ "action": "accept_here" })).await;
    make_overdue(&app, &n[2]).await;
    // Due today: 临期.
    let today = server::time::today().to_string();
    sqlx::query("UPDATE petitions SET due_on = $1 WHERE number = $2")
        .bind(&today)
        .bind(&n[3])
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    // Handled at housing in time, but a supervision notice to it went unanswered past its day.
    act_ok(&app, &head, &n[4], forward).await;
    act_ok(&app, &handler, &n[4], json!({ "action": "receive_accept" })).await;
    let supervise = json!({ "action": "supervise", "body": "请三日内书面答复" });
    act_ok(&app, &supervisor, &n[4], supervise).await;
    sqlx::query(
        "UPDATE supervision_notices SET answer_due = '2000-01-03' \
         WHERE petition_id = (SELECT id FROM petitions WHERE number = $1)",
    )
    .bind(&n[4])
    .execute(&app.state.db.pool)
    .await
    .unwrap();

    // The city: its own line first, then the district with everything below it.
    let v = oversight(&app, &supervisor, "").await;
    assert_eq!(v["scope"]["name"], CITY_BUREAU);
    assert_eq!(v["rows"][0]["own"], true, "{v}");
    assert_eq!(line(&v, CITY_BUREAU), (0, 0, 0, 0, 0));
    assert_eq!(line(&v, DISTRICT_BUREAU), (2, 1, 1, 1, 1), "{v}");
    assert_eq!(
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"]["name"] == DISTRICT_BUREAU)
            .unwrap()["has_units"],
        true
    );
    assert_eq!(v["total"]["unrouted"], 2);
    assert_eq!(v["total"]["overdue"], 1);

    // The district opened: its own matters, and housing's apart.
    let v = oversight(&app, &supervisor, &format!("?unit={district}")).await;
    assert_eq!(v["scope"]["name"], DISTRICT_BUREAU);
    let path: Vec<&str> = v["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(path, [CITY_BUREAU, DISTRICT_BUREAU]);
    assert_eq!(line(&v, DISTRICT_BUREAU), (1, 1, 1, 0, 0), "{v}");
    assert_eq!(line(&v, HOUSING), (1, 0, 0, 1, 1), "{v}");

    // Housing's line opens as the queue's overdue matters of housing alone: its one 漏排.
    let page: Value = app
        .get(
            &format!("/api/v1/staff/petitions?unit={housing}&clock=overdue&counts=true"),
            Some(&supervisor),
        )
        .await
        .json()
        .await
        .unwrap();
    let listed: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [n[1].as_str()], "{page}");
    assert_eq!(page["counts"]["overdue"], 1);
    assert_eq!(page["unit"], HOUSING);

    // A head reads their own unit and below, not above it; a handler reads none of it.
    for path in [
        format!("/api/v1/staff/oversight?unit={city}"),
        format!("/api/v1/staff/petitions?unit={city}"),
    ] {
        let res = app.get(&path, Some(&head)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let text = res.text().await.unwrap();
        assert!(text.contains("不在您所在单位之下"), "{text}");
    }
    let res = app.get("/api/v1/staff/oversight?unit=x", Some(&head)).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let res = app.get("/api/v1/staff/oversight", Some(&handler)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.get("/api/v1/staff/oversight", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // The head stepped aside from one late matter: it is not counted for them, still for
    // the supervisor.
    let recuse = json!({ "action": "recuse", "reason": "与信访人系亲属" });
    act_ok(&app, &head, &n[2], recuse).await;
    let mine = oversight(&app, &head, "").await;
    assert_eq!(line(&mine, DISTRICT_BUREAU), (1, 0, 1, 0, 0), "{mine}");
    let theirs = oversight(&app, &supervisor, &format!("?unit={district}")).await;
    assert_eq!(line(&theirs, DISTRICT_BUREAU), (1, 1, 1, 0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_accusation_counts_only_for_those_above_the_unit_it_accuses() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let accusation = crate::firewall::accuse(&app, &citizen.token, "某工作人员", None).await;
    let supervisor = staff(&app, CITY_BUREAU, "supervisor").await;
    let head = staff(&app, DISTRICT_BUREAU, "unit_head").await;
    let (city, housing) = (
        unit_id(&app, CITY_BUREAU).await,
        unit_id(&app, HOUSING).await,
    );
    make_overdue(&app, &accusation).await;
    let accused = |unit: i64| {
        let app = &app;
        let accusation = accusation.clone();
        async move {
            sqlx::query("UPDATE petitions SET accused_unit_id = $1 WHERE number = $2")
                .bind(unit)
                .bind(&accusation)
                .execute(&app.state.db.pool)
                .await
                .unwrap();
        }
    };
    // Against housing, waiting at the district bureau: the district and the city are above
    // housing, and both count it.
    accused(housing).await;
    let v = oversight(&app, &supervisor, "").await;
    assert_eq!(line(&v, DISTRICT_BUREAU).0, 1, "{v}");
    let v = oversight(&app, &head, "").await;
    assert_eq!(line(&v, DISTRICT_BUREAU).0, 1, "{v}");
    // Against the city bureau, above both readers: neither count nor total shows it.
    accused(city).await;
    for token in [&supervisor, &head] {
        let v = oversight(&app, token, "").await;
        assert_eq!(v["total"]["unrouted"], 0, "{v}");
        assert!(!v.to_string().contains(&accusation));
    }
}
