//! A PostgreSQL database of a benchmark's own, beside the one its URL names: made for a
//! run and dropped after it (one at 1M petitions is about 1.9 GB).

use sqlx::Connection;

/// A new database beside `base`'s: its URL and its name.
pub async fn create(base: &str) -> anyhow::Result<(String, String)> {
    let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(base).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let (prefix, _) = base
        .rsplit_once('/')
        .ok_or_else(|| anyhow::anyhow!("the PostgreSQL URL needs a database name"))?;
    Ok((format!("{prefix}/{name}"), name))
}

/// Drops a database [`create`] made, closing what still holds it open (a pool that has
/// not closed yet).
pub async fn drop(base: &str, name: &str) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(base).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    Ok(())
}
