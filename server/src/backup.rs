//! Online backup and restore of the portal's database: a consistent copy taken while the
//! portal serves and writes (SQLite `VACUUM INTO`, PostgreSQL `pg_dump`'s snapshot), and
//! its restore into an empty database, checked before it is called done.
//!
//! The attachments go with it, into a folder beside the copy (`FILE.attachments`), as they
//! are stored: encrypted. The copy holds personal data only in encrypted form; it is
//! useless without the master key, which is kept apart from it (a backup that carried its
//! own key would not be).

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

/// The folder beside a backup file that holds its attachments.
pub fn attachments_of(file: &Path) -> std::path::PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".attachments");
    name.into()
}

/// Writes a consistent copy of the live database to `target` (which must not exist), and
/// the attachment files beside it. The files are copied after the database: a file is
/// stored before the row that names it commits, so every row of the copy has its file.
pub async fn backup(
    db: &Db,
    settings: &DatabaseSettings,
    attachments: &Path,
    target: &Path,
) -> anyhow::Result<()> {
    copy_database(db, settings, target).await?;
    copy_files(attachments, &attachments_of(target))
}

/// Copies every regular file of `from` into `to` (created), as stored.
fn copy_files(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("failed to create {}", to.display()))?;
    if !from.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(from).with_context(|| format!("read {}", from.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        // Half-written uploads (`*.tmp`) are not attachments yet.
        if entry.file_type()?.is_file() && !name.to_string_lossy().ends_with(".tmp") {
            std::fs::copy(entry.path(), to.join(&name))
                .with_context(|| format!("copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

async fn copy_database(db: &Db, settings: &DatabaseSettings, target: &Path) -> anyhow::Result<()> {
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

/// Restores the copy at `source` into the configured database, which must be empty, and
/// its attachments into `attachments`, then checks it as a starting portal would.
pub async fn restore(
    settings: &DatabaseSettings,
    attachments: &Path,
    source: &Path,
) -> anyhow::Result<Summary> {
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
    copy_files(&attachments_of(source), attachments)?;
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
