//! The clock rules of 条例 art. 23 and 34 as petitioners and staff observe them: a holiday
//! year loaded late moves stored due dates (and the automatic closing with them), a
//! partial year is not loaded, the receiving unit's notice clock, extensions only in time,
//! and bounded hearing days. Windows that run from receipt are in `receipt`.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, act, act_ok, spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, HOUSING, case, citizen_view, draft, message};

/// A 2027 arrangement with all seven festivals (test data: 元旦 falls on Friday 1 January).
pub(super) const FULL_2027: &str = "2027-01-01..2027-01-03 rest 元旦\n\
2027-02-06..2027-02-12 rest 春节\n\
2027-04-03..2027-04-05 rest 清明节\n\
2027-05-01..2027-05-05 rest 劳动节\n\
2027-06-09..2027-06-11 rest 端午节\n\
2027-09-15..2027-09-17 rest 中秋节\n\
2027-10-01..2027-10-07 rest 国庆节\n";

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) async fn put_year(
    app: &TestApp,
    admin: &str,
    year: i32,
    text: &str,
) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/admin/calendar/{year}")))
        .bearer_auth(admin)
        .json(&json!({ "text": text }))
        .send()
        .await
        .unwrap()
}

pub(super) async fn sql(app: &TestApp, query: &str, number: &str) {
    sqlx::query(query)
        .bind(number)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

pub(super) async fn stored(app: &TestApp, column: &str, number: &str) -> Option<String> {
    sqlx::query_scalar(&format!("SELECT {column} FROM petitions WHERE number = $1"))
        .bind(number)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// The deadline labelled `label` in a view's `deadlines`.
pub(super) fn deadline<'a>(deadlines: &'a Value, label: &str) -> Option<&'a Value> {
    deadlines
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["label"] == label)
}

