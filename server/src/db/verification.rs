//! Queries on SMS verification codes: issue, count per phone, find the live one, spend it.

use sqlx::{AnyPool, Row};

use super::Tx;

/// How many codes for `purpose` `phone` was sent since `since`. Each purpose has its own
/// count, so that asking for registration codes cannot use up a person's look-up codes.
pub async fn sent_since(
    tx: &mut Tx,
    phone_idx: &[u8],
    purpose: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) FROM verification_codes WHERE phone_idx = $1 AND purpose = $2 \
         AND created_at > $3",
    )
    .bind(phone_idx)
    .bind(purpose)
    .bind(since)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

pub async fn insert(
    tx: &mut Tx,
    phone_idx: &[u8],
    purpose: &str,
    code_mac: &[u8],
    expires_at: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO verification_codes (phone_idx, purpose, code_mac, tries, expires_at, created_at) \
         VALUES ($1, $2, $3, 0, $4, $5) RETURNING id",
    )
    .bind(phone_idx)
    .bind(purpose)
    .bind(code_mac)
    .bind(expires_at)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

/// The newest code for the phone and purpose, if it is still alive: (id, mac, tries).
/// Only the newest counts, so asking for a new code kills the old one.
pub async fn live(
    pool: &AnyPool,
    phone_idx: &[u8],
    purpose: &str,
    now: i64,
    max_tries: i64,
) -> Result<Option<(i64, Vec<u8>, i64)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, code_mac, tries, expires_at, used_at FROM verification_codes \
         WHERE phone_idx = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(phone_idx)
    .bind(purpose)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let used: Option<i64> = r.try_get("used_at")?;
    let tries: i64 = r.try_get("tries")?;
    let expires: i64 = r.try_get("expires_at")?;
    if used.is_some() || tries >= max_tries || expires <= now {
        return Ok(None);
    }
    Ok(Some((r.try_get("id")?, r.try_get("code_mac")?, tries)))
}

/// Takes one of the code's tries before the code is compared (committed at once): of any
/// number of guesses at the same moment, only as many as tries are left get compared.
/// Returns the tries used with this one, or `None` when none was left.
pub async fn take_try(pool: &AnyPool, id: i64, max_tries: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "UPDATE verification_codes SET tries = tries + 1 \
         WHERE id = $1 AND tries < $2 AND used_at IS NULL RETURNING tries",
    )
    .bind(id)
    .bind(max_tries)
    .fetch_optional(pool)
    .await?
    .map(|r| r.try_get(0))
    .transpose()
}

/// Spends a code at once, outside any other change: a registration attempt uses up its
/// code whatever comes of it. `false` if it was spent meanwhile.
pub async fn burn(pool: &AnyPool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE verification_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Spends the code in the transaction of what it proves; `false` if it was spent meanwhile.
pub async fn spend(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE verification_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Forgets codes older than `before` (they only count towards the daily limit).
pub async fn purge(pool: &AnyPool, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM verification_codes WHERE created_at < $1")
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
