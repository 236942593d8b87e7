//! The staff queue's pages: by due date then number, fifty at a time, each page starting
//! exactly after the last row of the one before, none twice, none left out.

use serde_json::Value;

use crate::helpers::{spawn_app, staff};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyset_pages_walk_the_whole_queue_in_order() {
    let app = spawn_app().await;
    let citizen = app.citizen().await;
    let mut filed = Vec::new();
    for _ in 0..57 {
        filed.push(
            app.file_ok(&citizen.token).await["number"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let unit: String = sqlx::query_scalar(
        "SELECT u.name FROM petitions p JOIN units u ON u.id = p.unit_id LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let clerk = staff(&app, &unit, "intake").await;

    let mut seen: Vec<(String, String)> = Vec::new();
    let mut path = "/api/v1/staff/petitions?status=submitted".to_owned();
    let mut pages = 0;
    loop {
        let page: Value = app.get(&path, Some(&clerk)).await.json().await.unwrap();
        pages += 1;
        for item in page["items"].as_array().unwrap() {
            seen.push((
                item["due_on"].as_str().unwrap_or("9999-12-31").to_owned(),
                item["number"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/staff/petitions?status=submitted&after={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 2, "fifty, then the rest");
    let mut numbers: Vec<&String> = seen.iter().map(|(_, n)| n).collect();
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "by due date, then in filing order");
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 57, "every petition once");
    for n in &filed {
        assert!(numbers.contains(&n), "{n} missing");
    }
}
