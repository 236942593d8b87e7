//! 短信验证码 as a person with a phone observes them: one code per minute and ten a day,
//! good for five minutes, once, for its phone and purpose, dead after five wrong tries;
//! and the phone change they protect. Codes never reach the log.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_fields, id_number, logs, phone, spawn_app, spawn_app_with};

async fn ask(app: &TestApp, phone: &str, purpose: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/verification-codes",
        None,
        &json!({ "phone": phone, "purpose": purpose }),
    )
    .await
}

async fn register(app: &TestApp, phone: &str, code: &str) -> reqwest::Response {
    app.register(&json!({
        "real_name": "周建国", "id_number": id_number(), "phone": phone,
        "password": "山脚下的小溪-1968", "sms_code": code
    }))
    .await
}

async fn message(res: reqwest::Response) -> String {
    res.json::<Value>().await.unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_works_once_for_its_phone_and_purpose_and_never_reaches_the_log() {
    let app = spawn_app().await;
    let phone = phone();
    let code = app.sms_code(&phone, "register").await;
    let text = app.texts_to(&phone, &code).await;
    assert!(text.contains("5分钟内有效"), "{text}");

    // Another phone cannot use it.
    let other = crate::helpers::phone();
    let res = register(&app, &other, &code).await;
    assert_eq!(error_fields(res).await, ["sms_code"]);

    assert_eq!(
        register(&app, &phone, &code).await.status(),
        StatusCode::CREATED
    );
    // Spent: the same code does not work twice (here for the phone change, another purpose).
    let login: Value = app
        .login(&phone, "山脚下的小溪-1968")
        .await
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap();
    let res = app
        .client
        .put(app.url("/api/v1/accounts/me/phone"))
        .bearer_auth(token)
        .json(&json!({ "phone": phone, "sms_code": code, "password": "山脚下的小溪-1968" }))
        .send()
        .await
        .unwrap();
    assert_eq!(error_fields(res).await, ["sms_code"]);
    assert!(!logs().contains(&code), "the code is never logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_tries_kill_a_code_and_an_expired_one_is_refused() {
    let app = spawn_app().await;
    let phone = phone();
    let code = app.sms_code(&phone, "register").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let res = register(&app, &phone, wrong).await;
    assert!(message(res).await.contains("还可以再试4次"));
    for _ in 0..4 {
        register(&app, &phone, wrong).await;
    }
    let res = register(&app, &phone, &code).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        message(res).await.contains("已失效"),
        "the right code is dead too"
    );

    app.a_minute_later().await;
    let code = app.sms_code(&phone, "register").await;
    sqlx::query("UPDATE verification_codes SET expires_at = 0")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let res = register(&app, &phone, &code).await;
    assert!(message(res).await.contains("已失效"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_guesses_get_no_more_than_five_tries_at_a_code() {
    let app = spawn_app().await;
    let phone = phone();
    let code = app.sms_code(&phone, "register").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guesses = (0..20).map(|_| register(&app, &phone, wrong));
    let answers = futures::future::join_all(guesses).await;
    let mut compared = 0;
    for res in answers {
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        if message(res).await.contains("还可以再试") {
            compared += 1;
        }
    }
    assert!(
        compared <= 4,
        "{compared} guesses were told they may try again"
    );
    let tries: i64 = sqlx::query_scalar("SELECT tries FROM verification_codes")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(tries, 5);
    let res = register(&app, &phone, &code).await;
    assert!(
        message(res).await.contains("已失效"),
        "the right code is dead"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_gets_one_code_a_minute_and_ten_a_day_per_purpose_and_an_address_its_hourly_share()
{
    let app = spawn_app().await;
    let phone = phone();
    assert_eq!(
        ask(&app, &phone, "register").await.status(),
        StatusCode::ACCEPTED
    );
    let res = ask(&app, &phone, "register").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(message(res).await.contains("60秒"));
    // Another purpose has its own count: registration codes asked by a stranger cannot
    // keep the owner from the codes of a look-up or a phone change.
    assert_eq!(
        ask(&app, &phone, "change_phone").await.status(),
        StatusCode::ACCEPTED
    );
    for _ in 0..9 {
        app.a_minute_later().await;
        assert_eq!(
            ask(&app, &phone, "register").await.status(),
            StatusCode::ACCEPTED
        );
    }
    app.a_minute_later().await;
    let res = ask(&app, &phone, "register").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(message(res).await.contains("10次"));
    assert_eq!(
        ask(&app, &phone, "change_phone").await.status(),
        StatusCode::ACCEPTED
    );

    let bad = ask(&app, "1380000", "register").await;
    assert_eq!(error_fields(bad).await, ["phone"]);

    let strict = spawn_app_with(|s| s.limits.sms_codes_per_hour = 2).await;
    for _ in 0..2 {
        let p = crate::helpers::phone();
        assert_eq!(
            ask(&strict, &p, "register").await.status(),
            StatusCode::ACCEPTED
        );
    }
    let res = ask(&strict, &crate::helpers::phone(), "register").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(message(res).await.contains("一小时"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_moves_to_a_new_phone_proved_by_a_code_sent_to_it() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let new = phone();
    let code = app.sms_code(&new, "change_phone").await;
    let change = |body: Value| {
        app.client
            .put(app.url("/api/v1/accounts/me/phone"))
            .bearer_auth(&citizen.token)
            .json(&body)
            .send()
    };
    let res = change(json!({ "phone": new, "sms_code": code, "password": "不是这个密码-1" }))
        .await
        .unwrap();
    assert_eq!(error_fields(res).await, ["password"]);
    let res = change(json!({ "phone": new, "sms_code": code, "password": citizen.password }))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.login(&citizen.phone, &citizen.password).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&new, &citizen.password).await.status(),
        StatusCode::OK
    );
    let me: Value = app
        .get("/api/v1/accounts/me", Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["phone"], new.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_who_turns_sms_off_still_finds_every_notice_in_the_app() {
    let app = spawn_app_with(|s| s.notify.worker = false).await;
    let citizen = app.citizen().await;
    let res = app
        .client
        .put(app.url("/api/v1/accounts/me/channels"))
        .bearer_auth(&citizen.token)
        .json(&json!({ "sms": false, "email": true }))
        .send()
        .await
        .unwrap();
    let view: Value = res.json().await.unwrap();
    assert_eq!(
        (view["sms"].clone(), view["has_email"].clone()),
        (json!(false), json!(false))
    );
    app.file_ok(&citizen.token).await;
    let channels: Vec<String> =
        sqlx::query_scalar("SELECT channel FROM outbox WHERE template = 'petition_filed'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(channels, ["inapp"]);
}
