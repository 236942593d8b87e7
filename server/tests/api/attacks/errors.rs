//! Error hygiene: malformed requests get a 4xx with a plain message, never a 500, a stack
//! trace, SQL or a file path, and the portal keeps serving.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

/// Words that would betray the internals behind an answer.
const TELLTALES: [&str; 10] = [
    "panicked",
    "backtrace",
    "SELECT ",
    "INSERT ",
    "sqlx",
    "sqlite",
    "/src/",
    ".rs:",
    "/root/",
    "called `Result::unwrap()`",
];

fn assert_clean(what: &str, status: StatusCode, body: &str) {
    // Pages answer with the portal's own "not found" page; the API with a 4xx.
    let page = !what.starts_with("/api/") && !what.starts_with("/ui/");
    assert!(
        status.is_client_error() || (page && status.is_success()),
        "{what}: {status} (expected 4xx): {body}"
    );
    for word in TELLTALES {
        assert!(!body.contains(word), "{what}: '{word}' in {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_a_clean_4xx() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let bodies: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "POST",
            "/api/v1/petitions/lookup",
            b"{\"number\": \"\xff\xfe\"}".to_vec(),
            "application/json",
        ),
        (
            "POST",
            "/api/v1/petitions/lookup",
            b"{not json".to_vec(),
            "application/json",
        ),
        (
            "POST",
            "/api/v1/petitions/lookup",
            b"[]".to_vec(),
            "application/json",
        ),
        (
            "POST",
            "/api/v1/petitions/lookup",
            b"number=1".to_vec(),
            "text/plain",
        ),
        (
            "POST",
            "/api/v1/petitions",
            b"{\"kind\": 12}".to_vec(),
            "application/json",
        ),
        (
            "POST",
            "/api/v1/petitions",
            b"\xff\xff\xff".to_vec(),
            "multipart/form-data; boundary=x",
        ),
        (
            "POST",
            "/api/v1/accounts",
            vec![b'{'; 100_000],
            "application/json",
        ),
        (
            "POST",
            "/ui/lookup",
            b"number=%FF%FE&query_code=%00".to_vec(),
            "application/x-www-form-urlencoded",
        ),
    ];
    for (method, path, body, kind) in bodies {
        let res = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(&citizen.token)
            .header("content-type", kind)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        assert_clean(path, status, &res.text().await.unwrap());
    }
    for path in [
        "/api/v1/petitions/not-a-number",
        "/api/v1/petitions/2026-990101-999999",
        "/api/v1/petitions/%FF%FE",
        "/api/v1/staff/petitions/99999999999999999999999",
        "/api/v1/admin/outbox/-1/retry",
        "/api/v1/petitions/x/attachments/..%2F..%2Fetc%2Fpasswd",
        "/track/%00",
        "/my/petitions/%F0%28%8C%BC",
    ] {
        let res = app.get(path, Some(&citizen.token)).await;
        let status = res.status();
        assert_clean(path, status, &res.text().await.unwrap());
    }
    // A header of 64 KiB is refused before any handler runs.
    let res = app
        .client
        .get(app.url("/api/v1/reference"))
        .header("x-filler", "a".repeat(64 * 1024))
        .send()
        .await;
    if let Ok(res) = res {
        let status = res.status();
        assert_clean("huge header", status, &res.text().await.unwrap());
    }
    // An unknown query parameter value of the wrong type.
    let res = app
        .client
        .get(app.url("/api/v1/staff/petitions?status=%FF&after=%00"))
        .bearer_auth(&citizen.token)
        .send()
        .await
        .unwrap();
    let status = res.status();
    assert_clean("queue filter", status, &res.text().await.unwrap());
    // And the portal still answers.
    assert_eq!(
        app.get("/health/ready", None).await.status(),
        StatusCode::OK
    );
}
