//! A petition's timeline: every step, the public ones forming the petitioner's view.

use sqlx::{AnyPool, Row};

use shared::ids::PetitionId;

use super::super::Tx;

/// One step of a petition's history.
pub struct NewEvent<'a> {
    pub petition_id: PetitionId,
    pub at: i64,
    pub kind: &'a str,
    pub actor: &'a str,
    pub public: bool,
    pub title: &'a str,
    pub detail: Option<&'a str>,
}

pub async fn insert_event(tx: &mut Tx, e: NewEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_events (petition_id, at, kind, actor, is_public, title, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.petition_id.0)
    .bind(e.at)
    .bind(e.kind)
    .bind(e.actor)
    .bind(i64::from(e.public))
    .bind(e.title)
    .bind(e.detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct EventRow {
    pub at: i64,
    pub title: String,
    pub detail: Option<String>,
    /// On the petitioner's timeline too (written to them).
    pub public: bool,
}

/// The public timeline of a petition, oldest first.
pub async fn public_events(pool: &AnyPool, id: PetitionId) -> Result<Vec<EventRow>, sqlx::Error> {
    events(pool, id, " AND is_public = 1").await
}

/// The whole history, internal steps included, for staff.
pub async fn all_events(pool: &AnyPool, id: PetitionId) -> Result<Vec<EventRow>, sqlx::Error> {
    events(pool, id, "").await
}

async fn events(
    pool: &AnyPool,
    id: PetitionId,
    filter: &str,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = format!(
        "SELECT at, title, detail, is_public FROM petition_events WHERE petition_id = $1{filter} ORDER BY id"
    );
    let rows = sqlx::query(&sql).bind(id.0).fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            Ok(EventRow {
                at: r.try_get("at")?,
                title: r.try_get("title")?,
                detail: r.try_get("detail")?,
                public: super::super::decode::flag(r, "is_public")?,
            })
        })
        .collect()
}
