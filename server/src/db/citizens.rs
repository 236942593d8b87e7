//! Queries on citizen accounts. Personal fields arrive and leave encrypted; the vault is the services' job.

use sqlx::{AnyPool, Row};

use super::Tx;
use shared::ids::CitizenId;

/// A citizen row as stored: personal fields still encrypted.
pub struct CitizenRow {
    pub id: CitizenId,
    pub real_name_enc: Vec<u8>,
    pub id_number_enc: Vec<u8>,
    pub phone_enc: Vec<u8>,
    pub email_enc: Option<Vec<u8>>,
    pub address_enc: Option<Vec<u8>>,
    pub password_hash: String,
}

/// The values of a new citizen row.
pub struct NewCitizenRow<'a> {
    pub real_name_enc: &'a [u8],
    pub id_number_enc: &'a [u8],
    pub id_number_idx: &'a [u8],
    pub phone_enc: &'a [u8],
    pub phone_idx: &'a [u8],
    pub email_enc: Option<&'a [u8]>,
    pub address_enc: Option<&'a [u8]>,
    pub password_hash: &'a str,
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, real_name_enc, id_number_enc, phone_enc, email_enc, address_enc, password_hash";

fn from_row(row: &sqlx::any::AnyRow) -> Result<CitizenRow, sqlx::Error> {
    Ok(CitizenRow {
        id: CitizenId(row.try_get("id")?),
        real_name_enc: row.try_get("real_name_enc")?,
        id_number_enc: row.try_get("id_number_enc")?,
        phone_enc: row.try_get("phone_enc")?,
        email_enc: row.try_get("email_enc")?,
        address_enc: row.try_get("address_enc")?,
        password_hash: row.try_get("password_hash")?,
    })
}

pub async fn insert(tx: &mut Tx, c: NewCitizenRow<'_>) -> Result<CitizenId, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO citizens (real_name_enc, id_number_enc, id_number_idx, phone_enc, phone_idx, email_enc, \
         address_enc, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(c.real_name_enc)
    .bind(c.id_number_enc)
    .bind(c.id_number_idx)
    .bind(c.phone_enc)
    .bind(c.phone_idx)
    .bind(c.email_enc)
    .bind(c.address_enc)
    .bind(c.password_hash)
    .bind(c.created_at)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(CitizenId(id))
}

/// Which of the two unique identities are already registered: (phone, id number).
pub async fn taken(
    conn: &mut sqlx::AnyConnection,
    phone_idx: &[u8],
    id_number_idx: &[u8],
) -> Result<(bool, bool), sqlx::Error> {
    let phone = sqlx::query("SELECT 1 FROM citizens WHERE phone_idx = $1")
        .bind(phone_idx)
        .fetch_optional(&mut *conn)
        .await?;
    let id_number = sqlx::query("SELECT 1 FROM citizens WHERE id_number_idx = $1")
        .bind(id_number_idx)
        .fetch_optional(&mut *conn)
        .await?;
    Ok((phone.is_some(), id_number.is_some()))
}

pub async fn by_phone_idx(
    pool: &AnyPool,
    phone_idx: &[u8],
) -> Result<Option<CitizenRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM citizens WHERE phone_idx = $1");
    sqlx::query(&sql)
        .bind(phone_idx)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn by_id(pool: &AnyPool, id: CitizenId) -> Result<Option<CitizenRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM citizens WHERE id = $1");
    sqlx::query(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn set_password(tx: &mut Tx, id: CitizenId, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE citizens SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_phone(
    tx: &mut Tx,
    id: CitizenId,
    phone_enc: &[u8],
    phone_idx: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE citizens SET phone_enc = $1, phone_idx = $2 WHERE id = $3")
        .bind(phone_enc)
        .bind(phone_idx)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The channels the citizen wants notices on, and whether there is an e-mail address:
/// (SMS, e-mail, has e-mail).
pub async fn channels(
    pool: &AnyPool,
    id: CitizenId,
) -> Result<Option<(bool, bool, bool)>, sqlx::Error> {
    sqlx::query(
        "SELECT notify_sms, notify_email, CASE WHEN email_enc IS NULL THEN 0 ELSE 1 END \
         FROM citizens WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?
    .map(|r| {
        Ok((
            r.try_get::<i64, _>(0)? != 0,
            r.try_get::<i64, _>(1)? != 0,
            r.try_get::<i64, _>(2)? != 0,
        ))
    })
    .transpose()
}

pub async fn set_channels(
    pool: &AnyPool,
    id: CitizenId,
    sms: bool,
    email: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE citizens SET notify_sms = $1, notify_email = $2 WHERE id = $3")
        .bind(i64::from(sms))
        .bind(i64::from(email))
        .bind(id.0)
        .execute(pool)
        .await?;
    Ok(())
}
