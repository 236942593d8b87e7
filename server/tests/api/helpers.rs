//! `spawn_app()` and the small vocabulary the tests speak: citizens, filings, look-ups.

use reqwest::{Client, Response, StatusCode};
use secrecy::SecretString;
use serde_json::{Value, json};
use server::config::Settings;
use server::startup::Application;
use server::state::AppState;
use shared::person::IdCardNumber;

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// A citizen the test registered, with the values it used.
#[derive(Clone)]
pub struct Citizen {
    pub real_name: String,
    pub id_number: String,
    pub phone: String,
    pub password: String,
    pub token: String,
}

/// No request of the suite takes more than a second or two; one that hangs fails its test
/// with this, rather than holding up the whole run.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the portal with test settings, adjusted by `tweak`.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::load().expect("settings");
    settings.data_dir = dir.path().to_path_buf();
    settings.server.port = 0;
    settings.server.secure_cookies = false;
    settings.demo = true;
    settings.limits.lookups_per_minute = 10_000;
    settings.limits.logins_per_minute = 10_000;
    settings.limits.sms_codes_per_hour = 10_000;
    settings.log.filter = "warn".into();
    settings.database.url = SecretString::from(database_url(dir.path()).await);
    tweak(&mut settings);
    capture_logs();
    let app = Application::build(settings)
        .await
        .expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        state,
        _dir: dir,
    }
}

/// SQLite in the test's own folder, or a new database on the PostgreSQL server given.
async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            use sqlx::Connection;
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&base)
                .await
                .expect("connect to TEST_DATABASE_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (prefix, _) = base.rsplit_once('/').expect("URL with a database name");
            format!("{prefix}/{name}")
        }
        _ => format!("sqlite://{}/portal.db?mode=rwc", dir.display()),
    }
}

/// A fresh, valid resident ID number (unique enough for one test run).
pub fn id_number() -> String {
    let n: u32 = rand::random::<u32>() % 1000;
    let day = 1 + rand::random::<u32>() % 28;
    let month = 1 + rand::random::<u32>() % 12;
    let year = 1950 + rand::random::<u32>() % 50;
    let first = format!("110101{year:04}{month:02}{day:02}{n:03}");
    format!("{first}{}", IdCardNumber::check_char(&first).unwrap())
}

