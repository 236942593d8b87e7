//! Idempotency keys: a retried request finds the response its first attempt produced.

use sqlx::Row;

use super::Tx;

pub enum Claim {
    /// This request is the first with the key: go on and save the response.
    Fresh,
    /// An earlier request with the key committed; here is its fingerprint and saved response.
    Seen {
        request_hash: Vec<u8>,
        response_enc: Option<Vec<u8>>,
    },
}

/// Claims `(owner, key)` inside the caller's transaction. A concurrent first attempt
/// holds the row until it commits, so a retry waits for it and then sees its result.
pub async fn claim(
    tx: &mut Tx,
    owner: &str,
    key: &str,
    request_hash: &[u8],
    now: i64,
) -> Result<Claim, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (owner, idem_key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (owner, idem_key) DO NOTHING",
    )
    .bind(owner)
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::Fresh);
    }
    // The row that conflicted; gone again only if the day-old purge took it meanwhile.
    seen(tx, owner, key).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The earlier request with `(owner, key)`, if there was one, without claiming the key.
pub async fn seen(tx: &mut Tx, owner: &str, key: &str) -> Result<Option<Claim>, sqlx::Error> {
    let row = sqlx::query("SELECT request_hash, response_enc FROM idempotency_keys WHERE owner = $1 AND idem_key = $2")
        .bind(owner)
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| {
        Ok(Claim::Seen {
            request_hash: row.try_get(0)?,
            response_enc: row.try_get(1)?,
        })
    })
    .transpose()
}

pub async fn save_response(
    tx: &mut Tx,
    owner: &str,
    key: &str,
    response_enc: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE idempotency_keys SET response_enc = $1 WHERE owner = $2 AND idem_key = $3")
        .bind(response_enc)
        .bind(owner)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets keys older than `before` (their saved responses hold query codes).
pub async fn purge(pool: &sqlx::AnyPool, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
