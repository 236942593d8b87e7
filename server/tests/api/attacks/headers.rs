//! Security headers: each rendered page carries a Content-Security-Policy whose nonce is
//! that response's own (and on every inline script it allows), everything else a policy
//! that allows nothing; HSTS, nosniff, frame-ancestors, the referrer policy and no-store
//! everywhere.

use std::collections::HashSet;

use reqwest::Response;

use crate::helpers::spawn_app;

fn header(res: &Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn assert_common(res: &Response, what: &str) {
    assert_eq!(header(res, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(res, "referrer-policy"), "same-origin", "{what}");
    assert_eq!(header(res, "x-frame-options"), "DENY", "{what}");
    assert!(
        header(res, "strict-transport-security").starts_with("max-age=31536000"),
        "{what}"
    );
    assert!(
        header(res, "content-security-policy").contains("frame-ancestors 'none'"),
        "{what}"
    );
    // Receipts, case files and accounts carry personal data: no cache keeps any answer.
    assert!(header(res, "cache-control").contains("no-store"), "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_page_has_its_own_nonce_and_nothing_else_may_run() {
    let app = spawn_app().await;
    let mut nonces = HashSet::new();
    for path in [
        "/",
        "/file",
        "/lookup",
        "/login",
        "/staff/login",
        "/no-such-page",
    ] {
        let res = app.get(path, None).await;
        assert_common(&res, path);
        let csp = header(&res, "content-security-policy");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"))
            .to_owned();
        assert!(nonce.len() >= 16, "{path}: a short nonce");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"));
        let html = res.text().await.unwrap();
        let tags: Vec<&str> = html
            .split("<script")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or_default())
            .collect();
        assert!(!tags.is_empty(), "{path}: the hydration script");
        for tag in tags {
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: a script without the response's nonce: {tag}"
            );
        }
        assert!(nonces.insert(nonce), "a nonce used twice");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_answers_and_files_allow_nothing_to_run() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/reference",
        "/api/v1/openapi.json",
        "/health/ready",
        "/api/v1/accounts/me",
    ] {
        let res = app.get(path, None).await;
        assert_common(&res, path);
        assert!(
            header(&res, "content-security-policy").starts_with("default-src 'none'"),
            "{path}"
        );
    }
}
