//! The log capture: every line the portal logs during the run, kept in memory so tests can
//! search it for personal data.

/// Everything the portal logged during this test run, at debug level: the canary test
/// searches it for personal data. Each line's timestamp is left out: its microseconds
/// are six digits that a searched-for SMS code matches by chance once the log is long.
pub fn logs() -> String {
    let raw = String::from_utf8_lossy(&LOGS.lock().unwrap()).into_owned();
    raw.lines()
        .map(
            |line| match serde_json::from_str::<serde_json::Value>(line) {
                Ok(mut v) => {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("timestamp");
                    }
                    v.to_string()
                }
                Err(_) => line.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

static LOGS: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

struct LogSink;

impl std::io::Write for LogSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs, once, a subscriber that keeps every log line in memory (ours from debug up).
pub(super) fn capture() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Our own crates at debug (where personal data could slip in), the rest at info:
        // third-party debug output is huge and says nothing about our data handling.
        let filter = tracing_subscriber::EnvFilter::new("info,server=debug,app=debug,shared=debug");
        let _ = tracing_subscriber::registry()
            .with(filter)
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_writer(|| LogSink),
            )
            .try_init();
    });
}
