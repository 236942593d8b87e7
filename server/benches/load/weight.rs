//! The filing page's first load, in bytes as served: the budget the benchmark reports.

/// The filing page's first load as a signed-in citizen's phone gets it (the form, not the
/// login prompt): the HTML and every script, WASM and style sheet it names under /pkg,
/// compressed as served (`Accept-Encoding: br, gzip`).
pub async fn page_weight(client: &reqwest::Client, base: &str, cookie: &str) -> anyhow::Result<()> {
    let fetch = |path: String, encodings: &'static str| {
        let client = client.clone();
        let url = format!("{base}{path}");
        let cookie = cookie.to_owned();
        async move {
            let res = client
                .get(url)
                .header("Accept-Encoding", encodings)
                .header("Cookie", cookie)
                .send()
                .await?;
            anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
            let encoding = res
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("identity")
                .to_owned();
            let body = res.bytes().await?;
            Ok::<_, anyhow::Error>((body, encoding))
        }
    };
    let (html, encoding) = fetch("/file".to_owned(), "br, gzip").await?;
    // The same page uncompressed, to read what it loads.
    let (plain, _) = fetch("/file".to_owned(), "identity").await?;
    let page = String::from_utf8_lossy(&plain);
    anyhow::ensure!(
        page.contains("name=\"idempotency_key\""),
        "/file did not show the filing form to a signed-in citizen"
    );
    let mut assets: Vec<String> = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in page.split(attr).skip(1) {
            let path = part.split('"').next().unwrap_or_default();
            if path.starts_with("/pkg/") && !assets.iter().any(|a| a == path) {
                assets.push(path.to_owned());
            }
        }
    }
    println!("\nfiling page (/file) first load, compressed as served:\n");
    println!("| resource | encoding | bytes |");
    println!("|---|---|---:|");
    println!("| /file (HTML) | {encoding} | {} |", html.len());
    let mut total = html.len();
    for path in assets {
        let (body, encoding) = fetch(path.clone(), "br, gzip").await?;
        println!("| {path} | {encoding} | {} |", body.len());
        total += body.len();
    }
    println!("| total | | {total} |");
    Ok(())
}
