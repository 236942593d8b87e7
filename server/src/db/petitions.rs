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
    pub category_id: i64,
    pub region_id: i64,
    pub work: WorkState,
}

/// The workflow columns: who holds the petition, where it stands, and its running clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkState {
    pub status: String,
    pub round: String,
    /// The unit holding it now: the bureau, then the receiving or handling unit.
    pub unit_id: Option<i64>,
    /// The office that forwarded it, which decides an objection.
    pub forwarded_by: Option<i64>,
    /// 被反映单位: its staff never see the petitioner (art. 30, 46).
    pub accused_unit_id: Option<i64>,
    pub designated: bool,
    pub extended: bool,
    /// Extension and hearing days added to the current clock.
    pub extra_days: i64,
    pub rating: Option<String>,
    pub clock: String,
    pub clock_start: Option<String>,
    pub due_on: Option<String>,
    /// 交办期限
    pub assigned_due: Option<String>,
    pub repeat_of: Option<i64>,
    pub group_matter: bool,
}

const SELECT: &str = "SELECT p.id, p.number, p.query_code_hash, p.citizen_id, p.channel, p.kind, \
     c.name AS category, r.name AS region, p.respondent, p.title, p.facts, p.request, p.other_procedure, \
     p.people_count, p.publish_consent, p.status, p.version, p.submitted_at, p.acceptance_due, \
     p.category_id, p.region_id, p.round, p.unit_id, p.forwarded_by, p.accused_unit_id, p.designated, \
     p.extended, p.extra_days, p.rating, p.clock, p.clock_start, p.due_on, p.assigned_due, p.repeat_of, \
     p.group_matter \
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
        category_id: r.try_get("category_id")?,
        region_id: r.try_get("region_id")?,
        work: WorkState {
            status: r.try_get("status")?,
            round: r.try_get("round")?,
            unit_id: r.try_get("unit_id")?,
            forwarded_by: r.try_get("forwarded_by")?,
            accused_unit_id: r.try_get("accused_unit_id")?,
            designated: r.try_get::<i64, _>("designated")? != 0,
            extended: r.try_get::<i64, _>("extended")? != 0,
            extra_days: r.try_get("extra_days")?,
            rating: r.try_get("rating")?,
            clock: r.try_get("clock")?,
            clock_start: r.try_get("clock_start")?,
            due_on: r.try_get("due_on")?,
            assigned_due: r.try_get("assigned_due")?,
            repeat_of: r.try_get("repeat_of")?,
            group_matter: r.try_get::<i64, _>("group_matter")? != 0,
        },
    })
}

/// Writes the workflow columns only if nobody changed the petition since `version` was
/// read. Returns false when another request won the race.
pub async fn update_work(
    tx: &mut Tx,
    id: PetitionId,
    version: i64,
    w: &WorkState,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE petitions SET status = $1, round = $2, unit_id = $3, forwarded_by = $4, \
         accused_unit_id = $5, designated = $6, extended = $7, extra_days = $8, rating = $9, clock = $10, \
         clock_start = $11, due_on = $12, assigned_due = $13, repeat_of = $14, group_matter = $15, \
         version = version + 1, updated_at = $16 WHERE id = $17 AND version = $18",
    )
    .bind(&w.status)
    .bind(&w.round)
    .bind(w.unit_id)
    .bind(w.forwarded_by)
    .bind(w.accused_unit_id)
    .bind(i64::from(w.designated))
    .bind(i64::from(w.extended))
    .bind(w.extra_days)
    .bind(w.rating.as_deref())
    .bind(&w.clock)
    .bind(w.clock_start.as_deref())
    .bind(w.due_on.as_deref())
    .bind(w.assigned_due.as_deref())
    .bind(w.repeat_of)
    .bind(i64::from(w.group_matter))
    .bind(now)
    .bind(id.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A filter of the staff queue, already resolved to values.
pub struct QueueQuery<'a> {
    /// The units whose petitions the caller may list (its own and those below it).
    pub units: &'a [i64],
    pub statuses: &'a [&'a str],
    pub kind: Option<&'a str>,
    pub category_id: Option<i64>,
    pub region_id: Option<i64>,
    pub channel: Option<&'a str>,
    /// Inclusive bounds on the due date, for the clock-state filter.
    pub due_from: Option<&'a str>,
    pub due_to: Option<&'a str>,
    /// Keyset: the (due date, id) of the last row of the previous page.
    pub after: Option<(&'a str, i64)>,
    /// Accusations against these units are left out (the caller's unit and those above).
    pub shielded: &'a [i64],
    /// Petitions this staff member stepped aside from (回避) are left out.
    pub staff_id: i64,
    pub limit: i64,
}

