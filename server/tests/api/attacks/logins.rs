//! Password guessing: tries at one account from one address run out, the owner at their
//! own address still logs in, and nothing in the answers tells whether an account exists.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, phone, spawn_app_with};

/// A login as if from `client`: the test portal trusts 127.0.0.1 as its reverse proxy.
async fn login_from(app: &TestApp, client: &str, phone: &str, password: &str) -> (u16, String) {
    let res = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("X-Forwarded-For", client)
        .json(&json!({ "phone": phone, "password": password }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_runs_out_of_tries_without_locking_the_owner_out() {
    let app = spawn_app_with(|s| {
        s.limits.logins_per_account = 5;
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let owner = app.citizen().await;
    let stranger = phone();
    let attacker = "203.0.113.7";

    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..6 {
        known.push(login_from(&app, attacker, &owner.phone, "guess-123456").await);
        unknown.push(login_from(&app, attacker, &stranger, "guess-123456").await);
    }
    // Wrong password and unknown phone: the same status and the same words, try by try,
    // and the same refusal once the tries run out.
    assert_eq!(known, unknown);
    let statuses: Vec<u16> = known.iter().map(|(s, _)| *s).collect();
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // Even the right password is refused from the guesser's address now...
    let (status, _) = login_from(&app, attacker, &owner.phone, &owner.password).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS.as_u16());
    // ...but the owner, at home, logs in.
    let (status, _) = login_from(&app, "198.51.100.20", &owner.phone, &owner.password).await;
    assert_eq!(status, StatusCode::OK.as_u16());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spelling_the_phone_another_way_or_moving_within_an_ipv6_64_buys_no_new_tries() {
    let app = spawn_app_with(|s| {
        s.limits.logins_per_account = 5;
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let owner = app.citizen().await;
    let digits = owner.phone.clone();
    let spellings = [
        digits.clone(),
        format!("+86 {digits}"),
        format!("{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..]),
        format!("86{digits}"),
        format!(" {} {} ", &digits[..3], &digits[3..]),
        format!("+86-{digits}"),
    ];
    let mut statuses = Vec::new();
    for (n, spelling) in spellings.iter().enumerate() {
        // Each try from another address of one subscriber's /64.
        let client = format!("2001:db8:7:8::{:x}", n + 1);
        statuses.push(login_from(&app, &client, spelling, "guess-123456").await.0);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // The owner's own line is another /64.
    let (status, _) = login_from(&app, "2001:db8:7:9::1", &owner.phone, &owner.password).await;
    assert_eq!(status, StatusCode::OK.as_u16());
}
