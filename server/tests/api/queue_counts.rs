//! The staff queue's counts by clock state, as the clerk reads them beside the filters:
//! each is the number of rows that state's filter lists, less what the clerk may not see.

use serde_json::{Value, json};

use crate::helpers::{spawn_app, staff};
use crate::queue::walk;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counts_beside_each_clock_state_are_what_that_filter_lists() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let filed = app.file_many(&citizen.token, 7).await;
    let clerk = staff(&app, crate::workflow::DISTRICT_BUREAU, "intake").await;
    // Two overdue (yesterday), three due today (临期), two as filed.
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .date_naive();
    let yesterday = today.pred_opt().unwrap().to_string();
    for (n, due) in filed
        .iter()
        .zip([&yesterday, &yesterday])
        .map(|(n, d)| (n, d.clone()))
        .chain(filed[2..5].iter().map(|n| (n, today.to_string())))
    {
        sqlx::query("UPDATE petitions SET due_on = $1 WHERE number = $2")
            .bind(due)
            .bind(n)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
    let page: Value = app
        .get(
            "/api/v1/staff/petitions?status=submitted&counts=true",
            Some(&clerk),
        )
        .await
        .json()
        .await
        .unwrap();
    let counts = &page["counts"];
    assert_eq!(counts["total"], 7, "{counts}");
    assert_eq!(counts["overdue"], 2, "{counts}");
    assert_eq!(counts["due_soon"], 3, "{counts}");
    assert_eq!(counts["running"], 2, "{counts}");
    for clock in ["overdue", "due_soon", "running", "stopped"] {
        let (_, listed) = walk(&app, &clerk, &format!("status=submitted&clock={clock}")).await;
        assert_eq!(
            counts[clock].as_u64().unwrap(),
            listed.len() as u64,
            "{clock}: the count is what the filter lists"
        );
    }
    // A matter the clerk stepped aside from (回避) is neither listed nor counted for them.
    crate::helpers::act_ok(
        &app,
        &clerk,
        &filed[6],
        json!({ "action": "recuse", "reason": "与信访人系亲属" }),
    )
    .await;
    let page: Value = app
        .get(
            "/api/v1/staff/petitions?status=submitted&counts=true",
            Some(&clerk),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["counts"]["total"], 6, "{}", page["counts"]);
    assert_eq!(page["items"].as_array().unwrap().len(), 6);
    // Another filter counts its own rows: none of these came by letter.
    let page: Value = app
        .get(
            "/api/v1/staff/petitions?status=submitted&channel=letter&counts=true",
            Some(&clerk),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["counts"]["total"], 0);
    // Counting is asked for: a plain page has none.
    let page: Value = app
        .get("/api/v1/staff/petitions?status=submitted", Some(&clerk))
        .await
        .json()
        .await
        .unwrap();
    assert!(page.get("counts").is_none());
}
