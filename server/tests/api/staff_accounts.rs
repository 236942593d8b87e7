//! Staff accounts as a security officer checks them: a password an administrator handed
//! out works only to choose one's own, a changed role or a disabled account ends every
//! session at once, and whoever may unmask a petitioner needs a second factor.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, staff, staff_account, unit_id};
use crate::workflow::HOUSING;

async fn login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/staff/sessions",
        None,
        &json!({ "username": username, "password": password }),
    )
    .await
}

async fn token(app: &TestApp, username: &str, password: &str) -> String {
    let res = login(app, username, password).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn queue(app: &TestApp, token: &str) -> reqwest::Response {
    app.get("/api/v1/staff/petitions", Some(token)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handed_out_password_must_be_replaced_and_a_disabled_account_is_locked_out() {
    let app = spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    let unit = unit_id(&app, HOUSING).await;
    let res = app
        .post_json(
            "/api/v1/admin/staff",
            Some(&admin),
            &json!({ "username": "wang.fang", "display_name": "王芳", "unit_id": unit, "roles": ["supervisor"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    let initial = created["initial_password"].as_str().unwrap().to_owned();

    // The handed-out password signs in, but only to change it.
    let first = token(&app, "wang.fang", &initial).await;
    let res = queue(&app, &first).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("初始密码"));
    let me: Value = app
        .get("/api/v1/staff/me", Some(&first))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["must_change_password"], true);
    let own = "只有我知道的口令-春江花月";
    let res = app
        .client
        .put(app.url("/api/v1/staff/me/password"))
        .bearer_auth(&first)
        .json(&json!({ "current_password": initial, "new_password": own }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Every session ended; the administrator's copy of the password is worthless now.
    assert_eq!(queue(&app, &first).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&app, "wang.fang", &initial).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let working = token(&app, "wang.fang", own).await;
    assert_eq!(queue(&app, &working).await.status(), StatusCode::OK);

    // Disabled: the session ends at once and the password answers like a wrong one.
    let wrong = login(&app, "wang.fang", "不是这个密码")
        .await
        .text()
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/disable"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        queue(&app, &working).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = login(&app, "wang.fang", own).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.text().await.unwrap(), wrong);
    let listed: Value = app
        .get("/api/v1/admin/staff", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(row["disabled"], true);
    // Enabled again, the person signs in; a change of roles ends that session too.
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/enable"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let again = token(&app, "wang.fang", own).await;
    let res = app
        .client
        .put(app.url(&format!("/api/v1/admin/staff/{id}")))
        .bearer_auth(&admin)
        .json(&json!({ "unit_id": unit, "roles": ["supervisor", "leader"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(queue(&app, &again).await.status(), StatusCode::UNAUTHORIZED);

    // Each change is in the audit trail.
    for action in [
        "staff_password_change",
        "staff_disable",
        "staff_enable",
        "staff_update",
    ] {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(action)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 1, "{action}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_who_may_unmask_a_petitioner_needs_a_second_factor_by_default() {
    let app = spawn_app().await;
    for roles in ["intake", "handler", "unit_head", "leader"] {
        let (username, password) = staff_account(&app, HOUSING, roles).await;
        let t = token(&app, &username, &password).await;
        let me: Value = app
            .get("/api/v1/staff/me", Some(&t))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["totp_required"], true, "{roles}");
        let res = queue(&app, &t).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{roles}");
        assert!(res.text().await.unwrap().contains("动态口令"));
    }
    // A supervisor cannot unmask anyone and works with a password alone.
    let (username, password) = staff_account(&app, "示范市信访局", "supervisor").await;
    let t = token(&app, &username, &password).await;
    assert_eq!(queue(&app, &t).await.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_resets_a_forgotten_staff_password_to_a_one_time_one_and_sessions_end() {
    use crate::helpers::{staff, staff_account, staff_login};
    let app = crate::helpers::spawn_app().await;
    let admin = staff(&app, "示范市信访局", "administrator").await;
    // A role without a second factor, so the one-time password alone signs in.
    let (username, password) = staff_account(&app, "示范市信访局", "supervisor").await;
    let token = staff_login(&app, &username, &password).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(&username)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/password-reset"),
            Some(&admin),
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let one_time = res.json::<serde_json::Value>().await.unwrap()["initial_password"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get("/api/v1/staff/me", Some(&token)).await.status(),
        reqwest::StatusCode::UNAUTHORIZED,
        "the old session ended"
    );
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(!stored.contains(&one_time), "never stored readable");
    let again = staff_login(&app, &username, &one_time).await;
    let me: serde_json::Value = app
        .get("/api/v1/staff/me", Some(&again))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["must_change_password"], true,
        "good only to choose a new one"
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_password_reset'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let clerk = staff(&app, "东城区信访局", "intake").await;
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/password-reset"),
            Some(&clerk),
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::FORBIDDEN);
}
