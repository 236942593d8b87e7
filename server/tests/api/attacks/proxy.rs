//! The client address that rate limits count: `X-Forwarded-For` only from a configured
//! reverse proxy, so a client cannot hand itself a fresh address with every request.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with};

async fn lookup_from(app: &TestApp, forwarded: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/petitions/lookup"))
        .header("X-Forwarded-For", forwarded)
        .json(&json!({ "number": "2026-990101-000001", "query_code": "ABCD-EFGH-JKLM-NPQR" }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_trusted_proxy_the_header_is_ignored() {
    let app = spawn_app_with(|s| s.limits.lookups_per_minute = 3).await;
    let mut statuses = Vec::new();
    for n in 0..4 {
        statuses.push(lookup_from(&app, &format!("198.51.100.{n}")).await.as_u16());
    }
    assert_eq!(
        statuses,
        [404, 404, 404, 429],
        "one client, whatever it claims"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_is_counted_apart() {
    let app = spawn_app_with(|s| {
        s.limits.lookups_per_minute = 3;
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            lookup_from(&app, "203.0.113.5").await,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        lookup_from(&app, "203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy has its own count.
    assert_eq!(
        lookup_from(&app, "203.0.113.6").await,
        StatusCode::NOT_FOUND
    );
    // A client that prepends a forged entry is still known by what the proxy appended.
    assert_eq!(
        lookup_from(&app, "10.9.9.9, 203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// A look-up through the UI's server function, as the island posts it, from `forwarded`.
async fn ui_lookup_from(app: &TestApp, forwarded: &str) -> String {
    app.client
        .post(app.url("/ui/lookup"))
        .header("X-Forwarded-For", forwarded)
        .form(&[
            ("number", "2026-990101-000001"),
            ("query_code", "ABCD-EFGH-JKLM-NPQR"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_ui_door_counts_each_client_apart_too() {
    let app = spawn_app_with(|s| {
        s.limits.lookups_per_minute = 3;
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    for _ in 0..3 {
        let answer = ui_lookup_from(&app, "203.0.113.5").await;
        assert!(answer.contains("未找到"), "{answer}");
    }
    let answer = ui_lookup_from(&app, "203.0.113.5").await;
    assert!(answer.contains("频繁"), "{answer}");
    // Another person behind the same proxy is not blocked by the first one's tries, on
    // this door or on the other: both count the same client.
    let answer = ui_lookup_from(&app, "203.0.113.6").await;
    assert!(answer.contains("未找到"), "{answer}");
    assert_eq!(
        lookup_from(&app, "203.0.113.5").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
