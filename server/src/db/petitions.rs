//! Queries on petitions; their timeline, attachments, the offline petitioner and the staff
//! queue are in the submodules, re-exported here.

mod attachments;
mod events;
mod petitioner;
mod queue;
mod state;

pub use attachments::*;
pub use events::*;
pub use petitioner::*;
pub use queue::*;
pub use state::*;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool, Row};

use shared::ids::{CategoryId, CitizenId, PetitionId, RegionId};
use shared::petition::{Channel, OtherProcedure, PetitionKind, PetitionNumber, Rating, Workflow};

use super::{Tx, decode};

/// A petition row joined with the names of its category and region.
#[derive(Clone)]
pub struct PetitionRow {
    pub id: PetitionId,
    pub number: PetitionNumber,
    pub query_code_hash: Vec<u8>,
    pub citizen_id: Option<CitizenId>,
    pub channel: Channel,
    pub kind: PetitionKind,
    pub category: String,
    pub region: String,
    pub respondent: Option<String>,
    pub title: String,
    pub facts: String,
    pub request: String,
    pub other_procedure: OtherProcedure,
    pub people_count: i64,
    pub publish_consent: bool,
    pub version: i64,
    pub submitted_at: i64,
    pub acceptance_due: String,
    /// The day it arrived (收到之日); older rows have none and count from the filing day.
    pub received_on: Option<String>,
    pub category_id: CategoryId,
    pub region_id: RegionId,
    pub work: WorkState,
}

