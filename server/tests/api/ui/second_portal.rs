//! Two portals in one process: one starting must not stall the other's pages. Generating
//! the route list sets a process-wide flag in leptos that left any resource first polled
//! meanwhile pending for ever (leptos-rs/leptos#4773); the portal generates it once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::header;

use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_keep_answering_while_another_portal_starts() {
    let app = Arc::new(spawn_app().await);
    let starting = Arc::new(AtomicBool::new(true));
    // Four browsers keep opening a page whose content comes from a resource.
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (app, starting) = (app.clone(), starting.clone());
            tokio::spawn(async move {
                let mut pages = 0;
                while starting.load(Ordering::Relaxed) {
                    let res = app
                        .client
                        .get(app.url("/track/2026-110101-000001"))
                        .header(header::ACCEPT, "text/html")
                        .timeout(Duration::from_secs(20))
                        .send()
                        .await
                        .expect("the page answers while another portal starts");
                    assert!(res.status().is_success(), "{}", res.status());
                    assert!(res.text().await.unwrap().contains("请先查询"));
                    pages += 1;
                }
                pages
            })
        })
        .collect();
    for _ in 0..6 {
        spawn_app().await;
    }
    starting.store(false, Ordering::Relaxed);
    for reader in readers {
        assert!(reader.await.unwrap() > 0, "every browser got pages");
    }
}
