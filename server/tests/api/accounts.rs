use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Row;

use crate::helpers::{error_fields, id_number, phone, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_registers_with_a_real_identity_and_logs_in_by_phone() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let me: Value = app
        .get("/api/v1/accounts/me", Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["real_name"], citizen.real_name);
    assert_eq!(
        me["id_number"], citizen.id_number,
        "the owner sees the number unmasked"
    );
    assert_eq!(me["phone"], citizen.phone);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_reports_every_wrong_field_at_once_in_chinese() {
    let app = spawn_app().await;
    let res = app
        .register(&json!({
            "real_name": "", "id_number": "110101199003074210", "phone": "12345",
            "password": "short", "email": "not-an-email", "address": "短", "sms_code": "12a"
        }))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    let fields: Vec<_> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "real_name",
            "id_number",
            "phone",
            "password",
            "email",
            "address",
            "sms_code"
        ]
    );
    assert_eq!(
        body["fields"][1]["message"],
        "身份证号码校验位不正确，请核对"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_is_kept_encrypted_and_shown_to_its_owner() {
    let app = spawn_app().await;
    let address = "示范市东城区新桥街道梧桐路18号3单元502室";
    let phone = phone();
    let body = json!({
        "real_name": "孙立", "id_number": id_number(), "phone": phone,
        "password": "窗台上的绿萝-2026", "address": address,
        "sms_code": app.sms_code(&phone, "register").await
    });
    assert_eq!(app.register(&body).await.status(), StatusCode::CREATED);
    let tokens: Value = app
        .login(body["phone"].as_str().unwrap(), "窗台上的绿萝-2026")
        .await
        .json()
        .await
        .unwrap();
    let me: Value = app
        .get("/api/v1/accounts/me", tokens["access_token"].as_str())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["address"], address);
    let stored: Vec<u8> = sqlx::query("SELECT address_enc FROM citizens")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .get(0);
    assert!(
        !stored
            .windows(address.len())
            .any(|w| w == address.as_bytes())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_common_password_is_refused() {
    let app = spawn_app().await;
    let phone = phone();
    let code = app.sms_code(&phone, "register").await;
    let res = app
        .register(&json!({ "real_name": "李雷", "id_number": id_number(), "phone": phone, "password": "Password1", "sms_code": code }))
        .await;
    assert_eq!(error_fields(res).await, ["password"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_or_id_number_cannot_register_twice_and_the_answer_never_tells_which() {
    let app = spawn_app().await;
    let first = app.citizen().await;
    let other = app.citizen().await;
    let mut answers = Vec::new();
    // The registrant's own (registered) phone with: the first citizen's ID number, another
    // citizen's, and a fresh one. Each attempt needs a new code, once a minute.
    for id in [
        first.id_number.clone(),
        other.id_number.clone(),
        id_number(),
    ] {
        app.a_minute_later().await;
        let code = app.sms_code(&first.phone, "register").await;
        let again = json!({
            "real_name": "韩梅梅", "id_number": id, "phone": first.phone,
            "password": "另一个不常见的密码", "sms_code": code
        });
        let res = app.register(&again).await;
        assert_eq!(res.status(), reqwest::StatusCode::CONFLICT);
        answers.push(res.text().await.unwrap());
        // The code is used up by the attempt.
        let res = app.register(&again).await;
        assert_eq!(error_fields(res).await, ["sms_code"]);
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    // A fresh phone with a registered ID number gets the same answer.
    let fresh = phone();
    let code = app.sms_code(&fresh, "register").await;
    let res = app
        .register(&json!({
            "real_name": "韩梅梅", "id_number": first.id_number, "phone": fresh,
            "password": "另一个不常见的密码", "sms_code": code
        }))
        .await;
    assert_eq!(res.text().await.unwrap(), answers[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_body_is_a_422_naming_the_problem_not_a_500() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/accounts"))
        .header("Content-Type", "application/json")
        .body("{\"real_name\": 12")
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(res).await, ["body"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_is_encrypted_at_rest() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let row = sqlx::query("SELECT real_name_enc, id_number_enc, phone_enc FROM citizens")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    for (column, plain) in [
        (0, &citizen.real_name),
        (1, &citizen.id_number),
        (2, &citizen.phone),
    ] {
        let stored: Vec<u8> = row.get(column);
        assert!(
            !stored.windows(plain.len()).any(|w| w == plain.as_bytes()),
            "column {column} holds plain text"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_every_session_at_once() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let second: Value = app.tokens(&citizen).await;
    let res = app
        .change_password(&citizen.token, &citizen.password, "新的不常见密码-2026")
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    for token in [
        citizen.token.as_str(),
        second["access_token"].as_str().unwrap(),
    ] {
        assert_eq!(
            app.get("/api/v1/accounts/me", Some(token)).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.login(&citizen.phone, &citizen.password).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&citizen.phone, "新的不常见密码-2026")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_current_password_changes_nothing() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = app
        .change_password(&citizen.token, "not it at all", "新的不常见密码-2026")
        .await;
    assert_eq!(error_fields(res).await, ["current_password"]);
    assert_eq!(
        app.get("/api/v1/accounts/me", Some(&citizen.token))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_with_a_code_to_the_phone_and_every_session_ends() {
    let app = crate::helpers::spawn_app().await;
    let citizen = app.citizen().await;
    let reset = |code: String, password: &str| {
        let (app, phone, password) = (&app, citizen.phone.clone(), password.to_owned());
        async move {
            app.post_json(
                "/api/v1/accounts/password-reset",
                None,
                &serde_json::json!({ "phone": phone, "sms_code": code, "new_password": password }),
            )
            .await
        }
    };
    // A wrong code changes nothing.
    let res = reset("000000".into(), "湖边的新柳树-2026").await;
    assert_eq!(res.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    let code = app.sms_code(&citizen.phone, "reset_password").await;
    let res = reset(code.clone(), "湖边的新柳树-2026").await;
    assert_eq!(res.status(), reqwest::StatusCode::NO_CONTENT);
    // The old session and password are gone; the new one works; the code worked once.
    assert_eq!(
        app.get("/api/v1/accounts/me", Some(&citizen.token))
            .await
            .status(),
        reqwest::StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&citizen.phone, &citizen.password).await.status(),
        reqwest::StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&citizen.phone, "湖边的新柳树-2026")
            .await
            .status(),
        reqwest::StatusCode::OK
    );
    assert_eq!(
        reset(code, "湖边的另一棵树-2026").await.status(),
        reqwest::StatusCode::UNPROCESSABLE_ENTITY
    );
    // A phone without an account learns so only with a code sent to it.
    let stranger = crate::helpers::phone();
    let code = app.sms_code(&stranger, "reset_password").await;
    let res = app
        .post_json(
            "/api/v1/accounts/password-reset",
            None,
            &serde_json::json!({ "phone": stranger, "sms_code": code, "new_password": "湖边的新柳树-2026" }),
        )
        .await;
    assert_eq!(crate::helpers::error_fields(res).await, vec!["phone"]);
}
