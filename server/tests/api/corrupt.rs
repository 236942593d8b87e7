//! A row the code cannot read is refused, never read as a default: a status nobody knows
//! (a bad migration, a newer writer) must not let a petitioner withdraw a closed matter.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

async fn stored_status(app: &crate::helpers::TestApp, number: &str) -> String {
    sqlx::query_scalar("SELECT status FROM petitions WHERE number = $1")
        .bind(number)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_unknown_stored_status_is_refused_not_read_as_submitted() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    sqlx::query("UPDATE petitions SET status = 'archived_by_v9' WHERE number = $1")
        .bind(&number)
        .execute(&app.state.db.pool)
        .await
        .unwrap();

    // Read as "submitted", this would be withdrawn; it is a server error instead.
    let withdraw = app
        .post_json(
            &format!("/api/v1/petitions/{number}/withdraw"),
            Some(&citizen.token),
            &json!({}),
        )
        .await;
    assert_eq!(withdraw.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: Value = withdraw.json().await.unwrap();
    assert!(
        !body["message"].as_str().unwrap().contains("archived_by_v9"),
        "the cause is logged, not shown: {body}"
    );
    assert_eq!(stored_status(&app, &number).await, "archived_by_v9");

    let detail = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await;
    assert_eq!(detail.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn a_flag_that_is_neither_0_nor_1_is_refused() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    sqlx::query("UPDATE petitions SET designated = 7 WHERE number = $1")
        .bind(&number)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let detail = app
        .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
        .await;
    assert_eq!(detail.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(stored_status(&app, &number).await, "submitted");
}