/// A citizen's petition accepted and answered by the district bureau itself (online).
pub(super) async fn replied_online(app: &TestApp) -> (crate::helpers::Citizen, String, String) {
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let head = staff(app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    act_ok(app, &head, &number, json!({ "action": "accept_here" })).await;
    act_ok(app, &head, &number, draft()).await;
    act_ok(app, &head, &number, json!({ "action": "approve_reply" })).await;
    (citizen, head, number)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loading_a_year_moves_stored_due_dates_and_the_automatic_closing_follows() {
    let app = spawn_app().await;
    let (citizen, head, number) = replied_online(&app).await;
    // The reply was published on 2 December 2026: its 30 days end on Friday 1 January
    // 2027, which without the 2027 arrangement counts as a working day.
    sql(
        &app,
        "UPDATE petitions SET clock_start = '2026-12-02', due_on = '2027-01-01' WHERE number = $1",
        &number,
    )
    .await;
    let view = citizen_view(&app, &citizen.token, &number).await;
    let window = deadline(&view["progress"]["deadlines"], "复查申请期限").unwrap();
    assert_eq!(window["due"], "2027-01-01");
    assert!(
        window["warning"]
            .as_str()
            .unwrap()
            .contains("2027年的节假日安排尚未载入"),
        "the petitioner is warned: {window}"
    );
    let file: Value = case(&app, &head, &number).await.json().await.unwrap();
    assert!(
        deadline(&file["deadlines"], "复查申请期限").unwrap()["warning"].is_string(),
        "and so is staff"
    );

    let admin = staff(&app, "示范市信访局", "administrator").await;
    assert_eq!(
        put_year(&app, &admin, 2027, FULL_2027).await.status(),
        StatusCode::NO_CONTENT
    );
    // 1-3 January are 元旦: the window now ends on Monday 4 January, stored and shown.
    assert_eq!(
        stored(&app, "due_on", &number).await.as_deref(),
        Some("2027-01-04")
    );
    let view = citizen_view(&app, &citizen.token, &number).await;
    let window = deadline(&view["progress"]["deadlines"], "复查申请期限").unwrap();
    assert_eq!(window["due"], "2027-01-04");
    assert!(window["warning"].is_null());
    assert!(
        view["progress"]["timeline"]
            .to_string()
            .contains("复查申请期限由2027-01-01调整为2027-01-04"),
        "the timeline notes the change: {}",
        view["progress"]["timeline"]
    );

    // The clock job closes the matter only after the new date.
    let run = |day| server::jobs::clocks::run(&app.state, day);
    assert_eq!(run(d(2027, 1, 4)).await.unwrap().closed, 0);
    assert_eq!(
        citizen_view(&app, &citizen.token, &number).await["progress"]["status"],
        "replied"
    );
    assert_eq!(run(d(2027, 1, 5)).await.unwrap().closed, 1);
    assert_eq!(
        citizen_view(&app, &citizen.token, &number).await["progress"]["status"],
        "closed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_year_is_kept_but_not_loaded_and_administrators_are_alerted_until_it_is() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let partial = "2027-01-01..2027-01-03 rest 元旦\n2027-02-06..2027-02-12 rest 春节\n";
    assert_eq!(
        put_year(&app, &admin, 2027, partial).await.status(),
        StatusCode::NO_CONTENT
    );
    let calendar = app.state.calendar.get();
    assert!(!calendar.covers(2027), "two festivals of seven");
    assert!(
        calendar.is_rest_day(d(2027, 2, 8)),
        "the days entered count"
    );
    let years: Value = app
        .get("/api/v1/admin/calendar", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let y2027 = years
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2027)
        .unwrap();
    assert_eq!(
        y2027["missing"],
        json!(["清明节", "劳动节", "端午节", "中秋节", "国庆节"])
    );

    // From 1 November administrators hear of it, once a week.
    let run = |day| server::jobs::clocks::run(&app.state, day);
    assert_eq!(run(d(2026, 10, 31)).await.unwrap().calendar_alerts, 0);
    assert_eq!(run(d(2026, 11, 2)).await.unwrap().calendar_alerts, 1);
    assert_eq!(run(d(2026, 11, 3)).await.unwrap().calendar_alerts, 0);
    assert_eq!(run(d(2026, 11, 9)).await.unwrap().calendar_alerts, 1);
    let emails: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE template = 'calendar_missing' AND channel = 'email'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(emails, 2, "by e-mail too");
    let channels = server::jobs::outbox::Channels::from_settings(&app.state).unwrap();
    server::jobs::outbox::run_once(&app.state, &channels, "w1")
        .await
        .unwrap();
    let inbox: Value = app
        .get("/api/v1/notifications", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        inbox.to_string().contains("2027年节假日安排尚未载入"),
        "in-app: {inbox}"
    );
    let clerk = staff(&app, DISTRICT_BUREAU, "intake").await;
    let clerk_inbox: Value = app
        .get("/api/v1/notifications", Some(&clerk))
        .await
        .json()
        .await
        .unwrap();
    assert!(!clerk_inbox.to_string().contains("节假日安排"));

    // The whole notice loaded: no more alerts.
    assert_eq!(
        put_year(&app, &admin, 2027, FULL_2027).await.status(),
        StatusCode::NO_CONTENT
    );
    assert!(app.state.calendar.get().covers(2027));
    assert_eq!(run(d(2026, 11, 16)).await.unwrap().calendar_alerts, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receiving_unit_has_its_own_clock_to_tell_the_petitioner_and_each_deadline_shows_once()
{
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let labels = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let bureau = staff(&app, DISTRICT_BUREAU, "intake").await;
    let file: Value = case(&app, &bureau, &number).await.json().await.unwrap();
    assert_eq!(labels(&file["deadlines"]), ["受理告知期限"], "listed once");
    assert_eq!(file["deadlines"][0]["done"], false, "it runs");

    let housing = staff(&app, HOUSING, "handler").await;
    let unit = crate::helpers::unit_id(&app, HOUSING).await;
    act_ok(
        &app,
        &bureau,
        &number,
        json!({ "action": "forward", "unit_id": unit }),
    )
    .await;
    let file: Value = case(&app, &housing, &number).await.json().await.unwrap();
    assert_eq!(
        labels(&file["deadlines"]),
        ["受理告知期限", "异议期限", "承办单位书面告知期限"]
    );
    // Forwarding took the acceptance step: its date stays, marked done; the new ones run.
    let done: Vec<bool> = file["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["done"].as_bool().unwrap())
        .collect();
    assert_eq!(done, [true, false, false]);
    let notice = deadline(&file["deadlines"], "承办单位书面告知期限").unwrap();
    assert_eq!(notice["days"], 15);
    assert!(notice["basis"].as_str().unwrap().contains("第二十三条"));
    let view = citizen_view(&app, &citizen.token, &number).await;
    assert!(deadline(&view["progress"]["deadlines"], "承办单位书面告知期限").is_some());
    assert_eq!(
        deadline(&view["progress"]["deadlines"], "受理告知期限").unwrap()["done"],
        true,
        "the petitioner sees the step taken"
    );

    act_ok(
        &app,
        &housing,
        &number,
        json!({ "action": "receive_accept" }),
    )
    .await;
    let file: Value = case(&app, &housing, &number).await.json().await.unwrap();
    assert_eq!(labels(&file["deadlines"]), ["受理告知期限", "办理期限"]);
    assert_eq!(stored(&app, "notice_due", &number).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_extension_is_granted_only_in_time_and_moves_the_assigned_deadline() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut numbers = Vec::new();
    for _ in 0..2 {
        numbers.push(app.file_ok_number(&citizen.token).await);
    }
    let bureau = staff(&app, DISTRICT_BUREAU, "intake").await;
    let housing = staff(&app, HOUSING, "handler,unit_head").await;
    let unit = crate::helpers::unit_id(&app, HOUSING).await;
    let assigned = server::time::today()
        .checked_add_days(Days::new(20))
        .unwrap();
    for n in &numbers {
        act_ok(
            &app,
            &bureau,
            n,
            json!({ "action": "assign", "unit_id": unit, "due": assigned }),
        )
        .await;
        act_ok(&app, &housing, n, json!({ "action": "receive_accept" })).await;
    }
    let (assigned_case, late_case) = (&numbers[0], &numbers[1]);
    act_ok(
        &app,
        &housing,
        assigned_case,
        json!({ "action": "extend", "days": 10, "reason": "需要补充现场勘验" }),
    )
    .await;
    let moved = assigned
        .checked_add_days(Days::new(10))
        .unwrap()
        .to_string();
    assert_eq!(
        stored(&app, "assigned_due", assigned_case).await,
        Some(moved.clone()),
        "the 交办 deadline moves with the extension"
    );
    assert_eq!(stored(&app, "due_on", assigned_case).await, Some(moved));

    // A handling period that has run out cannot be extended.
    sql(
        &app,
        "UPDATE petitions SET clock_start = '2026-01-05', assigned_due = NULL WHERE number = $1",
        late_case,
    )
    .await;
    let res = act(
        &app,
        &housing,
        late_case,
        json!({ "action": "extend", "days": 10, "reason": "需要补充现场勘验" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let said = message(res).await;
    assert!(
        said.contains("届满") && said.contains("第三十四条"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hearing_days_are_bounded_per_round_and_shown_on_the_timeline() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let head = staff(&app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    act_ok(&app, &head, &number, json!({ "action": "accept_here" })).await;
    let hearing = |days: u32| {
        let (app, head, number) = (&app, head.clone(), number.clone());
        async move {
            act(
                app,
                &head,
                &number,
                json!({ "action": "record_hearing", "days": days, "note": "组织听证，双方到场" }),
            )
            .await
        }
    };
    assert_eq!(hearing(60).await.status(), StatusCode::NO_CONTENT);
    let res = hearing(31).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().await.unwrap().contains("已用60日"),
        "the clerk is told how many are left"
    );
    assert_eq!(hearing(30).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(hearing(1).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let view = citizen_view(&app, &citizen.token, &number).await;
    let timeline = view["progress"]["timeline"].to_string();
    assert!(timeline.contains("本轮累计60日") && timeline.contains("本轮累计90日"));
    let handling = deadline(&view["progress"]["deadlines"], "办理期限").unwrap();
    assert_eq!(handling["days"], 60 + 90);
}
