//! Delivery as partners observe it: a local stand-in for the SMS provider (with a fault
//! mode: 500, 429 with Retry-After, a hang, 400) and a local SMTP sink that holds a real
//! SMTP conversation. The worker is driven round by round.

mod notices;

pub(crate) mod stand_ins;
mod workers;

use std::time::Duration;

use serde_json::{Value, json};
use server::jobs::outbox::{Channels, Lane, Round, run_lane, run_once};
use stand_ins::{Mode, StandIn, smtp_sink};

use crate::helpers::{TestApp, spawn_app_with};

/// The portal with its worker off (tests drive it) and SMS going to the stand-in.
pub(crate) async fn portal(
    sms: &StandIn,
    tweak: impl FnOnce(&mut server::config::Settings),
) -> (TestApp, Channels) {
    let url = sms.url.clone();
    let app = spawn_app_with(move |s| {
        s.notify.worker = false;
        s.notify.sms.provider = server::config::SmsProviderKind::Http;
        s.notify.sms.http_url = url;
        s.notify.timeout_secs = 2;
        tweak(s);
    })
    .await;
    let channels = Channels::from_settings(&app.state).unwrap();
    (app, channels)
}

async fn status_of(app: &TestApp, channel: &str) -> (String, i64, i64) {
    sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT status, attempts, next_attempt_at FROM outbox WHERE channel = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(channel)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
}

