//! Queries on partner systems' webhook subscriptions.

use sqlx::{AnyConnection, AnyPool, Row};

pub struct SubscriptionRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub secret_enc: Vec<u8>,
    pub events: String,
    pub active: bool,
    pub created_at: i64,
}

const COLUMNS: &str = "id, name, url, secret_enc, events, active, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<SubscriptionRow, sqlx::Error> {
    Ok(SubscriptionRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        url: r.try_get("url")?,
        secret_enc: r.try_get("secret_enc")?,
        events: r.try_get("events")?,
        active: r.try_get::<i64, _>("active")? != 0,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert(
    pool: &AnyPool,
    name: &str,
    url: &str,
    secret_enc: &[u8],
    events: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhook_subscriptions (name, url, secret_enc, events, active, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(name)
    .bind(url)
    .bind(secret_enc)
    .bind(events)
    .bind(now)
    .fetch_one(pool)
    .await?
    .try_get(0)
}

pub async fn all(pool: &AnyPool) -> Result<Vec<SubscriptionRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM webhook_subscriptions ORDER BY id");
    sqlx::query(&sql)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<SubscriptionRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM webhook_subscriptions WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Active subscriptions that want `event`, read inside the change's transaction.
pub async fn wanting(conn: &mut AnyConnection, event: &str) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, events FROM webhook_subscriptions WHERE active = 1")
        .fetch_all(&mut *conn)
        .await?;
    let mut ids = Vec::new();
    for r in rows {
        let events: String = r.try_get(1)?;
        if events
            .split(',')
            .any(|e| e.trim() == "*" || e.trim() == event)
        {
            ids.push(r.try_get(0)?);
        }
    }
    Ok(ids)
}