/// The sort key of rows without a clock: after every real date.
pub const NO_DUE: &str = "9999-12-31";

/// A value bound to a query built at run time.
enum Arg<'a> {
    Int(i64),
    Text(&'a str),
}

/// Adds `a` to the bound values and returns its placeholder.
fn place<'a>(a: Arg<'a>, args: &mut Vec<Arg<'a>>) -> String {
    args.push(a);
    format!("${}", args.len())
}

/// A page of the queue ordered by due date, then id; keyset paging.
pub async fn queue(pool: &AnyPool, q: &QueueQuery<'_>) -> Result<Vec<PetitionRow>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    // SAFETY of the format!: only placeholders and fixed column names enter the SQL text.
    let due = format!("COALESCE(p.due_on, '{NO_DUE}')");
    let ids: Vec<String> = q
        .units
        .iter()
        .map(|u| place(Arg::Int(*u), &mut args))
        .collect();
    let ids = ids.join(", ");
    // Held by one of the units, or waiting for one of them as co-handler (协办).
    let mut sql = format!(
        "{SELECT} WHERE (p.unit_id IN ({ids}) OR EXISTS (SELECT 1 FROM co_handlers c \
         WHERE c.petition_id = p.id AND c.round = p.round AND c.answered_at IS NULL AND c.unit_id IN ({ids}))) \
         AND p.status IN ("
    );
    let st: Vec<String> = q
        .statuses
        .iter()
        .map(|s| place(Arg::Text(s), &mut args))
        .collect();
    sql.push_str(&st.join(", "));
    sql.push(')');
    if let Some(k) = q.kind {
        sql.push_str(&format!(" AND p.kind = {}", place(Arg::Text(k), &mut args)));
    }
    if let Some(c) = q.category_id {
        sql.push_str(&format!(
            " AND p.category_id = {}",
            place(Arg::Int(c), &mut args)
        ));
    }
    if let Some(r) = q.region_id {
        sql.push_str(&format!(
            " AND p.region_id = {}",
            place(Arg::Int(r), &mut args)
        ));
    }
    if let Some(c) = q.channel {
        sql.push_str(&format!(
            " AND p.channel = {}",
            place(Arg::Text(c), &mut args)
        ));
    }
    if let Some(d) = q.due_from {
        sql.push_str(&format!(" AND {due} >= {}", place(Arg::Text(d), &mut args)));
    }
    if let Some(d) = q.due_to {
        sql.push_str(&format!(" AND {due} <= {}", place(Arg::Text(d), &mut args)));
    }
    if !q.shielded.is_empty() {
        let ids: Vec<String> = q
            .shielded
            .iter()
            .map(|u| place(Arg::Int(*u), &mut args))
            .collect();
        sql.push_str(&format!(
            " AND (p.kind <> 'accusation' OR p.accused_unit_id IS NULL OR p.accused_unit_id NOT IN ({}))",
            ids.join(", ")
        ));
    }
    sql.push_str(&format!(
        " AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.petition_id = p.id AND x.staff_id = {})",
        place(Arg::Int(q.staff_id), &mut args)
    ));
    if let Some((d, id)) = q.after {
        let d = place(Arg::Text(d), &mut args);
        let id = place(Arg::Int(id), &mut args);
        sql.push_str(&format!(
            " AND ({due} > {d} OR ({due} = {d} AND p.id > {id}))"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {due}, p.id LIMIT {}",
        place(Arg::Int(q.limit), &mut args)
    ));
    bind_all(sqlx::query(&sql), args)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    args: Vec<Arg<'q>>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        query = match a {
            Arg::Int(i) => query.bind(i),
            Arg::Text(t) => query.bind(t),
        };
    }
    query
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
    /// The bureau that receives it (属地: the county-level bureau of where it arose).
    pub unit_id: Option<i64>,
}

