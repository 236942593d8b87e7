//! Hostile input: the Big List of Naughty Strings and wfuzz's SQL and XSS injection lists
//! through every text field of a filing, the look-up and the login. Each string is stored
//! byte for byte or refused with 422 and a message; nothing answers 5xx, and a filing read
//! back is exactly what was sent (so no string ever became part of a query).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

/// The corpora `bash .ci/corpora` fetched, one string per entry.
fn corpora() -> Vec<String> {
    let dir = std::env::var("PORTAL_CORPORA")
        .expect("PORTAL_CORPORA names the folder `bash .ci/corpora` printed");
    let dir = std::path::Path::new(&dir);
    let blns: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("blns.json")).unwrap()).unwrap();
    let mut all = blns;
    for list in ["SQL.txt", "XSS.txt"] {
        let text = String::from_utf8_lossy(&std::fs::read(dir.join(list)).unwrap()).into_owned();
        all.extend(text.lines().map(str::to_owned));
    }
    all.retain(|s| !s.is_empty());
    assert!(all.len() > 600, "the corpora are complete: {}", all.len());
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the corpora: `PORTAL_CORPORA=$(bash .ci/corpora)`, as .ci/run does"]
async fn naughty_strings_are_stored_exactly_or_refused_with_422() {
    let strings = corpora();
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let base = app.filing().await;
    let (mut stored, mut refused) = (0, 0);
    for (i, s) in strings.iter().enumerate() {
        let mut body = base.clone();
        for field in ["title", "facts", "request", "respondent"] {
            body[field] = json!(s);
        }
        let res = app
            .file(&citizen.token, &body, Some(&format!("naughty-{i}")))
            .await;
        let status = res.status();
        let answer: Value = res.json().await.unwrap_or(Value::Null);
        match status {
            StatusCode::CREATED => {
                let number = answer["number"].as_str().unwrap();
                let view: Value = app
                    .get(&format!("/api/v1/petitions/{number}"), Some(&citizen.token))
                    .await
                    .json()
                    .await
                    .unwrap();
                for field in ["title", "facts", "request"] {
                    assert_eq!(view[field].as_str(), Some(s.as_str()), "{field} of {s:?}");
                }
                stored += 1;
            }
            StatusCode::UNPROCESSABLE_ENTITY => {
                assert!(answer["message"].is_string(), "a message for {s:?}");
                refused += 1;
            }
            other => panic!("{s:?} got {other}: {answer}"),
        }
        for (path, payload) in [
            (
                "/api/v1/petitions/lookup",
                json!({ "number": s, "query_code": s }),
            ),
            ("/api/v1/sessions", json!({ "phone": s, "password": s })),
        ] {
            let status = app.post_json(path, None, &payload).await.status();
            assert!(status.is_client_error(), "{path} with {s:?}: {status}");
        }
    }
    println!(
        "{} strings: {stored} stored exactly, {refused} refused with 422",
        strings.len()
    );
    assert!(stored > 100 && refused > 0, "both outcomes were exercised");
}
