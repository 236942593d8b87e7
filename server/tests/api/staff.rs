//! Staff log in with a username and password and are told apart from citizens.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, totp_code};

/// Creates an intake clerk of the city's petition bureau; returns (username, password).
async fn clerk(app: &TestApp) -> (String, String) {
    let unit: i64 = sqlx::query_scalar("SELECT id FROM units WHERE name = '示范市信访局'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let username = format!("clerk{}", rand::random::<u32>());
    let password = server::services::staff::create(
        &app.state,
        Some(unit),
        &username,
        "市信访局登记员",
        "intake,supervisor",
    )
    .await
    .unwrap()
    .expect("new account");
    (username, password)
}

async fn staff_login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/staff/sessions",
        None,
        &json!({ "username": username, "password": password }),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_logs_in_and_sees_their_unit_and_roles() {
    let app = spawn_app().await;
    let (username, password) = clerk(&app).await;
    let res = staff_login(&app, &username, &password).await;
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
    assert_eq!(me["username"], username);
    assert_eq!(me["unit"], "示范市信访局");
    assert_eq!(me["roles"], json!(["intake", "supervisor"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_username_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let (username, _) = clerk(&app).await;
    let wrong = staff_login(&app, &username, "not the password").await;
    let unknown = staff_login(&app, "nobody-here", "not the password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_and_staff_tokens_open_only_their_own_doors() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let (username, password) = clerk(&app).await;
    let staff: Value = staff_login(&app, &username, &password)
        .await
        .json()
        .await
        .unwrap();
    let staff_token = staff["access_token"].as_str().unwrap();
    assert_eq!(
        app.get("/api/v1/staff/me", Some(&citizen.token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/petitions", Some(staff_token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/accounts/me", Some(staff_token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_logs_out_and_the_token_stops_working() {
    let app = spawn_app().await;
    let (username, password) = clerk(&app).await;
    let staff: Value = staff_login(&app, &username, &password)
        .await
        .json()
        .await
        .unwrap();
    let token = staff["access_token"].as_str().unwrap();
    let res = app
        .client
        .delete(app.url("/api/v1/sessions/current"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/staff/me", Some(token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_that_requires_a_second_factor_works_only_after_binding_one() {
    let app = spawn_app().await;
    let unit: i64 = sqlx::query_scalar("SELECT id FROM units WHERE name = '东城区信访局'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let username = format!("admin{}", rand::random::<u32>());
    let password = server::services::staff::create(
        &app.state,
        Some(unit),
        &username,
        "管理员",
        "intake,administrator",
    )
    .await
    .unwrap()
    .unwrap();
    let token = staff_login(&app, &username, &password)
        .await
        .json::<Value>()
        .await
        .unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: Value = app
        .get("/api/v1/staff/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["totp_required"], true);
    let res = app.get("/api/v1/staff/petitions", Some(&token)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("动态口令"));

    let setup: Value = app
        .post_json("/api/v1/staff/me/totp", Some(&token), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert!(
        setup["url"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    // And as a QR code drawn on the server, for the app to scan from the page.
    let qr = setup["qr_svg"].as_str().unwrap();
    assert!(
        qr.starts_with("<svg")
            && qr.contains("动态口令绑定二维码")
            && qr.trim_end().ends_with("</svg>")
    );
    let res = app
        .post_json(
            "/api/v1/staff/me/totp/confirm",
            Some(&token),
            &json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let first = totp_code(&secret, 0);
    let res = app
        .post_json(
            "/api/v1/staff/me/totp/confirm",
            Some(&token),
            &json!({ "code": first }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/staff/petitions", Some(&token))
            .await
            .status(),
        StatusCode::OK
    );

    // From now on the login needs a code, and a code works once. Without it, or with a
    // used one, the answer is the one a wrong password gets: the password is not confirmed.
    let wrong_password = app
        .post_json(
            "/api/v1/staff/sessions",
            None,
            &json!({ "username": username, "password": "不是这个密码", "totp": totp_code(&secret, 1) }),
        )
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    let wrong_password = wrong_password.text().await.unwrap();
    let res = staff_login(&app, &username, &password).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.text().await.unwrap(), wrong_password);
    let with = |code: String| json!({ "username": username, "password": password, "totp": code });
    let res = app
        .post_json("/api/v1/staff/sessions", None, &with(first.clone()))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "a used code is refused"
    );
    assert_eq!(res.text().await.unwrap(), wrong_password);
    let res = app
        .post_json("/api/v1/staff/sessions", None, &with(totp_code(&secret, 1)))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // A bound factor cannot be swapped by whoever holds the session.
    let res = app
        .post_json("/api/v1/staff/me/totp", Some(&token), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
}
