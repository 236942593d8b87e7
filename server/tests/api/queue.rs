//! The staff queue's pages: in each order (due date, newest, oldest received), fifty at a
//! time, each page starting exactly after the last row of the one before, none twice, none
//! left out; assignment and the spreadsheet export. Its counts are in `queue_counts.rs`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{spawn_app, staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyset_pages_walk_the_whole_queue_in_order() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let filed = app.file_many(&citizen.token, 57).await;
    let unit: String = sqlx::query_scalar(
        "SELECT u.name FROM petitions p JOIN units u ON u.id = p.unit_id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let clerk = staff(&app, &unit, "intake").await;

    let (pages, items) = walk(&app, &clerk, "status=submitted").await;
    assert_eq!(pages, 2, "fifty, then the rest");
    let seen: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["due_on"].as_str().unwrap_or("9999-12-31").to_owned(),
                i["number"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "by due date, then in filing order");
    every_one_once(
        &seen.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        &filed,
    );

    // By registration, newest first, then oldest first: the same petitions, each once.
    let received = |items: &[Value]| -> Vec<(chrono::DateTime<chrono::Utc>, String)> {
        items
            .iter()
            .map(|i| {
                (
                    i["submitted_at"].as_str().unwrap().parse().unwrap(),
                    i["number"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (pages, newest) = walk(&app, &clerk, "status=submitted&sort=newest").await;
    assert_eq!(pages, 2);
    let newest = received(&newest);
    let mut sorted = newest.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(newest, sorted, "the most recent first");
    assert_eq!(newest[0].1, *filed.last().unwrap(), "the last filed leads");
    every_one_once(
        &newest.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        &filed,
    );
    let (_, oldest) = walk(&app, &clerk, "status=submitted&sort=oldest").await;
    let mut oldest = received(&oldest);
    assert_eq!(oldest[0].1, filed[0], "the longest waiting leads");
    oldest.reverse();
    assert_eq!(oldest, newest, "the same rows in the other direction");

    // A cursor of one order is refused by another with a clear message, not misread.
    let first: Value = app
        .get("/api/v1/staff/petitions?status=submitted", Some(&clerk))
        .await
        .json()
        .await
        .unwrap();
    let next = first["next"].as_str().unwrap();
    let res = app
        .get(
            &format!("/api/v1/staff/petitions?status=submitted&sort=newest&after={next}"),
            Some(&clerk),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Every page of the queue with `filter`: how many pages, and their rows in order.
pub(crate) async fn walk(
    app: &crate::helpers::TestApp,
    token: &str,
    filter: &str,
) -> (usize, Vec<Value>) {
    let mut items = Vec::new();
    let mut path = format!("/api/v1/staff/petitions?{filter}");
    let mut pages = 0;
    loop {
        let page: Value = app.get(&path, Some(token)).await.json().await.unwrap();
        pages += 1;
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/staff/petitions?{filter}&after={next}"),
            None => return (pages, items),
        }
    }
}

fn every_one_once(seen: &[String], filed: &[String]) {
    let mut numbers = seen.to_vec();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), filed.len(), "every petition once");
    for n in filed {
        assert!(numbers.contains(n), "{n} missing");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_gives_a_case_to_a_handler_who_finds_it_under_my_cases_and_each_change_is_audited() {
    use crate::helpers::{act, act_ok, staff, staff_account, staff_login, unit_id};
    use crate::workflow::{DISTRICT_BUREAU, HOUSING, case};
    let app = crate::helpers::spawn_app().await;
    let citizen = app.citizen().await;
    let numbers = app.file_many(&citizen.token, 2).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake").await;
    let housing = unit_id(&app, HOUSING).await;
    let head = staff(&app, HOUSING, "unit_head").await;
    let (alice_name, alice_pw) = staff_account(&app, HOUSING, "handler").await;
    let (bob_name, bob_pw) = staff_account(&app, HOUSING, "handler").await;
    let alice = staff_login(&app, &alice_name, &alice_pw).await;
    let bob = staff_login(&app, &bob_name, &bob_pw).await;
    for n in &numbers {
        act_ok(
            &app,
            &intake,
            n,
            json!({ "action": "forward", "unit_id": housing }),
        )
        .await;
        act_ok(&app, &head, n, json!({ "action": "receive_accept" })).await;
    }
    let id_of = |name: &str| {
        let (pool, name) = (app.state.db.pool.clone(), name.to_owned());
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM staff WHERE username = $1")
                .bind(name)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (alice_id, bob_id) = (id_of(&alice_name).await, id_of(&bob_name).await);
    let file: Value = case(&app, &head, &numbers[0]).await.json().await.unwrap();
    assert!(
        file["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("assign_handler"))
    );
    let offered: Vec<i64> = file["assignable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert!(
        offered.contains(&alice_id) && offered.contains(&bob_id),
        "the unit's handlers are offered"
    );
    act_ok(
        &app,
        &head,
        &numbers[0],
        json!({ "action": "assign_handler", "staff_id": alice_id }),
    )
    .await;
    let mine = |token: String| {
        let app = &app;
        async move {
            let page: Value = app
                .get("/api/v1/staff/petitions?mine=true", Some(&token))
                .await
                .json()
                .await
                .unwrap();
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["number"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(mine(alice.clone()).await, vec![numbers[0].clone()]);
    assert!(mine(bob.clone()).await.is_empty());
    let file: Value = case(&app, &alice, &numbers[0]).await.json().await.unwrap();
    assert_eq!(file["assignee"], "工作人员");

    // Reassigned: Bob has it now, and the trail says who had it.
    act_ok(
        &app,
        &head,
        &numbers[0],
        json!({ "action": "assign_handler", "staff_id": bob_id }),
    )
    .await;
    assert!(mine(alice.clone()).await.is_empty());
    assert_eq!(mine(bob.clone()).await, vec![numbers[0].clone()]);
    let trail: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action = 'assign_handler' ORDER BY seq",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(trail.len(), 2);

    // Only the head gives cases, and only to its own unit's people.
    let res = act(
        &app,
        &alice,
        &numbers[1],
        json!({ "action": "assign_handler", "staff_id": alice_id }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let outsider = id_of(&staff_account(&app, DISTRICT_BUREAU, "handler").await.0).await;
    let res = act(
        &app,
        &head,
        &numbers[1],
        json!({ "action": "assign_handler", "staff_id": outsider }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_exports_as_a_spreadsheet_with_its_filters_and_no_formula_runs() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut filing = app.filing().await;
    filing["title"] = json!("=HYPERLINK(\"http://evil\")供暖");
    let number = app.file_number(&citizen.token, &filing).await;
    let intake = staff(&app, "东城区信访局", "intake").await;
    let township: i64 = sqlx::query_scalar("SELECT parent_id FROM regions WHERE id = $1")
        .bind(filing["region_id"].as_i64().unwrap())
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let res = app
        .get(
            &format!("/api/v1/staff/petitions.csv?region_id={township}"),
            Some(&intake),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "Excel reads it as UTF-8");
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("信访件编号,标题"));
    let row = lines
        .find(|l| l.contains(&number))
        .expect("filed under the township");
    assert!(row.contains("'=HYPERLINK"), "kept as text: {row}");
    // Another place's filter leaves it out.
    let other: i64 = sqlx::query_scalar("SELECT id FROM regions WHERE code = '990121'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let text = app
        .get(
            &format!("/api/v1/staff/petitions.csv?region_id={other}"),
            Some(&intake),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains(&number));
    // A place that does not exist is a clear refusal, not an error.
    let res = app
        .get(
            "/api/v1/staff/petitions.csv?region_id=999999",
            Some(&intake),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Citizens cannot export.
    assert_eq!(
        app.get("/api/v1/staff/petitions.csv", Some(&citizen.token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}
