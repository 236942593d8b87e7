//! The release portal as a child process: started on the seeded data, timed to ready,
//! its resident memory sampled while the load runs, stopped at the end.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use secrecy::ExposeSecret;
use server::config::Settings;

pub struct Portal {
    child: Child,
    pub base: String,
    pub startup: Duration,
    peak_kb: Arc<AtomicU64>,
    sampling: Arc<AtomicBool>,
}

impl Portal {
    /// Starts `portal` with the settings the data set was seeded with and waits for
    /// `/health/ready`; the start-up time is from spawn to the first ready answer.
    pub async fn start(settings: &Settings, port: u16) -> anyhow::Result<Self> {
        let started = Instant::now();
        let child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .env("APP_DATA_DIR", &settings.data_dir)
            .env("APP_DATABASE__URL", settings.database.url.expose_secret())
            .env("APP_SERVER__PORT", port.to_string())
            // The scenarios' clerk signs in once with a password; the second factor costs
            // nothing per request and is tested by the API suite.
            .env("APP_SECURITY__TOTP_REQUIRED_ROLES", "administrator")
            .env("APP_SERVER__SECURE_COOKIES", "false")
            .env("APP_SITE_ROOT", &settings.site_root)
            .env("APP_LIMITS__LOOKUPS_PER_MINUTE", "100000000")
            .env("APP_LIMITS__LOGINS_PER_MINUTE", "100000")
            .env("APP_LOG__FILTER", "warn")
            .env("APP_NOTIFY__WORKER", "true")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()?;
        let base = format!("http://127.0.0.1:{port}");
        let probe = reqwest::Client::new();
        loop {
            if let Ok(r) = probe.get(format!("{base}/health/ready")).send().await
                && r.status().is_success()
            {
                break;
            }
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(120),
                "the portal did not get ready in 120 s"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let startup = started.elapsed();
        let peak_kb = Arc::new(AtomicU64::new(0));
        let sampling = Arc::new(AtomicBool::new(true));
        let pid = child.id();
        let (peak, on) = (peak_kb.clone(), sampling.clone());
        std::thread::spawn(move || {
            while on.load(Ordering::Relaxed) {
                if let Some(kb) = rss_kb(pid) {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        Ok(Self {
            child,
            base,
            startup,
            peak_kb,
            sampling,
        })
    }

    /// The highest resident set seen since the last reset, in MB.
    pub fn take_peak_mb(&self) -> f64 {
        let kb = self.peak_kb.swap(0, Ordering::Relaxed);
        kb as f64 / 1024.0
    }

    pub fn stop(mut self) -> anyhow::Result<()> {
        // SIGTERM, so the portal shuts down as it would under systemd.
        Command::new("kill")
            .arg(self.child.id().to_string())
            .status()?;
        self.child.wait()?;
        Ok(())
    }
}

impl Drop for Portal {
    /// A benchmark that fails half-way leaves no portal behind.
    fn drop(&mut self) {
        self.sampling.store(false, Ordering::Relaxed);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// VmRSS of `pid` in kB, from /proc.
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
