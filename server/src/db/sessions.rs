//! Queries on login sessions and their rotating refresh tokens.

use sqlx::{AnyPool, Row};

use super::Tx;

/// Who a session belongs to, as stored (`citizen` or `staff`, and the id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub id: String,
    pub principal: String,
    pub principal_id: i64,
    pub expires_at: i64,
    pub revoked: bool,
    pub refreshed_at: i64,
    /// True when the presented refresh token is the one rotated away (a replay).
    pub matched_previous: bool,
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub principal: &'a str,
    pub principal_id: i64,
    pub refresh_hash: &'a [u8],
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(pool: &AnyPool, s: NewSession<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id, principal, principal_id, refresh_hash, created_at, refreshed_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(s.id)
    .bind(s.principal)
    .bind(s.principal_id)
    .bind(s.refresh_hash)
    .bind(s.now)
    .bind(s.expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether the session exists, is not revoked and has not expired.
pub async fn is_active(pool: &AnyPool, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}

/// Finds the session a refresh token belongs to, whether current or just rotated away.
pub async fn by_refresh_hash(tx: &mut Tx, hash: &[u8]) -> Result<Option<SessionRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, principal, principal_id, expires_at, revoked_at, refreshed_at, refresh_hash FROM sessions \
         WHERE refresh_hash = $1 OR previous_refresh_hash = $1",
    )
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        let current: Vec<u8> = r.try_get("refresh_hash")?;
        Ok(SessionRow {
            id: r.try_get("id")?,
            principal: r.try_get("principal")?,
            principal_id: r.try_get("principal_id")?,
            expires_at: r.try_get("expires_at")?,
            revoked: r.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
            refreshed_at: r.try_get("refreshed_at")?,
            matched_previous: current != hash,
        })
    })
    .transpose()
}

pub async fn rotate(tx: &mut Tx, id: &str, new_hash: &[u8], now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET previous_refresh_hash = refresh_hash, refresh_hash = $1, refreshed_at = $2 WHERE id = $3",
    )
    .bind(new_hash)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn revoke(pool: &AnyPool, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Revokes every session of a principal (password change, detected token replay).
pub async fn revoke_all(
    tx: &mut Tx,
    principal: &str,
    principal_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE principal = $2 AND principal_id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(principal)
        .bind(principal_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
