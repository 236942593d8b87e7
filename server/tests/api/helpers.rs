//! `spawn_app()` and the small vocabulary the tests speak: citizens, filings, look-ups.

use reqwest::{Client, Response, StatusCode};
use secrecy::SecretString;
use serde_json::{Value, json};
use server::config::Settings;
use server::startup::Application;
use server::state::AppState;
use shared::person::IdCardNumber;

mod logs;
mod sms;
mod staff;

pub use logs::logs;
pub use staff::{act, act_ok, staff, staff_account, staff_login, totp_code, unit_id};

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
    settings.limits.registrations_per_minute = 10_000;
    // The partner stand-ins listen on this machine.
    settings.notify.outbound_allow = vec!["127.0.0.0/8".parse().unwrap()];
    settings.limits.logins_per_account = 10_000;
    settings.limits.sms_codes_per_hour = 10_000;
    settings.log.filter = "warn".into();
    settings.database.url = SecretString::from(database_url(dir.path()).await);
    tweak(&mut settings);
    logs::capture();
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
pub async fn database_url(dir: &std::path::Path) -> String {
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

    pub async fn put_json(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.client.put(self.url(path)).json(body);
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

    /// Files `body`, which must be accepted; the new petition's number.
    pub async fn file_number(&self, token: &str, body: &Value) -> String {
        let res = self.file(token, body, None).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["number"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Files a valid petition and returns the receipt.
    pub async fn file_ok(&self, token: &str) -> Value {
        let body = self.filing().await;
        let res = self.file(token, &body, None).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.unwrap()
    }

    /// Files a valid petition and returns its number.
    pub async fn file_ok_number(&self, token: &str) -> String {
        let body = self.filing().await;
        self.file_number(token, &body).await
    }

    /// Files `n` ordinary petitions for `token`; their numbers, in filing order.
    pub async fn file_many(&self, token: &str, n: usize) -> Vec<String> {
        let mut numbers = Vec::new();
        for _ in 0..n {
            numbers.push(self.file_ok_number(token).await);
        }
        numbers
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
