//! The browser bundle as browsers fetch it: the copy compressed at build time when they
//! accept it, the plain file otherwise, and nothing else from that folder.

use reqwest::{StatusCode, header};

use crate::helpers::{TestApp, spawn_app_with};

/// A portal whose bundle folder holds `app.js` with both compressed copies, `app.css`
/// with only a gzip copy, and a file outside the folder that must stay unreachable.
async fn portal_with_bundle() -> (TestApp, tempfile::TempDir) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, body) in [
        ("app.js", "console.log('plain')"),
        ("app.js.br", "the brotli copy"),
        ("app.js.gz", "the gzip copy"),
        ("app.css", "body{margin:0}"),
        ("app.css.gz", "the css gzip copy"),
        (".hidden", "hidden"),
    ] {
        std::fs::write(pkg.join(name), body).unwrap();
    }
    std::fs::write(site.path().join("secret.txt"), "outside").unwrap();
    let root = site.path().to_path_buf();
    let app = spawn_app_with(move |s| s.site_root = root).await;
    (app, site)
}

async fn fetch(app: &TestApp, path: &str, accept: &str) -> (StatusCode, String, String, String) {
    let res = app
        .client
        .get(app.url(path))
        .header(header::ACCEPT_ENCODING, accept)
        .send()
        .await
        .unwrap();
    let head = |h| {
        res.headers()
            .get(h)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (encoding, kind) = (head(header::CONTENT_ENCODING), head(header::CONTENT_TYPE));
    if res.status() == StatusCode::OK {
        assert_eq!(head(header::VARY), "accept-encoding", "{path} {accept}");
    }
    (res.status(), encoding, kind, res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundle_is_served_as_the_best_copy_the_browser_accepts() {
    let (app, _site) = portal_with_bundle().await;

    let (status, encoding, kind, body) =
        fetch(&app, "/pkg/app.js", "gzip, deflate, br, zstd").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding, "br");
    assert!(
        kind.starts_with("text/javascript") || kind.starts_with("application/javascript"),
        "{kind}"
    );
    assert_eq!(body, "the brotli copy");

    let (_, encoding, _, body) = fetch(&app, "/pkg/app.js", "gzip, br;q=0").await;
    assert_eq!(
        (encoding.as_str(), body.as_str()),
        ("gzip", "the gzip copy")
    );

    let (_, encoding, _, body) = fetch(&app, "/pkg/app.js", "identity").await;
    assert_eq!(
        (encoding.as_str(), body.as_str()),
        ("", "console.log('plain')")
    );

    // No brotli copy of the style sheet: the gzip one, with the style sheet's type.
    let (_, encoding, kind, body) = fetch(&app, "/pkg/app.css", "br, gzip").await;
    assert_eq!(
        (encoding.as_str(), body.as_str()),
        ("gzip", "the css gzip copy")
    );
    assert!(kind.starts_with("text/css"), "{kind}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_bundle_files_themselves_can_be_fetched() {
    let (app, _site) = portal_with_bundle().await;
    for path in [
        "/pkg/app.js.br",
        "/pkg/app.css.gz",
        "/pkg/.hidden",
        "/pkg/..%2Fsecret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/pkg/missing.js",
    ] {
        let (status, _, _, body) = fetch(&app, path, "identity").await;
        assert_ne!(status, StatusCode::OK, "{path}");
        assert!(status.is_client_error(), "{path}: {status}");
        assert!(!body.contains("outside") && body != "hidden", "{path}");
    }
}
