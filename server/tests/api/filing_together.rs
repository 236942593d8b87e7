//! Filings that arrive at the same moment share one commit (group commit); each is still
//! judged on its own: one refused filing costs the others nothing and leaves nothing behind.

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_fields, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filings_arriving_together_are_each_judged_on_their_own() {
    let app = spawn_app().await;
    let citizens = [app.citizen().await, app.citizen().await];
    let good = app.filing().await;
    let mut bad = good.clone();
    bad["category_id"] = json!(999_999);
    // Each citizen files four good petitions, one with an unknown category and, in a
    // double click, the same good one twice under one key.
    let mut attempts = Vec::new();
    for c in &citizens {
        for i in 0..4 {
            attempts.push((c, &good, format!("good-{i}")));
        }
        attempts.push((c, &bad, "bad".to_owned()));
        attempts.push((c, &good, "twice".to_owned()));
        attempts.push((c, &good, "twice".to_owned()));
    }
    let responses = join_all(
        attempts
            .iter()
            .map(|(c, body, key)| app.file(&c.token, body, Some(key))),
    )
    .await;

    let mut numbers = Vec::new();
    let mut twice = Vec::new();
    for ((_, _, key), res) in attempts.iter().zip(responses) {
        if key == "bad" {
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(error_fields(res).await, ["category_id"]);
            continue;
        }
        assert!(res.status().is_success(), "{key}: {}", res.status());
        let number = res.json::<serde_json::Value>().await.unwrap()["number"]
            .as_str()
            .unwrap()
            .to_owned();
        if key == "twice" {
            twice.push(number);
        } else {
            numbers.push(number);
        }
    }
    assert_eq!(twice.len(), 4);
    assert_eq!(twice[0], twice[1], "a double click files once");
    assert_eq!(twice[2], twice[3], "a double click files once");
    numbers.extend([twice[0].clone(), twice[2].clone()]);
    let filed = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(
        numbers.len(),
        10,
        "every good filing has a number of its own"
    );
    for c in &citizens {
        assert_eq!(app.my_petitions(&c.token).await.len(), 5);
    }

    // Every stored petition has its receipt queued and its audit record in the chain.
    let pool = &app.state.db.pool;
    let receipts: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT petition_id) FROM outbox WHERE template = 'petition_filed'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(receipts, i64::try_from(filed).unwrap());
    let chain = server::audit::verify(pool, &app.state.vault).await.unwrap();
    assert_eq!(chain.problem, None);

    // The refused filing left no trace of its key: corrected, it files under the same key.
    let res = app.file(&citizens[0].token, &good, Some("bad")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}
