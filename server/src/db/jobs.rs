//! Queries of the scheduler: leases that let one instance at a time run a job, clocks
//! that need attention, and the record of alerts already raised.

use sqlx::{AnyPool, Row};

use shared::ids::PetitionId;

use super::Tx;

/// Takes or renews the lease on `job` for `holder` until `until`; true if held now.
/// Another holder's lease is taken over only once it has expired.
pub async fn lease(
    pool: &AnyPool,
    job: &str,
    holder: &str,
    now: i64,
    until: i64,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET holder = $2, expires_at = $3 \
         WHERE job_leases.expires_at < $4 OR job_leases.holder = $2 RETURNING holder",
    )
    .bind(job)
    .bind(holder)
    .bind(until)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}

/// Records an alert; false if it had been raised already (by this or another instance).
pub async fn raise(
    tx: &mut Tx,
    petition: PetitionId,
    clock: &str,
    clock_start: &str,
    kind: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO clock_alerts (petition_id, clock, clock_start, kind, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
    )
    .bind(petition.0)
    .bind(clock)
    .bind(clock_start)
    .bind(kind)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a system alert by its key; false if it had been raised already.
pub async fn raise_once(tx: &mut Tx, key: &str, at: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("INSERT INTO system_alerts (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(key)
            .bind(at)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// How many alerts of `kind` a petition has had.
pub async fn alerts(pool: &AnyPool, petition: PetitionId, kind: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) FROM clock_alerts WHERE petition_id = $1 AND kind = $2")
        .bind(petition.0)
        .bind(kind)
        .fetch_one(pool)
        .await?
        .try_get(0)
}
