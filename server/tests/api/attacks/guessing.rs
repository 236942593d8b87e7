//! Query-code guessing: a thousand random codes for a real number all answer "not found"
//! exactly like a wrong number, then the address is refused; no code reaches the log.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, logs, spawn_app_with};

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn random_code() -> String {
    let chars: Vec<char> = (0..16)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

async fn lookup(app: &TestApp, number: &str, code: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/petitions/lookup",
        None,
        &json!({ "number": number, "query_code": code }),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_guesses_find_nothing_then_the_guesser_is_refused() {
    let app = spawn_app_with(|s| s.limits.lookups_per_minute = 1000).await;
    let citizen = app.citizen().await;
    let filed = app.file_ok(&citizen.token).await;
    let number = filed["number"].as_str().unwrap().to_owned();
    let real = filed["query_code"].as_str().unwrap().to_owned();

    let mut answers = HashSet::new();
    let mut guesses = Vec::new();
    for _ in 0..1000 {
        let code = random_code();
        assert_ne!(code, real);
        let res = lookup(&app, &number, &code).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let body: Value = res.json().await.unwrap();
        answers.insert(body.to_string());
        guesses.push(code);
    }
    assert_eq!(
        answers.len(),
        1,
        "one answer for every wrong code: {answers:?}"
    );
    // The allowance refills while the guesses run (1 000 a minute), so a few more get an
    // answer before the address is refused; none of them a different one.
    let mut extra = 0;
    loop {
        let code = random_code();
        let res = lookup(&app, &number, &code).await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        guesses.push(code);
        extra += 1;
        assert!(extra < 200, "the guesser is never refused");
    }
    // Even the right code is refused now. The allowance refills by one lookup every 60 ms,
    // so on a busy machine one of these may be answered; no more than the refill allows.
    let started = std::time::Instant::now();
    let mut answered = 0;
    for _ in 0..5 {
        if lookup(&app, &number, &real).await.status() != StatusCode::TOO_MANY_REQUESTS {
            answered += 1;
        }
    }
    let refilled = started.elapsed().as_millis() / 60 + 1;
    assert!(
        answered <= refilled,
        "the right code answered {answered} times of 5 in {:?}",
        started.elapsed()
    );

    let log = logs();
    for code in guesses.iter().chain([&real]) {
        assert!(!log.contains(code.as_str()), "a query code in the log");
        assert!(
            !log.contains(&code.replace('-', "")),
            "a query code in the log"
        );
    }
}
