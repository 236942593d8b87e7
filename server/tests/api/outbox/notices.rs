//! What the outbox keeps and whom it tells: a query code kept only until delivered, and a
//! unit's in-app notices with their unread count.

use serde_json::{Value, json};

use super::*;
use crate::helpers::spawn_app_with;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_code_is_kept_only_until_it_is_delivered() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let code = receipt["query_code"].as_str().unwrap().to_owned();
    run_once(&app.state, &channels, "w1").await.unwrap();
    // The text itself carries the code: it is the petitioner's copy.
    let seen = sms.seen.lock().unwrap().clone();
    assert!(seen[0].1["text"].as_str().unwrap().contains(&code));
    // The in-app notice and the outbox rows kept at rest do not.
    let inbox = app
        .get("/api/v1/notifications", Some(&citizen.token))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        inbox.contains("信访事项已提交") && !inbox.contains(&code),
        "{inbox}"
    );
    let rows: Vec<Vec<u8>> = sqlx::query_scalar("SELECT params_enc FROM outbox")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for enc in rows {
        let params = app
            .state
            .vault
            .decrypt(server::crypto::Field::Outbox, &enc)
            .unwrap();
        assert!(!params.contains(&code), "{params}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_hears_of_a_new_matter_in_its_notices_with_an_unread_count_until_read() {
    let app = spawn_app_with(|s| s.notify.worker = false).await;
    let channels = Channels::from_settings(&app.state).unwrap();
    let citizen = app.citizen().await;
    let number = app.file_ok_number(&citizen.token).await;
    let intake = crate::helpers::staff(&app, "东城区信访局", "intake").await;
    let handler = crate::helpers::staff(&app, "东城区住房和城乡建设局", "handler").await;
    let housing = crate::helpers::unit_id(&app, "东城区住房和城乡建设局").await;
    let unread = |token: String| {
        let app = &app;
        async move {
            app.get("/api/v1/staff/me", Some(&token))
                .await
                .json::<Value>()
                .await
                .unwrap()["unread_notices"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(unread(handler.clone()).await, 0);
    crate::helpers::act_ok(
        &app,
        &intake,
        &number,
        json!({ "action": "forward", "unit_id": housing }),
    )
    .await;
    while run_once(&app.state, &channels, "w1").await.unwrap().sent > 0 {}
    assert_eq!(unread(handler.clone()).await, 1, "新的信访事项");
    let notices: Value = app
        .get("/api/v1/notifications", Some(&handler))
        .await
        .json()
        .await
        .unwrap();
    assert!(notices[0]["body"].as_str().unwrap().contains(&number));
    assert_eq!(notices[0]["read"], false);
    let res = app
        .post_json(
            "/api/v1/notifications/read",
            Some(&handler),
            &json!({ "up_to": notices[0]["id"] }),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::NO_CONTENT);
    assert_eq!(unread(handler.clone()).await, 0);
}
