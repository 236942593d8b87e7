//! Queries on partner handling systems: their accounts, the cases pushed to them, and the
//! inbound messages already taken (so a replay changes nothing).

use sqlx::{AnyPool, Row};

use shared::ids::{PartnerId, StaffId};

use super::Tx;
use super::decode;

pub struct PartnerRow {
    pub id: PartnerId,
    /// The account its steps are recorded under.
    pub staff_id: StaffId,
    pub name: String,
    pub url: String,
    pub secret_enc: Vec<u8>,
    pub active: bool,
}

pub async fn insert(
    pool: &AnyPool,
    name: &str,
    url: &str,
    secret_enc: &[u8],
    staff_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO partner_systems (name, url, secret_enc, active, staff_id, created_at) \
         VALUES ($1, $2, $3, 1, $4, $5) RETURNING id",
    )
    .bind(name)
    .bind(url)
    .bind(secret_enc)
    .bind(staff_id)
    .bind(now)
    .fetch_one(pool)
    .await?
    .try_get(0)
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<PartnerRow, sqlx::Error> {
    Ok(PartnerRow {
        id: decode::id(r, "id")?,
        staff_id: decode::id(r, "staff_id")?,
        name: r.try_get("name")?,
        url: r.try_get("url")?,
        secret_enc: r.try_get("secret_enc")?,
        active: r.try_get::<i64, _>("active")? != 0,
    })
}

pub async fn by_id(pool: &AnyPool, id: i64) -> Result<Option<PartnerRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, staff_id, name, url, secret_enc, active FROM partner_systems WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

pub async fn all(pool: &AnyPool) -> Result<Vec<PartnerRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, staff_id, name, url, secret_enc, active FROM partner_systems ORDER BY id",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Records the partner's id for a pushed case; the first answer wins, so a resent push
/// never overwrites it.
pub async fn set_external_id(
    pool: &AnyPool,
    petition: i64,
    external_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET external_id = $1 WHERE id = $2 AND external_id IS NULL")
        .bind(external_id)
        .bind(petition)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn external_id(pool: &AnyPool, petition: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(
        sqlx::query("SELECT external_id FROM petitions WHERE id = $1")
            .bind(petition)
            .fetch_optional(pool)
            .await?
            .map(|r| r.try_get::<Option<String>, _>(0))
            .transpose()?
            .flatten(),
    )
}

/// Whether the partner already sent message `message_id`.
pub async fn seen(pool: &AnyPool, partner: i64, message_id: &str) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT 1 FROM partner_inbound WHERE partner_id = $1 AND message_id = $2")
            .bind(partner)
            .bind(message_id)
            .fetch_optional(pool)
            .await?
            .is_some(),
    )
}

/// Takes message `message_id` in the transaction of the change it causes; `false` when a
/// concurrent copy of it got there first.
pub async fn take(
    tx: &mut Tx,
    partner: i64,
    message_id: &str,
    petition: i64,
    kind: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO partner_inbound (partner_id, message_id, petition_id, kind, received_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(partner)
    .bind(message_id)
    .bind(petition)
    .bind(kind)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}
