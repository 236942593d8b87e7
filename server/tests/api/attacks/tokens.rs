//! Forged and misused access tokens: every one is refused with 401, and a genuine one
//! keeps working beside them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn sign(app: &TestApp, alg: Algorithm, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(app.state.vault.jwt_key()),
    )
    .unwrap()
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

async fn status_with(app: &TestApp, token: &str) -> StatusCode {
    app.get("/api/v1/accounts/me", Some(token)).await.status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_expired_and_misused_tokens_are_all_refused() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let other = app.citizen().await;
    let genuine = citizen.token.clone();
    assert_eq!(status_with(&app, &genuine).await, StatusCode::OK);
    let claims = claims_of(&genuine);
    let now = chrono::Utc::now().timestamp();
    let (head, body, sig) = {
        let mut parts = genuine.split('.');
        (
            parts.next().unwrap().to_owned(),
            parts.next().unwrap().to_owned(),
            parts.next().unwrap().to_owned(),
        )
    };
    let with = |change: &dyn Fn(&mut Value)| {
        let mut c = claims.clone();
        change(&mut c);
        c
    };
    let pairs = app.tokens(&citizen).await;
    let refresh = pairs["refresh_token"].as_str().unwrap().to_owned();
    let other_sub = claims_of(&other.token)["sub"].clone();

    let attacks: Vec<(&str, String)> = vec![
        (
            "alg none",
            format!("{}.{body}.", b64(&json!({ "alg": "none", "typ": "JWT" }))),
        ),
        (
            "alg None, signature kept",
            format!(
                "{}.{body}.{sig}",
                b64(&json!({ "alg": "None", "typ": "JWT" }))
            ),
        ),
        (
            "HS512 with the same key",
            sign(&app, Algorithm::HS512, &claims),
        ),
        (
            "RS256 header over an HMAC signature",
            format!(
                "{}.{body}.{sig}",
                b64(&json!({ "alg": "RS256", "typ": "JWT" }))
            ),
        ),
        ("signature stripped", format!("{head}.{body}.")),
        ("signature cut", format!("{head}.{body}")),
        ("signature altered", format!("{head}.{body}.{}", flip(&sig))),
        (
            "payload altered to another citizen",
            format!(
                "{head}.{}.{sig}",
                b64(&with(&|c| c["sub"] = other_sub.clone()))
            ),
        ),
        (
            "expired 45 s ago (leeway is 30 s)",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| c["exp"] = json!(now - 45)),
            ),
        ),
        (
            "not valid for another minute",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| c["nbf"] = json!(now + 60)),
            ),
        ),
        (
            "another audience",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| c["aud"] = json!("other-portal")),
            ),
        ),
        (
            "another issuer",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| c["iss"] = json!("someone-else")),
            ),
        ),
        (
            "no expiry",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| {
                    c.as_object_mut().unwrap().remove("exp");
                }),
            ),
        ),
        (
            "an unknown session",
            sign(
                &app,
                Algorithm::HS256,
                &with(&|c| c["sid"] = json!("forged-session")),
            ),
        ),
        ("the refresh token as an access token", refresh.clone()),
        ("garbage", "not-a-token".into()),
    ];
    for (name, token) in &attacks {
        let res = app.get("/api/v1/accounts/me", Some(token)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
        let text = res.text().await.unwrap();
        assert!(!text.contains("citizen:"), "{name}: {text}");
    }
    // Within the leeway a token still works, so clocks a few seconds apart do not log out.
    let skewed = sign(
        &app,
        Algorithm::HS256,
        &with(&|c| c["exp"] = json!(now - 10)),
    );
    assert_eq!(status_with(&app, &skewed).await, StatusCode::OK);
    assert_eq!(status_with(&app, &genuine).await, StatusCode::OK);
}

/// The signature with its first character changed to another valid base64url character.
fn flip(sig: &str) -> String {
    let mut chars: Vec<char> = sig.chars().collect();
    chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_login_is_a_new_session_and_password_change_ends_the_others_at_once() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let second = app.tokens(&citizen).await;
    let second = second["access_token"].as_str().unwrap().to_owned();
    assert_ne!(
        claims_of(&citizen.token)["sid"],
        claims_of(&second)["sid"],
        "each login starts its own session"
    );
    let res = app
        .change_password(&citizen.token, &citizen.password, "Another-Pass-2026!")
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(status_with(&app, &second).await, StatusCode::UNAUTHORIZED);
}
