//! The crash harness's pieces: a prepared database, the portal as a killable child
//! process, filing load that records only acknowledged keys, and the final checks.

use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use server::config::Settings;
use server::crypto::Field;
use server::db::citizens::NewCitizenRow;
use shared::person::Password;
use sqlx::Row;

const PHONE: &str = "13800138000";
const ID_NUMBER: &str = "11010519491231002X";
const PASSWORD: &str = "Crash-Harness-2026!";
const FILERS: usize = 8;

pub struct Harness {
    settings: Settings,
    _dir: tempfile::TempDir,
    client: reqwest::Client,
    category: i64,
    region: i64,
    postgres: bool,
}

pub struct Portal {
    child: Child,
    base: String,
}

impl Portal {
    /// SIGKILL: no shutdown hook, no flush, whatever was in flight is cut off.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct Filed {
    pub key: String,
    pub number: String,
}

pub struct Load {
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<Vec<Filed>>>,
}

impl Load {
    /// Stops the filers and returns every filing the portal acknowledged with a 2xx.
    pub async fn finish(self) -> Vec<Filed> {
        self.stop.store(true, Ordering::Relaxed);
        let mut out = Vec::new();
        for t in self.tasks {
            out.extend(t.await.expect("a filer"));
        }
        out
    }
}

pub struct Report {
    pub stored: usize,
}