pub async fn insert(tx: &mut Tx, p: NewPetitionRow<'_>) -> Result<PetitionId, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO petitions (number, query_code_hash, citizen_id, channel, kind, category_id, region_id, \
         respondent, title, facts, request, other_procedure, people_count, publish_consent, status, version, \
         submitted_at, acceptance_due, updated_at, unit_id, clock, clock_start, due_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $16, $18, \
         'acceptance', $19, $17) RETURNING id",
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
    .bind(p.unit_id)
    .bind(crate::time::shanghai_day(p.submitted_at))
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(PetitionId(id))
}

/// Petitions in `statuses` due between `from` and `to` (inclusive) that have not had the
/// alert `unless_alerted` on their current clock yet, earliest first.
pub async fn due_between(
    pool: &AnyPool,
    statuses: &[&str],
    from: &str,
    to: &str,
    unless_alerted: &str,
    limit: i64,
) -> Result<Vec<PetitionRow>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    let st: Vec<String> = statuses
        .iter()
        .map(|s| place(Arg::Text(s), &mut args))
        .collect();
    let sql = format!(
        "{SELECT} WHERE p.status IN ({}) AND p.due_on >= {} AND p.due_on <= {} AND NOT EXISTS \
         (SELECT 1 FROM clock_alerts a WHERE a.petition_id = p.id AND a.clock = p.clock \
         AND a.clock_start = p.clock_start AND a.kind = {}) ORDER BY p.due_on, p.id LIMIT {}",
        st.join(", "),
        place(Arg::Text(from), &mut args),
        place(Arg::Text(to), &mut args),
        place(Arg::Text(unless_alerted), &mut args),
        place(Arg::Int(limit), &mut args)
    );
    bind_all(sqlx::query(&sql), args)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn number_of(pool: &AnyPool, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT number FROM petitions WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
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
        "SELECT at, title, detail FROM petition_events WHERE petition_id = $1{filter} ORDER BY id"
    );
    let rows = sqlx::query(&sql).bind(id.0).fetch_all(pool).await?;
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

/// The encrypted petitioner of a petition registered by staff for someone without an account.
pub struct PetitionerEnc {
    pub name: Vec<u8>,
    pub phone: Vec<u8>,
    pub id_number: Option<Vec<u8>>,
    pub address: Option<Vec<u8>>,
}

pub async fn set_petitioner(
    tx: &mut Tx,
    id: PetitionId,
    p: &PetitionerEnc,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE petitions SET petitioner_name_enc = $1, petitioner_phone_enc = $2, petitioner_id_enc = $3, \
         petitioner_address_enc = $4 WHERE id = $5",
    )
    .bind(&p.name)
    .bind(&p.phone)
    .bind(p.id_number.as_deref())
    .bind(p.address.as_deref())
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn petitioner(
    pool: &AnyPool,
    id: PetitionId,
) -> Result<Option<PetitionerEnc>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT petitioner_name_enc, petitioner_phone_enc, petitioner_id_enc, petitioner_address_enc \
         FROM petitions WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let name: Option<Vec<u8>> = r.try_get(0)?;
    let phone: Option<Vec<u8>> = r.try_get(1)?;
    Ok(match (name, phone) {
        (Some(name), Some(phone)) => Some(PetitionerEnc {
            name,
            phone,
            id_number: r.try_get(2)?,
            address: r.try_get(3)?,
        }),
        _ => None,
    })
}

/// The latest petition of `citizen` on the same category and region whose re-review was
/// answered (the matter is final, art. 36), with its number.
pub async fn finished_after_re_review(
    tx: &mut Tx,
    citizen: CitizenId,
    category: i64,
    region: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query(
        "SELECT id, number FROM petitions WHERE citizen_id = $1 AND category_id = $2 AND region_id = $3 \
         AND round = 're_review' AND status IN ('replied', 'closed') ORDER BY id DESC LIMIT 1",
    )
    .bind(citizen.0)
    .bind(category)
    .bind(region)
    .fetch_optional(&mut **tx)
    .await?
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .transpose()
}

pub async fn set_repeat_of(tx: &mut Tx, id: PetitionId, earlier: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE petitions SET repeat_of = $1 WHERE id = $2")
        .bind(earlier)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
