//! The clock job as staff and petitioners observe it: warnings, overdue flags with
//! escalation, rating and review-window reminders and closing, each once, on several instances.

use serde_json::{Value, json};

mod arrival;
mod receipt;
mod rules;

use crate::helpers::{TestApp, act_ok, spawn_app, staff};
use crate::workflow::{DISTRICT_BUREAU, case, citizen_view, draft};

/// Two petitions accepted by the district bureau: one still being handled, one replied.
/// Returns the citizen, the bureau's head and the two numbers (late, replied).
async fn late_and_replied(app: &TestApp) -> (crate::helpers::Citizen, String, String, String) {
    let citizen = app.citizen().await;
    let mut numbers = Vec::new();
    for _ in 0..2 {
        numbers.push(app.file_ok_number(&citizen.token).await);
    }
    let head = staff(app, DISTRICT_BUREAU, "intake,unit_head,handler").await;
    for n in &numbers {
        act_ok(app, &head, n, json!({ "action": "accept_here" })).await;
    }
    let replied = numbers.pop().unwrap();
    act_ok(app, &head, &replied, draft()).await;
    act_ok(app, &head, &replied, json!({ "action": "approve_reply" })).await;
    (citizen, head, numbers.pop().unwrap(), replied)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clock_job_flags_overdue_once_even_on_two_instances_and_closes_lapsed_replies() {
    let app = spawn_app().await;
    let (citizen, head, late, replied) = late_and_replied(&app).await;
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE petitions SET due_on = '2026-01-05' WHERE number = $1 OR number = $2")
        .bind(&late)
        .bind(&replied)
        .execute(pool)
        .await
        .unwrap();

    // Two instances run the job at the same moment.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let (a, b) = tokio::join!(
        server::jobs::clocks::run(&app.state, today),
        server::jobs::clocks::run(&app.state, today)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.overdue + b.overdue, 1);
    assert_eq!(a.closed + b.closed, 1);
    let again = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!(
        again,
        server::jobs::clocks::Run::default(),
        "nothing is raised twice"
    );

    let file: Value = case(&app, &head, &late).await.json().await.unwrap();
    assert_eq!(file["clock"], "overdue");
    let overdue = file["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["title"] == "超期")
        .count();
    assert_eq!(overdue, 1);
    assert!(
        file["timeline"]
            .to_string()
            .contains("已提请示范市信访局督办"),
        "escalated to the unit above"
    );
    let view = citizen_view(&app, &citizen.token, &replied).await;
    assert_eq!(view["progress"]["status"], "closed");
    assert!(
        !view["progress"]["timeline"].to_string().contains("超期"),
        "internal flags stay internal"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_petitioner_is_reminded_before_the_review_window_closes_and_units_hear_of_overdue() {
    let app = spawn_app().await;
    let (_, _, late, replied) = late_and_replied(&app).await;
    let pool = &app.state.db.pool;
    for (number, due) in [(&replied, "2026-03-03"), (&late, "2026-02-01")] {
        sqlx::query("UPDATE petitions SET due_on = $1 WHERE number = $2")
            .bind(due)
            .bind(number)
            .execute(pool)
            .await
            .unwrap();
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let run = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!((run.reminded, run.overdue), (1, 1));
    let again = server::jobs::clocks::run(&app.state, today).await.unwrap();
    assert_eq!(
        again,
        server::jobs::clocks::Run::default(),
        "each is said once"
    );
    let count = |template: &'static str, channel: &'static str| async move {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM outbox WHERE template = $1 AND channel = $2",
        )
        .bind(template)
        .bind(channel)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    assert_eq!(
        count("review_closing", "sms").await,
        1,
        "the petitioner gets an SMS"
    );
    assert_eq!(
        (run.rating_reminded, count("rating_reminder", "sms").await),
        (1, 1),
        "an unrated reply a week old: 请评价"
    );
    assert_eq!(
        count("overdue", "inapp").await,
        2,
        "the holding unit and the one above"
    );
}