impl Harness {
    /// A fresh database with the demo jurisdiction and one citizen.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = Settings::load().expect("settings");
        settings.data_dir = dir.path().to_path_buf();
        settings.log.filter = "warn".into();
        let postgres = std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"));
        settings.database.url = SecretString::from(if postgres {
            fresh_pg_database(&std::env::var("TEST_DATABASE_URL").unwrap()).await
        } else {
            format!("sqlite://{}/portal.db?mode=rwc", dir.path().display())
        });
        let state = server::startup::build_state(settings.clone())
            .await
            .expect("state");
        server::seed::categories(&state).await.expect("categories");
        server::seed::demo(&state).await.expect("demo jurisdiction");
        let v = &state.vault;
        let hash = state
            .passwords
            .hash(&Password::parse(PASSWORD).unwrap())
            .await
            .unwrap();
        let mut tx = state.db.begin_write().await.unwrap();
        server::db::citizens::insert(
            &mut tx,
            NewCitizenRow {
                real_name_enc: &v.encrypt(Field::RealName, "李四"),
                id_number_enc: &v.encrypt(Field::IdNumber, ID_NUMBER),
                id_number_idx: &v.blind_index(Field::IdNumber, ID_NUMBER),
                phone_enc: &v.encrypt(Field::Phone, PHONE),
                phone_idx: &v.blind_index(Field::Phone, PHONE),
                email_enc: None,
                address_enc: None,
                password_hash: &hash,
                created_at: 0,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let pool = &state.db.pool;
        let category: i64 = sqlx::query_scalar(
            "SELECT id FROM categories c WHERE NOT EXISTS \
             (SELECT 1 FROM categories d WHERE d.parent_id = c.id) ORDER BY id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let region: i64 = sqlx::query_scalar(
            "SELECT id FROM regions WHERE level = 'village' ORDER BY id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        state.db.pool.close().await;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Self {
            settings,
            _dir: dir,
            client,
            category,
            region,
            postgres,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// Starts the portal on the harness's database and waits until it is ready.
    pub async fn start(&self) -> Portal {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.settings.data_dir.join("portal.log"))
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .env("APP_DATA_DIR", &self.settings.data_dir)
            .env(
                "APP_DATABASE__URL",
                self.settings.database.url.expose_secret(),
            )
            .env("APP_SERVER__PORT", port.to_string())
            .env("APP_SERVER__SECURE_COOKIES", "false")
            .env("APP_LIMITS__LOGINS_PER_MINUTE", "100000")
            .env("APP_LIMITS__LOGINS_PER_ACCOUNT", "100000")
            .env("APP_LIMITS__REGISTRATIONS_PER_MINUTE", "100000")
            .env("APP_LOG__FILTER", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("the portal starts");
        let mut portal = Portal {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            if let Ok(r) = self
                .client
                .get(format!("{}/health/ready", portal.base))
                .send()
                .await
                && r.status().is_success()
            {
                return portal;
            }
            if started.elapsed() > Duration::from_secs(60) {
                portal.kill();
                panic!(
                    "the portal did not come back after a crash:\n{}",
                    self.log()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.settings.data_dir.join("portal.log")).unwrap_or_default()
    }

    pub async fn login(&self, portal: &Portal) -> String {
        let res: Value = self
            .client
            .post(format!("{}/api/v1/sessions", portal.base))
            .json(&json!({ "phone": PHONE, "password": PASSWORD }))
            .send()
            .await
            .expect("login")
            .json()
            .await
            .expect("a token");
        res["access_token"].as_str().expect("a token").to_owned()
    }

    /// Eight filers, each with its own idempotency keys, until told to stop or the portal
    /// stops answering. A key counts as acknowledged only after a 2xx with a number.
    pub fn file_under_load(&self, portal: &Portal, token: &str, cycle: usize) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = (0..FILERS)
            .map(|w| {
                let (client, stop) = (self.client.clone(), stop.clone());
                let url = format!("{}/api/v1/petitions", portal.base);
                let token = token.to_owned();
                let (category, region) = (self.category, self.region);
                tokio::spawn(async move {
                    let mut filed = Vec::new();
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let key = format!("c{cycle}-w{w}-n{n}");
                        n += 1;
                        let sent = client
                            .post(&url)
                            .bearer_auth(&token)
                            .header("Idempotency-Key", &key)
                            .json(&json!({
                                "kind": "suggestion",
                                "category_id": category,
                                "region_id": region,
                                "title": format!("断电演练 {key}"),
                                "facts": "演练：在写入过程中强行终止服务，检查已确认的信访件是否全部保存。",
                                "request": "请核对。",
                            }))
                            .send()
                            .await;
                        let Ok(res) = sent else {
                            // Killed (connection refused or cut): nothing more to file.
                            break;
                        };
                        if !res.status().is_success() {
                            // The database is down: not acknowledged, try the next key.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                        if let Ok(body) = res.json::<Value>().await
                            && let Some(number) = body["number"].as_str()
                        {
                            filed.push(Filed {
                                key,
                                number: number.to_owned(),
                            });
                        }
                    }
                    filed
                })
            })
            .collect();
        Load { stop, tasks }
    }

    pub fn stop_postgres_immediately(&self) {
        pg_ctl(&["stop", "-m", "immediate"]);
    }

    pub fn start_postgres(&self) {
        pg_ctl(&["start"]);
        let started = Instant::now();
        while !Command::new("pg_isready")
            .args(["-q", "-h", "127.0.0.1", "-p", "5432"])
            .status()
            .is_ok_and(|s| s.success())
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "PostgreSQL restarts"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Acknowledged ⊆ stored, nothing twice, a clean integrity check, and each stored
    /// filing with its outbox notice, its audit entry and an intact audit chain.
    pub async fn check(&self, acknowledged: &HashMap<String, String>) -> Report {
        let state = server::startup::build_state(self.settings.clone())
            .await
            .expect("the database opens after the crashes");
        let pool = &state.db.pool;
        let rows = sqlx::query("SELECT title, number FROM petitions")
            .fetch_all(pool)
            .await
            .unwrap();
        let mut stored: HashMap<String, String> = HashMap::new();
        let mut twice = HashSet::new();
        for r in &rows {
            let title: String = r.get(0);
            let key = title.trim_start_matches("断电演练 ").to_owned();
            if stored.insert(key.clone(), r.get(1)).is_some() {
                twice.insert(key);
            }
        }
        assert!(twice.is_empty(), "stored twice: {twice:?}");
        for (key, number) in acknowledged {
            assert_eq!(
                stored.get(key),
                Some(number),
                "acknowledged filing {key} ({number}) lost"
            );
        }
        let orphans: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM petitions p WHERE NOT EXISTS \
             (SELECT 1 FROM outbox o WHERE o.petition_id = p.id) \
             OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.petition_id = p.id)",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(orphans, 0, "filings without their notice or audit entry");
        let audit = server::audit::verify(pool, &state.vault).await.unwrap();
        assert!(audit.problem.is_none(), "audit chain: {:?}", audit.problem);
        if self.postgres {
            check_postgres(pool).await;
        } else {
            let result: String = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!(result, "ok");
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(pool)
                .await
                .unwrap();
            assert!(broken.is_empty(), "foreign keys broken");
        }
        Report {
            stored: stored.len(),
        }
    }
}

/// amcheck over every B-tree index of the portal's tables (heap and index agree).
async fn check_postgres(pool: &sqlx::AnyPool) {
    sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
        .execute(pool)
        .await
        .unwrap();
    let checked: i64 = sqlx::query_scalar(
        "SELECT COUNT(bt_index_check(c.oid::regclass, true)::text) FROM pg_index i \
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam \
         WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert!(checked > 10, "amcheck ran over the indexes");
}

fn pg_ctl(args: &[&str]) {
    let version = std::fs::read_dir("/etc/postgresql")
        .expect("a Debian PostgreSQL")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .max()
        .expect("a cluster");
    let status = Command::new("pg_ctlcluster")
        .arg("--skip-systemctl-redirect")
        .args([version.as_str(), "main"])
        .args(args)
        .status()
        .expect("pg_ctlcluster");
    assert!(status.success(), "pg_ctlcluster {args:?}");
}

async fn fresh_pg_database(base: &str) -> String {
    use sqlx::Connection;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
