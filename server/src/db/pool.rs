//! Connecting to SQLite or PostgreSQL from one URL, the per-connection settings, and migrations.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use secrecy::ExposeSecret;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Row};

use crate::config::DatabaseSettings;

/// Which engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database handle shared by all services.
#[derive(Clone, Debug)]
pub struct Db {
    /// Reads, and on PostgreSQL everything.
    pub pool: AnyPool,
    /// Where writes go. SQLite lets one connection write at a time and makes the
    /// others poll in its busy handler, which sleeps 1, 2, 5 … 100 ms between tries:
    /// under a burst of filings the lock sat idle while writers slept (p99 ≈ 400 ms).
    /// One writing connection makes them queue in the pool instead, first come first
    /// served, and woken the moment the last commit ends. On PostgreSQL it is `pool`.
    pub writer: AnyPool,
    pub backend: Backend,
}

pub type Tx = sqlx::Transaction<'static, Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects, applies the per-connection settings, runs pending migrations and checks
    /// that SQLite really runs in WAL mode with full sync and foreign keys on.
    pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let url = settings.url.expose_secret();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            bail!("database.url must start with sqlite: or postgres://");
        };
        if backend == Backend::Sqlite {
            // The reading and the writing pool must open the same database.
            if sqlite_file(url).is_none() {
                bail!("database.url must name a SQLite file, not an in-memory database");
            }
            ensure_sqlite_parent_dir(url)?;
        }
        let options =
            AnyConnectOptions::from_str(url).context("database.url is not a valid URL")?;
        let pool = pool_options(backend, settings.max_connections)
            .connect_with(options.clone())
            .await
            .context("failed to connect to the database")?;
        let writer = match backend {
            Backend::Postgres => pool.clone(),
            Backend::Sqlite => pool_options(backend, 1)
                .connect_with(options)
                .await
                .context("failed to connect to the database")?,
        };
        let db = Db {
            pool,
            writer,
            backend,
        };
        db.migrate().await?;
        db.assert_settings().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("failed to apply database migrations")
    }

    async fn assert_settings(&self) -> anyhow::Result<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        let journal: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        let sync: i64 = sqlx::query("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        let fks: i64 = sqlx::query("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        if !journal.eq_ignore_ascii_case("wal") || sync != 2 || fks != 1 {
            bail!(
                "SQLite settings not in effect: journal_mode={journal}, synchronous={sync}, foreign_keys={fks}"
            );
        }
        Ok(())
    }

    /// A transaction that will write, on the writing connection. On SQLite it takes the
    /// write lock at once (`BEGIN IMMEDIATE`), so that no other process's writer can
    /// make it deadlock on upgrade. Never open a second one while holding one.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.writer.begin().await,
        }
    }

    /// After one large write (a rebuild): folds SQLite's write-ahead log back into the
    /// database file, so that readers do not search a long log page by page afterwards.
    /// PostgreSQL needs nothing.
    pub async fn settle(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.writer)
                .await?;
        }
        Ok(())
    }

    /// Whether the database answers (for `/health/ready`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await.is_ok()
    }
}

/// The pool settings both pools share: the per-connection pragmas and time limits.
fn pool_options(backend: Backend, max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        // A PostgreSQL connection dies when the server restarts, so it is pinged before
        // it is handed out. A SQLite connection is a file handle in this process that
        // cannot go stale; its ping was one more trip to the connection's thread and
        // back on every acquire (3 of a queue page's 6).
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Postgres {
                        // No request waits forever on a row lock, and a transaction left
                        // open by a crashed task cannot hold its locks for longer than a minute.
                        conn.execute(
                            "SET lock_timeout = '15s'; SET idle_in_transaction_session_timeout = '60s';",
                        )
                        .await?;
                    }
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; FULL sync makes every
                        // acknowledged petition survive a power cut; busy_timeout makes a
                        // write from outside the writing pool (another process, a backup)
                        // wait for the lock instead of failing.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
}

/// The file of a `sqlite://path?options` URL; `None` for an in-memory database.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then_some(path)
}

fn ensure_sqlite_parent_dir(url: &str) -> anyhow::Result<()> {
    let Some(path) = sqlite_file(url) else {
        return Ok(());
    };
    if let Some(parent) = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create {}", parent.display()))?;
    }
    Ok(())
}
