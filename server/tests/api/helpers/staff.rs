//! Staff for tests: accounts of a unit with roles, logged in (with a second factor where
//! required), and the workflow actions they take.

use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use super::TestApp;

pub async fn unit_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM units WHERE name = $1")
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A new staff account of `unit` with `roles`; returns (username, password).
pub async fn staff_account(app: &TestApp, unit: &str, roles: &str) -> (String, String) {
    let unit = unit_id(app, unit).await;
    let username = format!("s{}", rand::random::<u32>());
    let password =
        server::services::staff::create(&app.state, Some(unit), &username, "工作人员", roles)
            .await
            .unwrap()
            .expect("new account");
    (username, password)
}

/// A new staff account of `unit` with `roles`, logged in (and, where its roles require
/// it, with a second factor bound); returns its access token.
pub async fn staff(app: &TestApp, unit: &str, roles: &str) -> String {
    let (username, password) = staff_account(app, unit, roles).await;
    staff_login(app, &username, &password).await
}

/// Signs a staff account in (binding a second factor where its roles require it);
/// returns its access token.
pub async fn staff_login(app: &TestApp, username: &str, password: &str) -> String {
    let res = app
        .post_json(
            "/api/v1/staff/sessions",
            None,
            &json!({ "username": username, "password": password }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: Value = app
        .get("/api/v1/staff/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    if me["totp_required"] == true {
        let setup: Value = app
            .post_json("/api/v1/staff/me/totp", Some(&token), &json!({}))
            .await
            .json()
            .await
            .unwrap();
        let code = totp_code(setup["secret"].as_str().unwrap(), 0);
        let res = app
            .post_json(
                "/api/v1/staff/me/totp/confirm",
                Some(&token),
                &json!({ "code": code }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    token
}

/// The code of a base32 TOTP secret, `ahead` 30-second steps from now.
pub fn totp_code(secret: &str, ahead: u64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_owned())
        .to_bytes()
        .unwrap();
    let totp = totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + 30 * ahead)
}

pub async fn act(app: &TestApp, token: &str, number: &str, body: Value) -> Response {
    app.post_json(
        &format!("/api/v1/staff/petitions/{number}/actions"),
        Some(token),
        &body,
    )
    .await
}

pub async fn act_ok(app: &TestApp, token: &str, number: &str, body: Value) {
    let res = act(app, token, number, body.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "{body}: {}",
        res.text().await.unwrap()
    );
}
