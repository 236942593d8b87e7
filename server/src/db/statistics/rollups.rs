//! The monthly rollups `tallies` and `volumes`: adding a difference to a row, clearing them
//! for a rebuild, and reading months, shards summed.

use sqlx::{AnyConnection, Row};

use super::super::{Tx, decode};
use super::{COLUMNS, Counts, TallyKey, VolumeKey};

/// Adds `counts` to a `tallies` row, creating it at zero first.
pub async fn add_tally(tx: &mut Tx, key: &TallyKey, counts: &Counts) -> Result<(), sqlx::Error> {
    let cols = COLUMNS.join(", ");
    let values: Vec<String> = (0..COLUMNS.len()).map(|i| format!("${}", i + 4)).collect();
    let sets: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("{c} = tallies.{c} + excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO tallies (month, unit_id, shard, {cols}) VALUES ($1, $2, $3, {}) \
         ON CONFLICT (month, unit_id, shard) DO UPDATE SET {}",
        values.join(", "),
        sets.join(", ")
    );
    let mut q = sqlx::query(&sql)
        .bind(&key.month)
        .bind(key.unit_id)
        .bind(key.shard);
    for n in counts {
        q = q.bind(*n);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

pub async fn add_volume(tx: &mut Tx, key: &VolumeKey, n: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO volumes (month, unit_id, channel, kind, category_id, region_id, shard, received) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (month, unit_id, channel, kind, category_id, region_id, shard) \
         DO UPDATE SET received = volumes.received + excluded.received",
    )
    .bind(&key.month)
    .bind(key.unit_id)
    .bind(&key.channel)
    .bind(&key.kind)
    .bind(key.category_id)
    .bind(key.region_id)
    .bind(key.shard)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Empties both rollups, for the rebuild.
pub async fn clear(tx: &mut Tx) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM tallies")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM volumes")
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether the rollups are empty while petitions exist: a database upgraded from before
/// the rollups, or restored without them.
pub async fn needs_rebuild(conn: &mut AnyConnection) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM petitions) AND NOT EXISTS (SELECT 1 FROM tallies) \
         THEN 1 ELSE 0 END",
    )
    .fetch_one(&mut *conn)
    .await?;
    decode::flag(&row, 0)
}

/// Every `tallies` row of the months in `[from, to]`, shards summed: (month, unit, counts).
pub async fn tallies(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64, Counts)>, sqlx::Error> {
    let sums: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("CAST(SUM({c}) AS BIGINT)"))
        .collect();
    let sql = format!(
        "SELECT month, unit_id, {} FROM tallies WHERE month >= $1 AND month <= $2 \
         GROUP BY month, unit_id ORDER BY month, unit_id",
        sums.join(", ")
    );
    sqlx::query(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            let mut counts = Counts::default();
            for (i, c) in counts.iter_mut().enumerate() {
                *c = r.try_get(i + 2)?;
            }
            Ok((r.try_get(0)?, r.try_get(1)?, counts))
        })
        .collect()
}

/// 收件量 of the months in `[from, to]` by unit, channel, kind and category, in one read
/// of `volumes` (places and shards summed): every breakdown of a page comes from these.
pub async fn volumes_between(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<Vec<VolumeCount>, sqlx::Error> {
    sqlx::query(
        "SELECT unit_id, channel, kind, category_id, CAST(SUM(received) AS BIGINT) FROM volumes \
         WHERE month >= $1 AND month <= $2 GROUP BY unit_id, channel, kind, category_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(VolumeCount {
            unit_id: r.try_get(0)?,
            channel: r.try_get(1)?,
            kind: r.try_get(2)?,
            category_id: r.try_get(3)?,
            received: r.try_get(4)?,
        })
    })
    .collect()
}

/// 收件量 of one unit, channel, kind and category over some months.
#[derive(Clone, Debug)]
pub struct VolumeCount {
    pub unit_id: i64,
    pub channel: String,
    pub kind: String,
    pub category_id: i64,
    pub received: i64,
}

/// Every row of both rollups with its shards summed and empty rows left out, in key order:
/// what the rebuild's result is compared with.
pub async fn all_rows(
    conn: &mut AnyConnection,
) -> Result<(Vec<(String, i64, Counts)>, Vec<(String, i64, String, i64)>), sqlx::Error> {
    let mut t = tallies(conn, "0000-00", "9999-99").await?;
    t.retain(|(_, _, c)| c.iter().any(|n| *n != 0));
    let v = sqlx::query(
        "SELECT month, unit_id, channel || '/' || kind || '/' || CAST(category_id AS TEXT) || '/' || \
         CAST(region_id AS TEXT), CAST(SUM(received) AS BIGINT) FROM volumes \
         GROUP BY month, unit_id, channel, kind, category_id, region_id HAVING SUM(received) <> 0 \
         ORDER BY month, unit_id, channel, kind, category_id, region_id",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
    .collect::<Result<_, sqlx::Error>>()?;
    Ok((t, v))
}
