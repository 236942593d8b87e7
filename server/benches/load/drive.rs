//! The load generator: a fixed number of connections, each sending its next request as
//! soon as the last one answered, for a fixed time; latencies of every request kept.

use std::sync::Arc;
use std::time::{Duration, Instant};

/// One request of a scenario, built by connection `conn` for its `n`th request.
pub type MakeRequest =
    Arc<dyn Fn(&reqwest::Client, usize, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// A checker of a response: `true` when it is the answer a user expects.
pub type Expect = fn(reqwest::StatusCode) -> bool;

pub struct Outcome {
    pub requests: usize,
    pub errors: usize,
    pub seconds: f64,
    /// Sorted latencies in microseconds.
    pub latencies: Vec<u64>,
}

impl Outcome {
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    /// The latency at `q` (0..=1) in milliseconds.
    pub fn percentile(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[i] as f64 / 1000.0
    }
}

/// Runs `make` on `connections` connections for `warmup` (not counted), then `duration`.
pub async fn run(
    client: &reqwest::Client,
    connections: usize,
    warmup: Duration,
    duration: Duration,
    make: MakeRequest,
    expect: Expect,
) -> Outcome {
    let started = Instant::now();
    let measure_from = started + warmup;
    let end = measure_from + duration;
    let handles: Vec<_> = (0..connections)
        .map(|conn| {
            let client = client.clone();
            let make = make.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut n = 0u64;
                loop {
                    let sent = Instant::now();
                    if sent >= end {
                        break;
                    }
                    let ok = match make(&client, conn, n).send().await {
                        Ok(res) => {
                            let status = res.status();
                            // The whole body is read, as a browser or a partner would.
                            res.bytes().await.is_ok() && expect(status)
                        }
                        Err(_) => false,
                    };
                    n += 1;
                    if sent >= measure_from {
                        latencies.push(sent.elapsed().as_micros() as u64);
                        if !ok {
                            errors += 1;
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.await.expect("a load task");
        latencies.extend(l);
        errors += e;
    }
    latencies.sort_unstable();
    Outcome {
        requests: latencies.len(),
        errors,
        seconds: duration.as_secs_f64(),
        latencies,
    }
}
