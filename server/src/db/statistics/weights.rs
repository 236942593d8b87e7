//! `index_weights`: the 信访指数 weights an administrator set, by figure code.

use sqlx::{AnyConnection, Row};

use super::super::Tx;

/// The weights set, by figure code; empty while none were set.
pub async fn index_weights(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query("SELECT figure, weight FROM index_weights ORDER BY figure")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// Replaces the weights with `weights` (code, weight).
pub async fn put_index_weights(tx: &mut Tx, weights: &[(&str, i64)]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM index_weights")
        .execute(&mut **tx)
        .await?;
    for (figure, weight) in weights {
        sqlx::query("INSERT INTO index_weights (figure, weight) VALUES ($1, $2)")
            .bind(*figure)
            .bind(*weight)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
