//! The files of a petition.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use shared::ids::{AttachmentId, PetitionId};

use super::super::Tx;

pub struct NewAttachmentRow<'a> {
    pub petition_id: PetitionId,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub sha256: &'a [u8],
    pub uploaded_at: i64,
}

pub async fn insert_attachment(
    tx: &mut Tx,
    a: NewAttachmentRow<'_>,
) -> Result<AttachmentId, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO attachments (petition_id, storage_key, file_name, content_type, size, sha256, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.petition_id.0)
    .bind(a.storage_key)
    .bind(a.file_name)
    .bind(a.content_type)
    .bind(a.size)
    .bind(a.sha256)
    .bind(a.uploaded_at)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(AttachmentId(id))
}

pub struct AttachmentRow {
    pub id: AttachmentId,
    pub petition_id: PetitionId,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: i64,
}

const ATTACHMENT_COLUMNS: &str =
    "id, petition_id, storage_key, file_name, content_type, size, uploaded_at";

fn attachment_from_row(r: &AnyRow) -> Result<AttachmentRow, sqlx::Error> {
    Ok(AttachmentRow {
        id: AttachmentId(r.try_get("id")?),
        petition_id: PetitionId(r.try_get("petition_id")?),
        storage_key: r.try_get("storage_key")?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        uploaded_at: r.try_get("uploaded_at")?,
    })
}

pub async fn attachments(
    pool: &AnyPool,
    id: PetitionId,
) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    let sql =
        format!("SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE petition_id = $1 ORDER BY id");
    sqlx::query(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(attachment_from_row)
        .collect()
}

pub async fn attachment(
    pool: &AnyPool,
    id: AttachmentId,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = format!("SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE id = $1");
    sqlx::query(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(attachment_from_row)
        .transpose()
}

pub async fn attachment_count(tx: &mut Tx, id: PetitionId) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) FROM attachments WHERE petition_id = $1")
        .bind(id.0)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)
}
