//! `open_matters`, the 督查看板's rollup of open matters by unit, status and due date: the
//! triggers of migration 0023 keep it; here it is recounted and read whole for the rebuild.

use sqlx::{AnyConnection, Row};

use super::super::Tx;

/// Replaces `open_matters` with its count from the petitions, in the triggers' words.
pub async fn recount_open_matters(tx: &mut Tx) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM open_matters")
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO open_matters (unit_id, status, due_on, shard, matters) \
         SELECT unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4, COUNT(*) FROM petitions \
         WHERE unit_id IS NOT NULL \
         AND status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval') \
         GROUP BY unit_id, status, COALESCE(due_on, '9999-12-31'), id % 4",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One row of `open_matters`: (unit, status, due date, shard, matters).
pub type OpenMatters = (i64, String, String, i64, i64);

/// Every row of `open_matters` in key order: what the rebuild's result is compared with.
pub async fn open_matters_rows(conn: &mut AnyConnection) -> Result<Vec<OpenMatters>, sqlx::Error> {
    sqlx::query(
        "SELECT unit_id, status, due_on, shard, matters FROM open_matters \
         ORDER BY unit_id, status, due_on, shard",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok((
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
            r.try_get(4)?,
        ))
    })
    .collect()
}
