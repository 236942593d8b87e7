//! Queries on petitions, their timeline events and their attachments.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use shared::ids::{AttachmentId, CitizenId, PetitionId};

use super::Tx;

/// A petition row joined with the names of its category and region.
pub struct PetitionRow {
    pub id: PetitionId,
    pub number: String,
    pub query_code_hash: Vec<u8>,
    pub citizen_id: Option<CitizenId>,
    pub channel: String,
    pub kind: String,
    pub category: String,
    pub region: String,
    pub respondent: Option<String>,
    pub title: String,
    pub facts: String,
    pub request: String,
    pub other_procedure: String,
    pub people_count: i64,
    pub publish_consent: bool,
    pub status: String,
    pub version: i64,
    pub submitted_at: i64,
    pub acceptance_due: String,
}

const SELECT: &str = "SELECT p.id, p.number, p.query_code_hash, p.citizen_id, p.channel, p.kind, \
     c.name AS category, r.name AS region, p.respondent, p.title, p.facts, p.request, p.other_procedure, \
     p.people_count, p.publish_consent, p.status, p.version, p.submitted_at, p.acceptance_due \
     FROM petitions p JOIN categories c ON c.id = p.category_id JOIN regions r ON r.id = p.region_id";

fn from_row(r: &AnyRow) -> Result<PetitionRow, sqlx::Error> {
    Ok(PetitionRow {
        id: PetitionId(r.try_get("id")?),
        number: r.try_get("number")?,
        query_code_hash: r.try_get("query_code_hash")?,
        citizen_id: r.try_get::<Option<i64>, _>("citizen_id")?.map(CitizenId),
        channel: r.try_get("channel")?,
        kind: r.try_get("kind")?,
        category: r.try_get("category")?,
        region: r.try_get("region")?,
        respondent: r.try_get("respondent")?,
        title: r.try_get("title")?,
        facts: r.try_get("facts")?,
        request: r.try_get("request")?,
        other_procedure: r.try_get("other_procedure")?,
        people_count: r.try_get("people_count")?,
        publish_consent: r.try_get::<i64, _>("publish_consent")? != 0,
        status: r.try_get("status")?,
        version: r.try_get("version")?,
        submitted_at: r.try_get("submitted_at")?,
        acceptance_due: r.try_get("acceptance_due")?,
    })
}

pub async fn by_number(pool: &AnyPool, number: &str) -> Result<Option<PetitionRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE p.number = $1");
    sqlx::query(&sql)
        .bind(number)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn by_id(tx: &mut Tx, id: PetitionId) -> Result<Option<PetitionRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE p.id = $1");
    sqlx::query(&sql)
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// A citizen's petitions, newest first.
pub async fn by_citizen(
    pool: &AnyPool,
    citizen: CitizenId,
    limit: i64,
) -> Result<Vec<PetitionRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE p.citizen_id = $1 ORDER BY p.submitted_at DESC, p.id DESC LIMIT $2"
    );
    sqlx::query(&sql)
        .bind(citizen.0)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// Takes the next number in a year-and-region sequence; atomic on both engines.
pub async fn next_sequence(tx: &mut Tx, scope: &str) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_sequences (scope, last_value) VALUES ($1, 1) \
         ON CONFLICT (scope) DO UPDATE SET last_value = petition_sequences.last_value + 1 RETURNING last_value",
    )
    .bind(scope)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

/// The values of a new petition row.
pub struct NewPetitionRow<'a> {
    pub number: &'a str,
    pub query_code_hash: &'a [u8],
    pub citizen_id: Option<CitizenId>,
    pub channel: &'a str,
    pub kind: &'a str,
    pub category_id: i64,
    pub region_id: i64,
    pub respondent: Option<&'a str>,
    pub title: &'a str,
    pub facts: &'a str,
    pub request: &'a str,
    pub other_procedure: &'a str,
    pub people_count: i64,
    pub publish_consent: bool,
    pub status: &'a str,
    pub submitted_at: i64,
    pub acceptance_due: &'a str,
}

pub async fn insert(tx: &mut Tx, p: NewPetitionRow<'_>) -> Result<PetitionId, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO petitions (number, query_code_hash, citizen_id, channel, kind, category_id, region_id, \
         respondent, title, facts, request, other_procedure, people_count, publish_consent, status, version, \
         submitted_at, acceptance_due, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $16) RETURNING id",
    )
    .bind(p.number)
    .bind(p.query_code_hash)
    .bind(p.citizen_id.map(|c| c.0))
    .bind(p.channel)
    .bind(p.kind)
    .bind(p.category_id)
    .bind(p.region_id)
    .bind(p.respondent)
    .bind(p.title)
    .bind(p.facts)
    .bind(p.request)
    .bind(p.other_procedure)
    .bind(p.people_count)
    .bind(i64::from(p.publish_consent))
    .bind(p.status)
    .bind(p.submitted_at)
    .bind(p.acceptance_due)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(PetitionId(id))
}

/// Moves a petition to `status` only if nobody changed it since `version` was read.
/// Returns false when another request won the race.
pub async fn set_status(
    tx: &mut Tx,
    id: PetitionId,
    version: i64,
    status: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
    )
    .bind(status)
    .bind(now)
    .bind(id.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

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
}

/// The public timeline of a petition, oldest first.
pub async fn public_events(pool: &AnyPool, id: PetitionId) -> Result<Vec<EventRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT at, title, detail FROM petition_events WHERE petition_id = $1 AND is_public = 1 ORDER BY id",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(EventRow {
                at: r.try_get("at")?,
                title: r.try_get("title")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect()
}

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
