//! Online backup and restore of the portal's database: a consistent copy taken while the
//! portal serves and writes (SQLite `VACUUM INTO`, PostgreSQL `pg_dump`'s snapshot), and
//! its restore into an empty database, checked before it is called done.
//!
//! The copy holds personal data only in encrypted form; it is useless without the master
//! key, which is kept apart from it (a backup that carried its own key would not be).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail, ensure};
use secrecy::ExposeSecret;

use crate::config::DatabaseSettings;
use crate::db::{Backend, Db};

/// What a backup or restore did, for the operator.
pub struct Summary {
    pub petitions: i64,
    pub audit_records: i64,
}

/// Writes a consistent copy of the live database to `target` (which must not exist).
pub async fn backup(db: &Db, settings: &DatabaseSettings, target: &Path) -> anyhow::Result<()> {
    ensure!(
        !target.exists(),
        "{} already exists; a backup never overwrites",
        target.display()
    );
    let text = target
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    match db.backend {
        // One read transaction copies every page as of its start; writers carry on (WAL).
        Backend::Sqlite => {
            sqlx::query("VACUUM INTO $1")
                .bind(text)
                .execute(&db.pool)
                .await
                .context("VACUUM INTO failed")?;
        }
        // pg_dump reads in one repeatable-read snapshot; the custom format restores with
        // pg_restore, in parallel if wanted.
        Backend::Postgres => {
            let status = Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(target)
                .arg(settings.url.expose_secret())
                .status()
                .context("pg_dump could not be started (install the PostgreSQL client)")?;
            ensure!(status.success(), "pg_dump failed ({status})");
        }
    }
    Ok(())
}

/// Restores the copy at `source` into the configured database, which must be empty, then
/// checks it as a starting portal would.
pub async fn restore(settings: &DatabaseSettings, source: &Path) -> anyhow::Result<Summary> {
    ensure!(
        source.is_file(),
        "{} is not a backup file",
        source.display()
    );
    let url = settings.url.expose_secret();
    if url.starts_with("sqlite:") {
        let path = crate::db::pool::sqlite_file(url).context("no database file in database.url")?;
        ensure!(
            !Path::new(path).exists(),
            "{path} already exists; restore into a new database file"
        );
        if let Some(dir) = Path::new(path).parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(source, path).with_context(|| format!("copy into {path}"))?;
    } else {
        let status = Command::new("pg_restore")
            .args([
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
            ])
            .arg(url)
            .arg(source)
            .status()
            .context("pg_restore could not be started (install the PostgreSQL client)")?;
        ensure!(status.success(), "pg_restore failed ({status})");
    }
    // Connecting runs the start-up checks (WAL, sync, foreign keys) and any migration the
    // copy is behind on.
    let db = Db::connect(settings).await?;
    if db.backend == Backend::Sqlite {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&db.pool)
            .await?;
        if check != "ok" {
            bail!("the restored database fails its integrity check: {check}");
        }
    }
    let summary = Summary {
        petitions: sqlx::query_scalar("SELECT COUNT(*) FROM petitions")
            .fetch_one(&db.pool)
            .await?,
        audit_records: sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&db.pool)
            .await?,
    };
    db.pool.close().await;
    Ok(summary)
}
