use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{phone, spawn_app, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_phone_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let wrong = app.login(&citizen.phone, "wrong password here").await;
    let unknown = app.login(&phone(), "wrong password here").await;
    let malformed = app.login("12", "wrong password here").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let bodies = [
        wrong.text().await.unwrap(),
        unknown.text().await.unwrap(),
        malformed.text().await.unwrap(),
    ];
    assert_eq!(bodies[0], bodies[1]);
    assert_eq!(bodies[0], bodies[2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_revokes_the_access_token_at_once() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let res = app
        .client
        .delete(app.url("/api/v1/sessions/current"))
        .bearer_auth(&citizen.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/petitions", Some(&citizen.token))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_token_rotates_and_a_stale_one_replayed_later_ends_the_session() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let first: Value = app.tokens(&citizen).await;
    let old = first["refresh_token"].as_str().unwrap();
    let res = app
        .post_json(
            "/api/v1/sessions/refresh",
            None,
            &serde_json::json!({ "refresh_token": old }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let second: Value = res.json().await.unwrap();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        app.get(
            "/api/v1/petitions",
            Some(second["access_token"].as_str().unwrap())
        )
        .await
        .status(),
        200
    );

    // A minute later the rotated-away token comes back: someone else holds it.
    sqlx::query("UPDATE sessions SET refreshed_at = refreshed_at - 60000")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let replay = app
        .post_json(
            "/api/v1/sessions/refresh",
            None,
            &serde_json::json!({ "refresh_token": old }),
        )
        .await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    let newest = second["refresh_token"].as_str().unwrap();
    let res = app
        .post_json(
            "/api/v1/sessions/refresh",
            None,
            &serde_json::json!({ "refresh_token": newest }),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the whole session is revoked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookies_are_host_prefixed_secure_http_only_and_same_site() {
    let app = spawn_app_with(|s| s.server.secure_cookies = true).await;
    let citizen = app.citizen().await;
    let res = app.login(&citizen.phone, &citizen.password).await;
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(cookies.len(), 2);
    for c in &cookies {
        assert!(c.starts_with("__Host-"), "{c}");
        for attr in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(c.contains(attr), "{c} lacks {attr}");
        }
        assert!(!c.contains("Domain="), "{c}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_with_only_a_refresh_cookie_is_let_in_and_given_a_new_access_cookie() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let tokens: Value = app.tokens(&citizen).await;
    let res = app
        .client
        .get(app.url("/api/v1/petitions"))
        .header(
            "Cookie",
            format!("refresh={}", tokens["refresh_token"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let set: Vec<_> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        set.iter()
            .any(|c| c.starts_with("access=") && !c.starts_with("access=;")),
        "{set:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_from_one_address_are_rate_limited() {
    let app = spawn_app_with(|s| s.limits.logins_per_minute = 3).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            app.login(&phone(), "whatever password")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [401, 401, 401, 429]);
}