pub fn phone() -> String {
    format!("139{:08}", rand::random::<u32>() % 100_000_000)
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn register(&self, body: &Value) -> Response {
        self.post_json("/api/v1/accounts", None, body).await
    }

    pub async fn login(&self, phone: &str, password: &str) -> Response {
        self.post_json(
            "/api/v1/sessions",
            None,
            &json!({ "phone": phone, "password": password }),
        )
        .await
    }

    /// Logs `c` in once more and returns the token pair (a second session).
    pub async fn tokens(&self, c: &Citizen) -> Value {
        self.login(&c.phone, &c.password)
            .await
            .json()
            .await
            .unwrap()
    }

    pub async fn change_password(&self, token: &str, current: &str, new: &str) -> Response {
        self.client
            .put(self.url("/api/v1/accounts/me/password"))
            .bearer_auth(token)
            .json(&json!({ "current_password": current, "new_password": new }))
            .send()
            .await
            .expect("request")
    }

    /// Lets the minute a phone waits between two verification codes pass.
    pub async fn a_minute_later(&self) {
        sqlx::query("UPDATE verification_codes SET created_at = created_at - 61000")
            .execute(&self.state.db.pool)
            .await
            .unwrap();
    }

    /// Asks for a verification code for `phone` and reads it as the phone would.
    pub async fn sms_code(&self, phone: &str, purpose: &str) -> String {
        let seen = self.inbox_mark().await;
        let res = self
            .post_json(
                "/api/v1/verification-codes",
                None,
                &json!({ "phone": phone, "purpose": purpose }),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::ACCEPTED,
            "{}",
            res.text().await.unwrap()
        );
        let text = if self.state.settings.notify.worker {
            self.texts_after(seen, phone, "验证码").await
        } else {
            // Tests that drive the worker themselves: read the queued text and take it
            // off the queue, so they start with nothing pending.
            let pool = &self.state.db.pool;
            let (id, params): (i64, Vec<u8>) = sqlx::query_as(
                "SELECT id, params_enc FROM outbox WHERE template = 'verification_code' ORDER BY id DESC LIMIT 1",
            )
            .fetch_one(pool)
            .await
            .unwrap();
            sqlx::query("UPDATE outbox SET status = 'sent' WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
            self.state
                .vault
                .decrypt(server::crypto::Field::Outbox, &params)
                .unwrap()
        };
        text.chars()
            .collect::<Vec<_>>()
            .windows(6)
            .map(|w| w.iter().collect::<String>())
            .find(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .expect("a six-digit code in the text")
    }

    /// The newest text the embedded SMS provider delivered to `phone` containing `needle`
    /// (waits up to 10 s for the worker).
    pub async fn texts_to(&self, phone: &str, needle: &str) -> String {
        self.texts_after(0, phone, needle).await
    }

    /// Where the SMS inbox stands now, for [`Self::texts_after`].
    pub async fn inbox_mark(&self) -> i64 {
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM sms_inbox")
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
    }

    /// As [`Self::texts_to`], among the texts after inbox row `after`.
    pub async fn texts_after(&self, after: i64, phone: &str, needle: &str) -> String {
        for _ in 0..100 {
            let rows: Vec<(Vec<u8>, String)> = sqlx::query_as(
                "SELECT phone_enc, body FROM sms_inbox WHERE id > $1 ORDER BY id DESC",
            )
            .bind(after)
            .fetch_all(&self.state.db.pool)
            .await
            .unwrap();
            let found = rows.into_iter().find(|(p, body)| {
                body.contains(needle)
                    && self
                        .state
                        .vault
                        .decrypt(server::crypto::Field::Phone, p)
                        .is_ok_and(|p| p == phone)
            });
            if let Some((_, body)) = found {
                return body;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no text with {needle} reached the phone");
    }

    /// Registers and logs in a new citizen.
    pub async fn citizen(&self) -> Citizen {
        let mut c = Citizen {
            real_name: "王晓梅".into(),
            id_number: id_number(),
            phone: phone(),
            password: "蓝色台灯-窗外的雨".into(),
            token: String::new(),
        };
        let code = self.sms_code(&c.phone, "register").await;
        let res = self
            .register(&json!({
                "real_name": c.real_name, "id_number": c.id_number, "phone": c.phone,
                "password": c.password, "sms_code": code
            }))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "{}",
            res.text().await.unwrap()
        );
        let res = self.login(&c.phone, &c.password).await;
        assert_eq!(res.status(), StatusCode::OK);
        c.token = res.json::<Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        c
    }

    /// A selectable category and a village from the reference data.
    pub async fn leaf_ids(&self) -> (i64, i64) {
        let data: Value = self
            .get("/api/v1/reference", None)
            .await
            .json()
            .await
            .unwrap();
        let category = data["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["selectable"] == true)
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let village = data["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["level"] == "village")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        (category, village)
    }

    /// A complete, valid filing.
    pub async fn filing(&self) -> Value {
        let (category, region) = self.leaf_ids().await;
        json!({
            "kind": "appeal",
            "category_id": category,
            "region_id": region,
            "title": "小区冬季供暖温度不达标",
            "facts": "今年入冬以来室内温度一直低于十六度，多次向物业和供热公司反映未果。",
            "request": "请督促供热公司整改，保障居民正常供暖。",
            "people_count": 1,
            "publish_consent": false
        })
    }

    pub async fn file(&self, token: &str, body: &Value, key: Option<&str>) -> Response {
        let mut req = self
            .client
            .post(self.url("/api/v1/petitions"))
            .bearer_auth(token)
            .json(body);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        req.send().await.expect("request")
    }

    /// Files a valid petition and returns the receipt.
    pub async fn file_ok(&self, token: &str) -> Value {
        let body = self.filing().await;
        let res = self.file(token, &body, None).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.unwrap()
    }

    pub async fn my_petitions(&self, token: &str) -> Vec<Value> {
        self.get("/api/v1/petitions", Some(token))
            .await
            .json::<Vec<Value>>()
            .await
            .unwrap()
    }
}

/// The field names of a 422 body.
pub async fn error_fields(res: Response) -> Vec<String> {
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

pub async fn unit_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM units WHERE name = $1")
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A new staff account of `unit` with `roles`; returns (username, password).
pub async fn staff_account(app: &TestApp, unit: &str, roles: &str) -> (String, String) {
    let unit = unit_id(app, unit).await;
    let username = format!("s{}", rand::random::<u32>());
    let password =
        server::services::staff::create(&app.state, Some(unit), &username, "工作人员", roles)
            .await
            .unwrap()
            .expect("new account");
    (username, password)
}

/// A new staff account of `unit` with `roles`, logged in (and, where its roles require
/// it, with a second factor bound); returns its access token.
pub async fn staff(app: &TestApp, unit: &str, roles: &str) -> String {
    let (username, password) = staff_account(app, unit, roles).await;
    let res = app
        .post_json(
            "/api/v1/staff/sessions",
            None,
            &json!({ "username": username, "password": password }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: Value = app
        .get("/api/v1/staff/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    if me["totp_required"] == true {
        let setup: Value = app
            .post_json("/api/v1/staff/me/totp", Some(&token), &json!({}))
            .await
            .json()
            .await
            .unwrap();
        let code = totp_code(setup["secret"].as_str().unwrap(), 0);
        let res = app
            .post_json(
                "/api/v1/staff/me/totp/confirm",
                Some(&token),
                &json!({ "code": code }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    token
}

/// The code of a base32 TOTP secret, `ahead` 30-second steps from now.
pub fn totp_code(secret: &str, ahead: u64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_owned())
        .to_bytes()
        .unwrap();
    let totp = totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + 30 * ahead)
}

pub async fn act(app: &TestApp, token: &str, number: &str, body: Value) -> Response {
    app.post_json(
        &format!("/api/v1/staff/petitions/{number}/actions"),
        Some(token),
        &body,
    )
    .await
}

pub async fn act_ok(app: &TestApp, token: &str, number: &str, body: Value) {
    let res = act(app, token, number, body.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "{body}: {}",
        res.text().await.unwrap()
    );
}

/// Everything the portal logged during this test run, at debug level: the canary test
/// searches it for personal data.
pub fn logs() -> String {
    String::from_utf8_lossy(&LOGS.lock().unwrap()).into_owned()
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
fn capture_logs() {
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
