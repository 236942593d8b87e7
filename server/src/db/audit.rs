//! Queries on the audit trail: appending a link under the head's lock, reading the chain.

use sqlx::{AnyPool, Row};

use super::Tx;

/// One audit record as stored, MACs included.
#[derive(Clone, Debug)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub role: Option<String>,
    pub unit_id: Option<i64>,
    pub action: String,
    pub petition_id: Option<i64>,
    pub detail: Option<String>,
    pub client: Option<String>,
    pub prev_mac: Vec<u8>,
    pub mac: Vec<u8>,
}

/// Takes the next sequence number and the last link. The UPDATE locks the head row until
/// the transaction ends, so appenders on several instances queue up instead of forking
/// the chain (SQLite writers are serialised anyway).
pub async fn advance_head(tx: &mut Tx) -> Result<(i64, Vec<u8>), sqlx::Error> {
    let row = sqlx::query(
        "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_mac",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// Takes the next `n` sequence numbers at once: the last of them and the link before the
/// first (for appending a group in one statement, [`append_many`]).
pub async fn advance_head_by(tx: &mut Tx, n: i64) -> Result<(i64, Vec<u8>), sqlx::Error> {
    let row = sqlx::query(
        "UPDATE audit_head SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq, last_mac",
    )
    .bind(n)
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// Appends records in order, forty to a statement; the trigger moves the head's last MAC
/// row by row, so it ends on the last one.
pub async fn append_many(tx: &mut Tx, rows: &[AuditRow]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(40) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p: Vec<String> = (1..=11).map(|k| format!("${}", i * 11 + k)).collect();
                format!("({})", p.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_log (seq, at, actor, role, unit_id, action, petition_id, detail, \
             client, prev_mac, mac) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.seq)
                .bind(r.at)
                .bind(&r.actor)
                .bind(r.role.as_deref())
                .bind(r.unit_id)
                .bind(&r.action)
                .bind(r.petition_id)
                .bind(r.detail.as_deref())
                .bind(r.client.as_deref())
                .bind(&r.prev_mac)
                .bind(&r.mac);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Appends a record; a trigger (migration 0007) moves the head's last MAC to it.
pub async fn append(tx: &mut Tx, r: &AuditRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, role, unit_id, action, petition_id, detail, client, prev_mac, mac) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(r.seq)
    .bind(r.at)
    .bind(&r.actor)
    .bind(r.role.as_deref())
    .bind(r.unit_id)
    .bind(&r.action)
    .bind(r.petition_id)
    .bind(r.detail.as_deref())
    .bind(r.client.as_deref())
    .bind(&r.prev_mac)
    .bind(&r.mac)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records after `after_seq`, in order, at most `limit`.
pub async fn page(
    pool: &AnyPool,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query(
        "SELECT seq, at, actor, role, unit_id, action, petition_id, detail, client, prev_mac, mac \
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after_seq)
    .bind(limit)
    .fetch_all(pool)
    .await?
    .iter()
    .map(audit_row)
    .collect()
}

fn audit_row(r: &sqlx::any::AnyRow) -> Result<AuditRow, sqlx::Error> {
    Ok(AuditRow {
        seq: r.try_get("seq")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        role: r.try_get("role")?,
        unit_id: r.try_get("unit_id")?,
        action: r.try_get("action")?,
        petition_id: r.try_get("petition_id")?,
        detail: r.try_get("detail")?,
        client: r.try_get("client")?,
        prev_mac: r.try_get("prev_mac")?,
        mac: r.try_get("mac")?,
    })
}

/// The last link as the head records it.
pub async fn head(pool: &AnyPool) -> Result<(i64, Vec<u8>), sqlx::Error> {
    let row = sqlx::query("SELECT last_seq, last_mac FROM audit_head WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// A record as an auditor reads it, with the number of its petition.
pub struct AuditListRow {
    pub row: AuditRow,
    pub number: Option<String>,
}

/// Records older than `before` (all when `None`), of one petition when given, newest first.
pub async fn recent(
    pool: &AnyPool,
    before: Option<i64>,
    petition: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditListRow>, sqlx::Error> {
    sqlx::query(
        "SELECT a.seq, a.at, a.actor, a.role, a.unit_id, a.action, a.petition_id, a.detail, \
         a.client, a.prev_mac, a.mac, p.number FROM audit_log a \
         LEFT JOIN petitions p ON p.id = a.petition_id \
         WHERE a.seq < $1 AND ($2 = 0 OR a.petition_id = $2) ORDER BY a.seq DESC LIMIT $3",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(petition.unwrap_or(0))
    .bind(limit)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(AuditListRow {
            row: audit_row(r)?,
            number: r.try_get("number")?,
        })
    })
    .collect()
}
