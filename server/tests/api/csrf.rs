//! Cross-site requests as a hostile page would send them from a victim's browser: every
//! state-changing route and server function refuses them (sibling sites of the same domain
//! too) and nothing changes; the portal's own pages, API clients and partner systems are
//! unaffected.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_or_sibling_site_request_changes_nothing_and_same_origin_ones_work() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let before = app.my_petitions(&citizen.token).await.len();
    let body = app.filing().await;
    let host = app.address.trim_start_matches("http://").to_owned();

    // A form on another site posting with the victim's credentials; or on a sibling under
    // the same registrable domain (gov.cn is a public suffix: every department's site is
    // "same-site" to the browser, and strangers to us).
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
        ("origin", "null"),
    ] {
        let res = app
            .client
            .post(app.url("/api/v1/petitions"))
            .bearer_auth(&citizen.token)
            .header(name, value)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        let error: Value = res.json().await.unwrap();
        assert!(error["message"].as_str().unwrap().contains("其他网站"));
        let res = app
            .client
            .post(app.url("/ui/logout"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::FORBIDDEN,
            "server function, {name}"
        );
    }
    assert_eq!(app.my_petitions(&citizen.token).await.len(), before);

    // The portal's own pages (same origin), a typed address, and plain API clients pass.
    for headers in [
        vec![("sec-fetch-site", "same-origin".to_owned())],
        vec![("sec-fetch-site", "none".to_owned())],
        vec![("origin", format!("http://{host}"))],
        vec![],
    ] {
        let mut req = app
            .client
            .post(app.url("/api/v1/petitions"))
            .bearer_auth(&citizen.token)
            .json(&body);
        for (name, value) in headers {
            req = req.header(name, value);
        }
        assert_eq!(req.send().await.unwrap().status(), StatusCode::CREATED);
    }
    // Reading stays open to links from anywhere.
    let res = app
        .client
        .get(app.url("/api/v1/reference"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}
