//! Outbox throughput: how many messages per second the worker delivers to a local SMS
//! stand-in that answers at once, on SQLite and (with `BENCH_DATABASE_URL`) PostgreSQL,
//! with one worker and with two draining together; each figure is the median of three
//! runs. It reports numbers; it asserts only that every message arrived exactly once.
//!
//! `cargo bench -p server --bench outbox`
//! `BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p server --bench outbox`

#[path = "common/scratch_pg.rs"]
mod scratch_pg;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use actix_web::{App, HttpResponse, HttpServer, web};
use secrecy::SecretString;
use server::config::Settings;
use server::jobs::outbox::{Channels, Round, run_once};
use server::notify::enqueue::{Notice, Recipient, enqueue};
use server::notify::templates::Event;
use server::state::AppState;

const MESSAGES: usize = 5_000;
const RUNS: usize = 3;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    let server = HttpServer::new(move || {
        let counter = counter.clone();
        App::new().default_service(web::to(move || {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::Relaxed);
                HttpResponse::Ok().json(serde_json::json!({ "code": "OK" }))
            }
        }))
    })
    .workers(2)
    .bind(("127.0.0.1", 0))?;
    let url = format!("http://127.0.0.1:{}/sms", server.addrs()[0].port());
    let handle = server.run();
    let stop = handle.handle();
    tokio::spawn(handle);

    println!("| database   | workers | messages | seconds | messages/s |");
    println!("|------------|--------:|---------:|--------:|-----------:|");
    let mut backends = vec![("SQLite", None)];
    if let Ok(base) = std::env::var("BENCH_DATABASE_URL") {
        backends.push(("PostgreSQL", Some(base)));
    }
    for (name, base) in backends {
        for workers in [1, 2] {
            let mut times = Vec::new();
            for _ in 0..RUNS {
                let dir = tempfile::tempdir()?;
                let (state, db) = portal(&url, dir.path(), base.as_deref()).await?;
                fill(&state).await?;
                received.store(0, Ordering::Relaxed);
                let started = Instant::now();
                drain(&state, workers).await?;
                times.push(started.elapsed().as_secs_f64());
                let got = received.load(Ordering::Relaxed);
                assert_eq!(got, MESSAGES, "every message delivered exactly once");
                state.db.pool.close().await;
                if let (Some(base), Some(db)) = (base.as_deref(), db) {
                    scratch_pg::drop(base, &db).await?;
                }
            }
            times.sort_by(f64::total_cmp);
            let secs = times[RUNS / 2];
            println!(
                "| {name:<10} | {workers:>7} | {MESSAGES:>8} | {secs:>7.2} | {:>10.0} |",
                MESSAGES as f64 / secs
            );
        }
    }
    stop.stop(true).await;
    Ok(())
}

/// The portal's state on a fresh database (and the PostgreSQL database's name), its worker
/// off (the benchmark drives it) and its SMS going to the stand-in.
async fn portal(
    url: &str,
    dir: &std::path::Path,
    pg: Option<&str>,
) -> anyhow::Result<(AppState, Option<String>)> {
    let mut s = Settings::load()?;
    s.data_dir = dir.to_path_buf();
    s.notify.worker = false;
    s.notify.sms.provider = server::config::SmsProviderKind::Http;
    s.notify.sms.http_url = url.to_owned();
    let mut created = None;
    s.database.url = SecretString::from(match pg {
        Some(base) => {
            let (url, name) = scratch_pg::create(base).await?;
            created = Some(name);
            url
        }
        None => format!("sqlite://{}/portal.db?mode=rwc", dir.display()),
    });
    Ok((server::startup::build_state(s).await?, created))
}

/// Queues the messages as changes do: a hundred per transaction.
async fn fill(state: &AppState) -> anyhow::Result<()> {
    for chunk in 0..MESSAGES / 100 {
        let mut tx = state.db.begin_write().await?;
        for i in 0..100 {
            let n = chunk * 100 + i;
            let notice = Notice::new(
                Event::Forwarded,
                Recipient::Phone(format!("139{n:08}")),
                &[
                    ("number", format!("2026-990102-{n:06}")),
                    ("unit", "东城区住房和城乡建设局".into()),
                ],
            );
            enqueue(
                &mut tx,
                &state.vault,
                None,
                &format!("bench{n}"),
                &notice,
                0,
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Runs `workers` workers until none finds anything to do.
async fn drain(state: &AppState, workers: usize) -> anyhow::Result<()> {
    let mut tasks = Vec::new();
    for w in 0..workers {
        let state = state.clone();
        tasks.push(tokio::spawn(async move {
            let channels = Channels::from_settings(&state)?;
            let name = format!("bench-{w}");
            while run_once(&state, &channels, &name).await? != Round::default() {}
            anyhow::Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(())
}
