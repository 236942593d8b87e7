//! Crash safety: the real `portal` binary files petitions under load and is killed with
//! SIGKILL at a random moment, fifty times over (on PostgreSQL, some rounds stop the
//! database itself with an immediate shutdown instead). Afterwards every acknowledged
//! filing is stored, none twice, the database checks clean, each stored filing has its
//! notice in the outbox and its audit entry, and the audit chain verifies.
//!
//! `cargo test -p server --test crash` (SQLite), with
//! `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL.
//! `CRASH_CYCLES` changes the number of rounds (50).

#![expect(
    clippy::unwrap_used,
    reason = "test support code: a failed unwrap is a failed run, with its line"
)]

mod harness;

use std::collections::HashMap;
use std::time::Duration;

use harness::{Filed, Harness};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_filings_survive_fifty_kills() {
    let cycles: usize = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let h = Harness::new().await;
    let mut acknowledged: HashMap<String, String> = HashMap::new();
    let mut database_stops = 0;
    for cycle in 0..cycles {
        let mut portal = h.start().await;
        let token = h.login(&portal).await;
        let load = h.file_under_load(&portal, &token, cycle);
        let wait = Duration::from_millis(rand::random_range(150..1500));
        // Every fifth round on PostgreSQL the database goes down hard first, comes back,
        // and the same portal files on before it is killed in its turn.
        if h.is_postgres() && cycle % 5 == 4 {
            tokio::time::sleep(wait).await;
            h.stop_postgres_immediately();
            database_stops += 1;
            tokio::time::sleep(Duration::from_millis(500)).await;
            h.start_postgres();
        }
        tokio::time::sleep(wait).await;
        portal.kill();
        let filed: Vec<Filed> = load.finish().await;
        for f in filed {
            assert!(
                acknowledged.insert(f.key.clone(), f.number).is_none(),
                "a key acknowledged twice: {}",
                f.key
            );
        }
    }
    assert!(
        acknowledged.len() > cycles,
        "the load filed too little to prove anything: {}",
        acknowledged.len()
    );
    let report = h.check(&acknowledged).await;
    println!(
        "{cycles} kills ({database_stops} immediate database stops): {} filings acknowledged, \
         {} stored, all acknowledged ones among them, none twice, integrity clean",
        acknowledged.len(),
        report.stored
    );
}