/// Makes every waiting message due now.
async fn due_now(app: &TestApp) {
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filing_is_texted_and_notified_in_app_once_and_a_rolled_back_change_sends_nothing() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    let number = receipt["number"].as_str().unwrap();

    let round = run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(
        round,
        Round {
            sent: 2,
            retried: 0,
            dead: 0
        },
        "an SMS and an in-app notice"
    );
    let seen = sms.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    let (key, body) = &seen[0];
    assert!(!key.is_empty(), "every message carries an idempotency key");
    assert_eq!(body["template_code"], "SMS_FILED");
    assert_eq!(body["phone"], citizen.phone.as_str());
    assert_eq!(body["params"]["number"], number);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains(receipt["query_code"].as_str().unwrap())
    );
    let inbox: Value = app
        .get("/api/v1/notifications", Some(&citizen.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox[0]["title"], "信访事项已提交");
    // Nothing is sent twice.
    assert_eq!(
        run_once(&app.state, &channels, "w1").await.unwrap(),
        Round::default()
    );

    // A change that rolls back takes its messages with it.
    let mut tx = app.state.db.begin_write().await.unwrap();
    let notice = server::notify::enqueue::Notice::new(
        server::notify::templates::Event::Replied,
        server::notify::enqueue::Recipient::Citizen(shared::ids::CitizenId(1)),
        &[("number", number.to_owned())],
    );
    server::notify::enqueue::enqueue(&mut tx, &app.state.vault, None, "rolled-back", &notice, 0)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(
        run_once(&app.state, &channels, "w1").await.unwrap(),
        Round::default()
    );
    assert_eq!(sms.seen.lock().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_retried_with_backoff_rate_limits_honoured_and_a_400_dead_lettered() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;

    sms.set(Mode::ServerError);
    let before = chrono::Utc::now().timestamp_millis();
    let round = run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(round.retried, 1);
    let (status, attempts, next) = status_of(&app, "sms").await;
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(
        next >= before + 20_000,
        "the first retry waits about 30 s (with jitter)"
    );

    sms.set(Mode::RateLimited);
    due_now(&app).await;
    let before = chrono::Utc::now().timestamp_millis();
    run_once(&app.state, &channels, "w1").await.unwrap();
    let (status, attempts, next) = status_of(&app, "sms").await;
    assert_eq!((status.as_str(), attempts), ("pending", 2));
    assert!(
        next >= before + 120_000 && next < before + 125_000,
        "Retry-After: 120 is honoured"
    );

    sms.set(Mode::BadRequest);
    due_now(&app).await;
    let round = run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(round.dead, 1);
    let (status, attempts, _) = status_of(&app, "sms").await;
    assert_eq!(
        (status.as_str(), attempts),
        ("dead", 3),
        "a 400 is not retried"
    );
    due_now(&app).await;
    assert_eq!(
        run_once(&app.state, &channels, "w1").await.unwrap(),
        Round::default()
    );
    assert_eq!(sms.seen.lock().unwrap().len(), 3);

    // An administrator sees it and sends it again once the provider is fixed.
    let admin = crate::helpers::staff(&app, "示范市信访局", "administrator").await;
    let dead: Value = app
        .get("/api/v1/admin/outbox?status=dead", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dead[0]["last_error"], "HTTP 400");
    // Named in Chinese on the administration page, never by its code.
    assert_eq!(dead[0]["channel_label"], "短信");
    assert_eq!(dead[0]["event_label"], "提交成功");
    let id = dead[0]["id"].as_i64().unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/admin/outbox/{id}/retry"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::NO_CONTENT);
    sms.set(Mode::Ok);
    assert_eq!(run_once(&app.state, &channels, "w1").await.unwrap().sent, 1);
    assert_eq!(status_of(&app, "sms").await.0, "sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_provider_times_out_without_holding_anyone_up() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    sms.set(Mode::Hang);
    let citizen = app.citizen().await;
    let started = std::time::Instant::now();
    app.file_ok(&citizen.token).await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "filing never waits for a provider"
    );
    let round = run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(round.retried, 1);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_with_an_address_gets_the_receipt_by_a_real_smtp_conversation() {
    let sms = StandIn::start().await;
    let (port, mails) = smtp_sink().await;
    let (app, channels) = portal(&sms, move |s| {
        s.notify.email.mode = server::config::MailMode::Smtp;
        s.notify.email.smtp_security = server::config::SmtpSecurity::None;
        s.notify.email.smtp_port = port;
    })
    .await;
    let phone = crate::helpers::phone();
    let code = app.sms_code(&phone, "register").await;
    let res = app
        .register(&json!({
            "real_name": "孙丽", "id_number": crate::helpers::id_number(), "phone": phone,
            "password": "湖边的小船-2025", "email": "sunli@example.cn", "sms_code": code
        }))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    let login: Value = app
        .login(&phone, "湖边的小船-2025")
        .await
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let receipt = app.file_ok(&token).await;
    let round = run_once(&app.state, &channels, "w1").await.unwrap();
    assert_eq!(round.sent, 3, "SMS, in-app and e-mail");
    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("RCPT TO:<sunli@example.cn>"), "{mail}");
    assert!(
        mail.contains("Message-ID: <a"),
        "the idempotency key names the message"
    );
    let number = receipt["number"].as_str().unwrap();
    assert!(mail.contains("Content-Transfer-Encoding: base64"));
    // The body is the text after the blank line, base64-encoded UTF-8.
    let encoded: String = mail.split("\n\n").nth(1).unwrap().lines().collect();
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains(number), "{body}");
    assert!(body.contains(receipt["query_code"].as_str().unwrap()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_subscription_receives_signed_versioned_events_and_keeps_a_delivery_log() {
    let partner = StandIn::start().await;
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let admin = crate::helpers::staff(&app, "示范市信访局", "administrator").await;
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "省信访信息系统", "url": partner.url, "events": ["petition.filed", "petition.forwarded"] }),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    let sub: Value = res.json().await.unwrap();
    let secret = sub["secret"].as_str().unwrap().to_owned();
    let listed: Value = app
        .get("/api/v1/admin/webhooks", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(listed[0]["secret"].is_null(), "the secret is shown once");

    let citizen = app.citizen().await;
    let receipt = app.file_ok(&citizen.token).await;
    run_once(&app.state, &channels, "w1").await.unwrap();
    let hooks = partner.hooks.lock().unwrap().clone();
    assert_eq!(hooks.len(), 1);
    let (id, timestamp, signature, body) = &hooks[0];
    // The partner verifies it as the Standard Webhooks specification says.
    let key = server::notify::webhook::decode_secret(&secret).unwrap();
    let expected = server::notify::webhook::sign(&key, id, timestamp.parse().unwrap(), body);
    assert_eq!(signature, &expected);
    let payload: Value = serde_json::from_str(body).unwrap();
    assert_eq!(payload["type"], "petition.filed");
    assert_eq!(payload["version"], 1);
    assert_eq!(payload["data"]["number"], receipt["number"]);
    assert!(
        !body.contains(receipt["query_code"].as_str().unwrap()),
        "no query code to partners"
    );
    assert!(!body.contains(&citizen.phone));

    let sub_id = sub["id"].as_i64().unwrap();
    let log: Value = app
        .get(
            &format!("/api/v1/admin/webhooks/{sub_id}/deliveries"),
            Some(&admin),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["status"], "sent");
    assert_eq!(log[0]["event"], "petition_filed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_partner_system_does_not_hold_up_a_verification_code() {
    let partner = StandIn::start().await;
    *partner.mode.lock().unwrap() = Mode::Hang;
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |s| s.notify.timeout_secs = 30).await;
    let admin = crate::helpers::staff(&app, "示范市信访局", "administrator").await;
    let res = app
        .post_json(
            "/api/v1/admin/webhooks",
            Some(&admin),
            &json!({ "name": "省信访信息系统", "url": partner.url, "events": ["*"] }),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    let citizen = app.citizen().await;
    for _ in 0..3 {
        app.file_ok(&citizen.token).await;
    }
    let before = sms.keys().len();
    // Partner deliveries hang (each until its 30 s timeout) in their own lane...
    let systems = {
        let (state, channels) = (
            app.state.clone(),
            Channels::from_settings(&app.state).unwrap(),
        );
        tokio::spawn(async move { run_lane(&state, &channels, "w-systems", Lane::Systems).await })
    };
    // ...while a person asks for a code, and the people's lane sends it at once.
    let phone = crate::helpers::phone();
    let res = app
        .post_json(
            "/api/v1/verification-codes",
            None,
            &json!({ "phone": phone, "purpose": "register" }),
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::ACCEPTED);
    let round = run_lane(&app.state, &channels, "w-people", Lane::People)
        .await
        .unwrap();
    assert!(round.sent >= 4, "{round:?}");
    assert_eq!(sms.keys().len(), before + 4, "three receipts and the code");
    assert!(!systems.is_finished(), "the partner lane is still waiting");
    systems.abort();
}
