//! Load benchmark: seeds a city's archive (1 000 000 petitions with timelines by default),
//! starts the release portal on it, drives each scenario over 16 connections from this
//! process on 127.0.0.1 for a fixed time, and prints one table per database: requests/s,
//! p50/p90/p99, errors and the portal's peak resident memory, then start-up time and the
//! filing page's first-load transfer. It reports numbers; it asserts nothing about them.
//!
//! `bash .ci/bench` (builds the site, starts PostgreSQL, runs this on both engines), or
//! `cargo bench -p server --bench load` with `BENCH_PETITIONS`, `BENCH_SECONDS`,
//! `BENCH_CONNECTIONS`, `BENCH_ONLY` (parts of scenario names, `|` between them) and `BENCH_DATABASE_URL`
//! (PostgreSQL; without it, SQLite only).

mod bulk;
mod drive;
mod figures;
mod portal;
mod scenarios;
#[path = "../common/scratch_pg.rs"]
mod scratch_pg;
mod seed;
mod timeline;
mod weight;

use std::time::Duration;

use secrecy::SecretString;
use server::config::Settings;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let petitions = env_or("BENCH_PETITIONS", 1_000_000usize);
    let seconds = env_or("BENCH_SECONDS", 10u64);
    let connections = env_or("BENCH_CONNECTIONS", 16usize);
    // Runs only the scenarios whose name contains one of these `|`-separated parts (for
    // profiling a few of them).
    let only = std::env::var("BENCH_ONLY").ok();
    let site_root = std::env::var("BENCH_SITE_ROOT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site").to_owned());
    let mut engines = vec![("SQLite", None)];
    if let Ok(url) = std::env::var("BENCH_DATABASE_URL") {
        engines.push(("PostgreSQL", Some(url)));
    }
    let machine = machine();
    println!(
        "load benchmark: {petitions} petitions, {connections} connections, {seconds} s a scenario, {machine}"
    );
    let mut first = true;
    for (engine, pg) in engines {
        let dir = tempfile::Builder::new().prefix("portal-bench").tempdir()?;
        // A database of its own on PostgreSQL, dropped after the run whatever its end (each
        // is about 1.9 GB at 1M petitions); SQLite's file goes with the directory.
        let fresh = match &pg {
            Some(base) => Some(scratch_pg::create(base).await?),
            None => None,
        };
        let outcome = async {
            let mut settings = Settings::load()?;
            settings.data_dir = dir.path().to_path_buf();
            settings.site_root = site_root.clone().into();
            settings.log.filter = "warn".into();
            settings.database.url = SecretString::from(match &fresh {
                Some((url, _)) => url.clone(),
                None => format!("sqlite://{}/portal.db?mode=rwc", dir.path().display()),
            });
            println!("\n## {engine}\n");
            let seeded = seed::seed(&settings, petitions).await?;
            println!(
                "seeded {} petitions and {} timeline entries in {:.1} s",
                seeded.petitions, seeded.events, seeded.seconds
            );
            let port = free_port()?;
            let portal = portal::Portal::start(&settings, port).await?;
            println!(
                "start-up on this data set: {:.2} s (spawn to /health/ready)\n",
                portal.startup.as_secs_f64()
            );
            let scenarios = scenarios::prepare(&portal.base, &seeded).await?;
            println!("| scenario | requests/s | p50 ms | p90 ms | p99 ms | errors | peak RSS MB |");
            println!("|---|---:|---:|---:|---:|---:|---:|");
            let warmup = Duration::from_secs(2);
            let mut overall_peak: f64 = portal.take_peak_mb();
            for s in scenarios.list().into_iter().filter(|s| {
                only.as_ref()
                    .is_none_or(|o| o.split('|').any(|part| s.name.contains(part)))
            }) {
                let out = drive::run(
                    &scenarios.client,
                    connections,
                    warmup,
                    Duration::from_secs(seconds),
                    s.make,
                    s.expect,
                )
                .await;
                let peak = portal.take_peak_mb();
                overall_peak = overall_peak.max(peak);
                println!(
                    "| {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {:.0} |",
                    s.name,
                    out.rate(),
                    out.percentile(0.50),
                    out.percentile(0.90),
                    out.percentile(0.99),
                    out.errors,
                    peak
                );
            }
            println!("\npeak RSS over all scenarios: {overall_peak:.0} MB");
            if first {
                weight::page_weight(&scenarios.client, &portal.base, &scenarios.citizen_cookie)
                    .await?;
                first = false;
            }
            portal.stop()?;
            Ok::<_, anyhow::Error>(())
        }
        .await;
        if let (Some(base), Some((_, name))) = (&pg, &fresh) {
            scratch_pg::drop(base, name).await?;
        }
        outcome?;
    }
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// "2 cores, <model>": what the numbers were measured on.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {model}")
}
