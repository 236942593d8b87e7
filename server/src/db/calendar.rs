//! Queries on the holiday arrangements entered by administrators.

use sqlx::{AnyPool, Row};

pub async fn years(pool: &AnyPool) -> Result<Vec<(i32, String)>, sqlx::Error> {
    sqlx::query("SELECT year, body FROM calendar_years ORDER BY year")
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let year: i64 = r.try_get(0)?;
            Ok((i32::try_from(year).unwrap_or_default(), r.try_get(1)?))
        })
        .collect()
}

pub async fn put(tx: &mut super::Tx, year: i32, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_years (year, body, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (year) DO UPDATE SET body = $2, updated_at = $3",
    )
    .bind(i64::from(year))
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
