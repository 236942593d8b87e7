//! 统计 as the public and a unit's head read it: each figure of a hand-built month, the
//! units it is counted at, the 通报 and its index, and the live rollups equal to their
//! rebuild after random workflow steps.

mod annual;
mod bulletin;
mod oversight;
mod rebuild;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act_ok, spawn_app, staff, unit_id};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, draft};

/// Moves a matter's running clock (and its acceptance period) into the past: it is overdue.
pub(crate) async fn make_overdue(app: &TestApp, number: &str) {
    sqlx::query(
        "UPDATE petitions SET due_on = '2000-01-03', acceptance_due = '2000-01-03' WHERE number = $1",
    )
    .bind(number)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
}

pub(crate) async fn statistics(app: &TestApp, query: &str) -> Value {
    let res = app.get(&format!("/api/v1/statistics{query}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Nothing personal in it: any cache may keep it a minute.
    assert_eq!(res.headers()["cache-control"], "public, max-age=60");
    res.json().await.unwrap()
}

async fn rate(app: &TestApp, token: &str, number: &str, rating: &str) {
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{number}/rating"),
            Some(token),
            &json!({ "rating": rating }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_figure_of_a_hand_built_month_is_what_happened_in_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let n = app.file_many(&citizen.token, 4).await;
    let intake = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    let handler = staff(&app, HOUSING, "handler").await;
    let head = staff(&app, HOUSING, "unit_head").await;
    let supervisor = staff(&app, "示范市信访局", "supervisor").await;
    let housing = unit_id(&app, HOUSING).await;
    let forward = json!({ "action": "forward", "unit_id": housing });

    // A: forwarded in time, answered in time by the housing bureau, rated 满意.
    act_ok(&app, &intake, &n[0], forward.clone()).await;
    act_ok(&app, &handler, &n[0], json!({ "action": "receive_accept" })).await;
    act_ok(&app, &handler, &n[0], draft()).await;
    act_ok(&app, &head, &n[0], json!({ "action": "approve_reply" })).await;
    rate(&app, &citizen.token, &n[0], "satisfied").await;
    // B: not accepted, in time.
    let refuse = json!({ "action": "not_accept", "reason": "litigation", "guidance": "请依法向人民法院提起诉讼。" });
    act_ok(&app, &intake, &n[1], refuse).await;
    // C: accepted after its acceptance period (漏排), answered late by the bureau itself,
    // rated 不满意, and a 复查 asked.
    make_overdue(&app, &n[2]).await;
    act_ok(&app, &intake, &n[2], json!({ "action": "accept_here" })).await;
    make_overdue(&app, &n[2]).await;
    act_ok(&app, &intake, &n[2], draft()).await;
    act_ok(&app, &intake, &n[2], json!({ "action": "approve_reply" })).await;
    rate(&app, &citizen.token, &n[2], "not_satisfied").await;
    let res = app
        .post_json(
            &format!("/api/v1/petitions/{}/review", n[2]),
            Some(&citizen.token),
            &json!({ "reason": "答复没有解决问题，请求复查" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // D: forwarded, supervised by the city, the notice answered by the housing bureau.
    act_ok(&app, &intake, &n[3], forward).await;
    act_ok(&app, &handler, &n[3], json!({ "action": "receive_accept" })).await;
    act_ok(
        &app,
        &supervisor,
        &n[3],
        json!({ "action": "supervise", "body": "请五日内书面答复" }),
    )
    .await;
    let file: Value = crate::workflow::case(&app, &handler, &n[3])
        .await
        .json()
        .await
        .unwrap();
    let notice = file["supervision"][0]["id"].as_i64().unwrap();
    let answer =
        json!({ "action": "answer_supervision", "notice_id": notice, "answer": "已督促整改" });
    act_ok(&app, &handler, &n[3], answer).await;

    let all = statistics(&app, "").await;
    let t = &all["tally"];
    let counted = |fields: &[&str]| {
        fields
            .iter()
            .map(|f| t[*f].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(counted(&["received", "online", "repeated"]), [4, 4, 0]);
    assert_eq!(
        counted(&["decided", "decided_in_time", "unrouted"]),
        [4, 3, 1]
    );
    assert_eq!(
        counted(&["answered", "answered_on_time", "rated", "satisfied"]),
        [2, 1, 2, 1]
    );
    assert_eq!(
        counted(&[
            "first_answered",
            "first_resolved",
            "reviews",
            "reviews_answered"
        ]),
        [2, 1, 1, 0]
    );
    assert_eq!(counted(&["supervised", "supervision_answered"]), [1, 1]);
    let month = all["month"].as_str().unwrap().to_owned();
    let trend = all["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[11]["month"], month.as_str());
    assert_eq!(trend[11]["tally"], *t, "the trend ends with the month");
    let channels = all["channels"].to_string();
    assert!(
        channels.contains("网上信访") && channels.contains('4'),
        "{channels}"
    );
    let chart = all["chart"].as_str().unwrap();
    assert!(
        chart.starts_with("<svg") && chart.contains("<title"),
        "{chart}"
    );

    // The housing bureau answered A and the notice; the district bureau received all four
    // and answered C. A unit's page counts it and the units below it, row by row.
    let at_housing = statistics(&app, &format!("?unit={housing}")).await["tally"].clone();
    let of = |t: &Value, f: &str| t[f].as_i64().unwrap();
    assert_eq!(
        [
            "received",
            "answered",
            "answered_on_time",
            "satisfied",
            "supervised",
            "supervision_answered"
        ]
        .map(|f| of(&at_housing, f)),
        [0, 1, 1, 1, 1, 1]
    );
    let district = unit_id(&app, DISTRICT_BUREAU).await;
    let at_bureau = statistics(&app, &format!("?unit={district}")).await;
    let b = &at_bureau["tally"];
    assert_eq!(
        [
            "received",
            "decided",
            "unrouted",
            "answered",
            "answered_on_time",
            "reviews"
        ]
        .map(|f| of(b, f)),
        [4, 4, 1, 2, 1, 1]
    );
    let rows = at_bureau["units"].as_array().unwrap();
    let answered = |name: &str| {
        let row = rows.iter().find(|u| u["unit"]["name"] == name).unwrap();
        (of(&row["tally"], "received"), of(&row["tally"], "answered"))
    };
    assert_eq!(answered(DISTRICT_BUREAU), (4, 1), "its own row");
    assert_eq!(answered(HOUSING), (0, 1), "the housing bureau, below it");
    let path = at_bureau["path"].as_array().unwrap();
    assert_eq!(path.last().unwrap()["name"], DISTRICT_BUREAU);

    // Bad queries are refused with their reason, never a 500.
    for bad in [
        "?month=2026-13",
        "?month=2999-01",
        "?month=abc",
        "?unit=999999",
    ] {
        let res = app.get(&format!("/api/v1/statistics{bad}"), None).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    rebuild::live_equals_rebuild(&app).await;
}
