//! The rebuild: the rollups recomputed from the petitions' facts, replacing what is kept.
//! Run by `portal rebuild-statistics`, and at start-up when a database has petitions but no
//! rollups (one upgraded from before them, or restored without them).

use anyhow::Context;

use super::retally::apply;
use super::tally::{Contribution, contribution};
use crate::db::{self, Db};

/// Petitions read per batch.
const BATCH: i64 = 5_000;

/// The sum of every petition's contribution, read in batches by id.
pub async fn compute(conn: &mut sqlx::AnyConnection) -> Result<Contribution, sqlx::Error> {
    let mut total = Contribution::default();
    let mut after = 0;
    loop {
        let batch = db::statistics::facts(conn, after, i64::MAX, BATCH).await?;
        let Some(last) = batch.last() else {
            return Ok(total);
        };
        after = last.id;
        for f in &batch {
            total.add(&contribution(f), 1);
        }
    }
}

/// Replaces the rollups (the open matters' too) with their recomputation, in one write
/// transaction (so steps taken meanwhile wait and are counted once). Returns the number of
/// monthly rollup rows written.
pub async fn run(db: &Db) -> anyhow::Result<usize> {
    let mut tx = db.begin_write().await?;
    let total = compute(&mut tx)
        .await
        .context("reading the petitions' facts")?;
    db::statistics::clear(&mut tx).await?;
    apply(&mut tx, &total).await?;
    db::statistics::recount_open_matters(&mut tx).await?;
    let rows = total.tallies.len() + total.volumes.len();
    tx.commit().await?;
    db.settle().await?;
    Ok(rows)
}

/// Rebuilds at start-up when the rollups are missing.
pub async fn if_missing(db: &Db) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await?;
    if !db::statistics::needs_rebuild(&mut conn).await? {
        return Ok(());
    }
    drop(conn);
    let started = std::time::Instant::now();
    let rows = run(db).await?;
    tracing::info!(
        rows,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "statistics rebuilt"
    );
    Ok(())
}