impl PetitionRow {
    /// The state machine's view of this petition: the one place a row becomes a [`Workflow`].
    pub fn workflow(&self) -> Workflow {
        let w = &self.work;
        Workflow {
            status: w.status,
            round: w.round,
            kind: self.kind,
            designated: w.designated,
            extended: w.extended,
            rating: w.rating,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.number, p.query_code_hash, p.citizen_id, p.channel, p.kind, \
     c.name AS category, r.name AS region, p.respondent, p.title, p.facts, p.request, p.other_procedure, \
     p.people_count, p.publish_consent, p.status, p.version, p.submitted_at, p.acceptance_due, p.received_on, \
     p.category_id, p.region_id, p.round, p.unit_id, p.forwarded_by, p.accused_unit_id, p.accused_none, \
     p.designated, p.extended, p.extra_days, p.hearing_days, p.rating, p.clock, p.clock_start, p.due_on, p.assigned_due, p.repeat_of, \
     p.group_matter, p.notice_start, p.notice_due, p.replied_on, p.assignee_id \
     FROM petitions p JOIN categories c ON c.id = p.category_id JOIN regions r ON r.id = p.region_id";

fn from_row(r: &AnyRow) -> Result<PetitionRow, sqlx::Error> {
    let clock: String = r.try_get("clock")?;
    Ok(PetitionRow {
        id: decode::id(r, "id")?,
        number: decode::number(r, "number")?,
        query_code_hash: r.try_get("query_code_hash")?,
        citizen_id: decode::id_opt(r, "citizen_id")?,
        channel: decode::code(r, "channel")?,
        kind: decode::code(r, "kind")?,
        category: r.try_get("category")?,
        region: r.try_get("region")?,
        respondent: r.try_get("respondent")?,
        title: r.try_get("title")?,
        facts: r.try_get("facts")?,
        request: r.try_get("request")?,
        other_procedure: decode::code(r, "other_procedure")?,
        people_count: r.try_get("people_count")?,
        publish_consent: decode::flag(r, "publish_consent")?,
        version: r.try_get("version")?,
        submitted_at: r.try_get("submitted_at")?,
        acceptance_due: r.try_get("acceptance_due")?,
        received_on: r.try_get("received_on")?,
        category_id: decode::id(r, "category_id")?,
        region_id: decode::id(r, "region_id")?,
        work: WorkState {
            status: decode::code(r, "status")?,
            round: decode::code(r, "round")?,
            unit_id: decode::id_opt(r, "unit_id")?,
            forwarded_by: decode::id_opt(r, "forwarded_by")?,
            accused_unit_id: decode::id_opt(r, "accused_unit_id")?,
            accused_none: decode::flag(r, "accused_none")?,
            designated: decode::flag(r, "designated")?,
            extended: decode::flag(r, "extended")?,
            extra_days: r.try_get("extra_days")?,
            hearing_days: r.try_get("hearing_days")?,
            rating: decode::code_opt(r, "rating")?,
            clock: match clock.as_str() {
                NO_CLOCK => None,
                _ => Some(decode::code(r, "clock")?),
            },
            clock_start: r.try_get("clock_start")?,
            due_on: r.try_get("due_on")?,
            assigned_due: r.try_get("assigned_due")?,
            notice_start: r.try_get("notice_start")?,
            notice_due: r.try_get("notice_due")?,
            replied_on: r.try_get("replied_on")?,
            assignee: decode::id_opt(r, "assignee_id")?,
            repeat_of: decode::id_opt(r, "repeat_of")?,
            group_matter: decode::flag(r, "group_matter")?,
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
         accused_none = $16, hearing_days = $17, notice_start = $18, notice_due = $19, replied_on = $20, \
         assignee_id = $21, version = version + 1, updated_at = $22 WHERE id = $23 AND version = $24",
    )
    .bind(w.status.code())
    .bind(w.round.code())
    .bind(w.unit_id.map(|u| u.0))
    .bind(w.forwarded_by.map(|u| u.0))
    .bind(w.accused_unit_id.map(|u| u.0))
    .bind(i64::from(w.designated))
    .bind(i64::from(w.extended))
    .bind(w.extra_days)
    .bind(w.rating.map(Rating::code))
    .bind(clock_code(w.clock))
    .bind(w.clock_start.as_deref())
    .bind(w.due_on.as_deref())
    .bind(w.assigned_due.as_deref())
    .bind(w.repeat_of.map(|p| p.0))
    .bind(i64::from(w.group_matter))
    .bind(i64::from(w.accused_none))
    .bind(w.hearing_days)
    .bind(w.notice_start.as_deref())
    .bind(w.notice_due.as_deref())
    .bind(w.replied_on.as_deref())
    .bind(w.assignee.map(|s| s.0))
    .bind(now)
    .bind(id.0)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
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

/// Every petition a clock runs on (its own or the receiving unit's notice clock), read in
/// the transaction that recounts them.
pub async fn with_running_clocks(tx: &mut Tx) -> Result<Vec<PetitionRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE p.clock <> '{NO_CLOCK}' OR p.notice_start IS NOT NULL ORDER BY p.id"
    );
    sqlx::query(&sql)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(from_row)
        .collect()
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
    /// The day it arrived, where the acceptance clock starts.
    pub received_on: &'a str,
    /// The bureau that receives it (属地: the county-level bureau of where it arose); the
    /// figures count the matter there (`received_by`) wherever it goes next.
    pub unit_id: Option<i64>,
    /// 被检举控告单位, when known at filing.
    pub accused_unit_id: Option<i64>,
}

pub async fn insert(tx: &mut Tx, p: NewPetitionRow<'_>) -> Result<PetitionId, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO petitions (number, query_code_hash, citizen_id, channel, kind, category_id, region_id, \
         respondent, title, facts, request, other_procedure, people_count, publish_consent, status, version, \
         submitted_at, acceptance_due, updated_at, unit_id, clock, clock_start, due_on, accused_unit_id, \
         received_on, received_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $16, $18, \
         'acceptance', $19, $17, $20, $19, $18) RETURNING id",
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
    .bind(p.received_on)
    .bind(p.accused_unit_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(PetitionId(id))
}

/// Whether a petition is an accusation, and the unit it is against if one is recorded:
/// what the outbox checks before it tells a unit or a subscriber of it.
pub async fn accusation_of(pool: &AnyPool, id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row = sqlx::query("SELECT kind, accused_unit_id FROM petitions WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let kind: String = r.try_get("kind")?;
    Ok((kind == "accusation").then_some(r.try_get("accused_unit_id")?))
}

pub async fn number_of(pool: &AnyPool, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT number FROM petitions WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
}

/// The latest petition of `citizen` on the same category and region whose re-review was
/// answered (the matter is final, art. 36), with its number.
pub async fn finished_after_re_review(
    conn: &mut AnyConnection,
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
    .fetch_optional(&mut *conn)
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
