//! The partners' side for the outbox tests: an SMS provider stand-in with a fault mode
//! (500, 429 with Retry-After, a hang, 400) that also takes webhooks, and an SMTP sink.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ok,
    ServerError,
    RateLimited,
    Hang,
    BadRequest,
}

/// A webhook delivery as received: (webhook-id, webhook-timestamp, webhook-signature, raw body).
type Hook = (String, String, String, String);

/// The SMS provider stand-in: answers per `mode` and keeps every request it got.
#[derive(Clone)]
pub struct StandIn {
    pub url: String,
    pub mode: Arc<Mutex<Mode>>,
    /// (Idempotency-Key, body) of every request, accepted or not.
    pub seen: Arc<Mutex<Vec<(String, Value)>>>,
    pub hooks: Arc<Mutex<Vec<Hook>>>,
}

impl StandIn {
    pub async fn start() -> Self {
        let mode = Arc::new(Mutex::new(Mode::Ok));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let hooks = Arc::new(Mutex::new(Vec::new()));
        let (m, s, h) = (mode.clone(), seen.clone(), hooks.clone());
        let server = HttpServer::new(move || {
            let (m, s, h) = (m.clone(), s.clone(), h.clone());
            App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
                let (m, s, h) = (m.clone(), s.clone(), h.clone());
                async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    let raw = String::from_utf8_lossy(&body).into_owned();
                    if req.headers().contains_key("webhook-id") {
                        let hook = (
                            header("webhook-id"),
                            header("webhook-timestamp"),
                            header("webhook-signature"),
                            raw,
                        );
                        h.lock().unwrap().push(hook);
                    } else {
                        let json: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
                        s.lock().unwrap().push((header("Idempotency-Key"), json));
                    }
                    let mode = *m.lock().unwrap();
                    match mode {
                        Mode::Ok => HttpResponse::Ok().json(json!({ "code": "OK" })),
                        Mode::ServerError => HttpResponse::InternalServerError().finish(),
                        Mode::RateLimited => HttpResponse::TooManyRequests()
                            .insert_header(("Retry-After", "120"))
                            .finish(),
                        Mode::BadRequest => HttpResponse::BadRequest()
                            .json(json!({ "code": "isv.MOBILE_NUMBER_ILLEGAL" })),
                        Mode::Hang => {
                            tokio::time::sleep(Duration::from_secs(30)).await;
                            HttpResponse::Ok().finish()
                        }
                    }
                }
            }))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
        let url = format!("http://127.0.0.1:{}/sms", server.addrs()[0].port());
        tokio::spawn(server.run());
        Self {
            url,
            mode,
            seen,
            hooks,
        }
    }

    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub fn keys(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// A minimal SMTP server: it speaks the protocol and keeps each message it receives.
pub async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let keep = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let keep = keep.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut transcript = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    transcript.push_str(&line);
                    transcript.push('\n');
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-sink\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            transcript.push_str(&l);
                            transcript.push('\n');
                        }
                        keep.lock().unwrap().push(transcript.clone());
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}
