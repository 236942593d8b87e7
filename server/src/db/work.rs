//! Queries on the records of handling: replies and drafts, internal notes, supervision
//! notices and conflicts of interest.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use shared::ids::{NoticeId, PetitionId, UnitId};
use shared::petition::{Decision, Rating, Round};

use super::{Tx, decode};

pub struct NewReply<'a> {
    pub petition_id: PetitionId,
    pub round: &'a str,
    pub unit_id: i64,
    pub facts: &'a str,
    pub reasons: &'a str,
    pub decision: &'a str,
    pub legal_basis: &'a str,
    pub drafted_by: i64,
    pub at: i64,
}

/// Saves a draft; an earlier draft of the same round still waiting is superseded.
pub async fn insert_draft(tx: &mut Tx, r: NewReply<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE replies SET state = 'superseded' WHERE petition_id = $1 AND round = $2 AND state = 'draft'",
    )
    .bind(r.petition_id.0)
    .bind(r.round)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO replies (petition_id, round, unit_id, facts, reasons, decision, legal_basis, state, \
         drafted_by, drafted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9)",
    )
    .bind(r.petition_id.0)
    .bind(r.round)
    .bind(r.unit_id)
    .bind(r.facts)
    .bind(r.reasons)
    .bind(r.decision)
    .bind(r.legal_basis)
    .bind(r.drafted_by)
    .bind(r.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Approves or returns the waiting draft of a round. Returns false if there is none.
pub async fn decide_draft(
    tx: &mut Tx,
    petition: PetitionId,
    round: &str,
    state: &str,
    by: i64,
    at: i64,
    comment: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE replies SET state = $1, decided_by = $2, decided_at = $3, comment = $4 \
         WHERE petition_id = $5 AND round = $6 AND state = 'draft'",
    )
    .bind(state)
    .bind(by)
    .bind(at)
    .bind(comment)
    .bind(petition.0)
    .bind(round)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the petitioner's rating on the round's published reply.
pub async fn rate_reply(
    tx: &mut Tx,
    petition: PetitionId,
    round: &str,
    rating: Rating,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE replies SET rating = $1 WHERE petition_id = $2 AND round = $3 AND state = 'approved'",
    )
    .bind(rating.code())
    .bind(petition.0)
    .bind(round)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct ReplyRow {
    pub round: Round,
    pub unit: String,
    pub unit_id: UnitId,
    pub facts: String,
    pub reasons: String,
    pub decision: Decision,
    pub legal_basis: String,
    pub state: String,
    pub drafted_at: i64,
    pub decided_at: Option<i64>,
    pub comment: Option<String>,
    /// Who approved it (审批): their name as the staff directory holds it.
    pub approved_by: Option<String>,
    /// The petitioner's rating of it (评价), once given.
    pub rating: Option<Rating>,
}

fn reply_from_row(r: &AnyRow) -> Result<ReplyRow, sqlx::Error> {
    Ok(ReplyRow {
        round: decode::code(r, "round")?,
        unit: r.try_get("unit")?,
        unit_id: decode::id(r, "unit_id")?,
        facts: r.try_get("facts")?,
        reasons: r.try_get("reasons")?,
        decision: decode::code(r, "decision")?,
        legal_basis: r.try_get("legal_basis")?,
        state: r.try_get("state")?,
        drafted_at: r.try_get("drafted_at")?,
        decided_at: r.try_get("decided_at")?,
        comment: r.try_get("comment")?,
        approved_by: r.try_get("approved_by")?,
        rating: decode::code_opt(r, "rating")?,
    })
}

/// Every reply and draft of a petition, oldest first; `approved_only` for the petitioner.
pub async fn replies(
    pool: &AnyPool,
    petition: PetitionId,
    approved_only: bool,
) -> Result<Vec<ReplyRow>, sqlx::Error> {
    let filter = if approved_only {
        " AND r.state = 'approved'"
    } else {
        ""
    };
    let sql = format!(
        "SELECT r.round, u.name AS unit, r.unit_id, r.facts, r.reasons, r.decision, r.legal_basis, r.state, \
         r.drafted_at, r.decided_at, r.comment, r.rating, \
         CASE WHEN r.state = 'approved' THEN s.display_name END AS approved_by \
         FROM replies r JOIN units u ON u.id = r.unit_id LEFT JOIN staff s ON s.id = r.decided_by \
         WHERE r.petition_id = $1{filter} ORDER BY r.id"
    );
    sqlx::query(&sql)
        .bind(petition.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(reply_from_row)
        .collect()
}

pub async fn insert_note(
    tx: &mut Tx,
    petition: PetitionId,
    staff: i64,
    at: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO petition_notes (petition_id, staff_id, at, body) VALUES ($1, $2, $3, $4)",
    )
    .bind(petition.0)
    .bind(staff)
    .bind(at)
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Internal notes with their authors' display names, oldest first.
pub async fn notes(
    pool: &AnyPool,
    petition: PetitionId,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query(
        "SELECT n.at, s.display_name, n.body FROM petition_notes n JOIN staff s ON s.id = n.staff_id \
         WHERE n.petition_id = $1 ORDER BY n.id",
    )
    .bind(petition.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
    .collect()
}

pub struct NewNotice<'a> {
    pub petition_id: PetitionId,
    pub unit_id: i64,
    pub issued_by: i64,
    pub at: i64,
    pub body: &'a str,
    pub answer_due: &'a str,
}

pub async fn insert_notice(tx: &mut Tx, n: NewNotice<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO supervision_notices (petition_id, unit_id, issued_by, issued_at, body, answer_due) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(n.petition_id.0)
    .bind(n.unit_id)
    .bind(n.issued_by)
    .bind(n.at)
    .bind(n.body)
    .bind(n.answer_due)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

/// Answers an open notice addressed to `unit`. Returns false if there is none.
pub async fn answer_notice(
    tx: &mut Tx,
    petition: PetitionId,
    id: i64,
    unit: i64,
    by: i64,
    at: i64,
    answer: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE supervision_notices SET answered_by = $1, answered_at = $2, answer = $3 \
         WHERE id = $4 AND petition_id = $5 AND unit_id = $6 AND answered_at IS NULL",
    )
    .bind(by)
    .bind(at)
    .bind(answer)
    .bind(id)
    .bind(petition.0)
    .bind(unit)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NoticeRow {
    pub id: NoticeId,
    pub unit: String,
    pub issued_at: i64,
    pub body: String,
    pub answer_due: chrono::NaiveDate,
    pub answered_at: Option<i64>,
    pub answer: Option<String>,
}

pub async fn notices(pool: &AnyPool, petition: PetitionId) -> Result<Vec<NoticeRow>, sqlx::Error> {
    sqlx::query(
        "SELECT n.id, u.name AS unit, n.issued_at, n.body, n.answer_due, n.answered_at, n.answer \
         FROM supervision_notices n JOIN units u ON u.id = n.unit_id WHERE n.petition_id = $1 ORDER BY n.id",
    )
    .bind(petition.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(NoticeRow {
            id: decode::id(r, "id")?,
            unit: r.try_get("unit")?,
            issued_at: r.try_get("issued_at")?,
            body: r.try_get("body")?,
            answer_due: decode::date(r, "answer_due")?,
            answered_at: r.try_get("answered_at")?,
            answer: r.try_get("answer")?,
        })
    })
    .collect()
}

pub async fn insert_recusal(
    tx: &mut Tx,
    petition: PetitionId,
    staff: i64,
    at: i64,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO recusals (petition_id, staff_id, at, reason) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (petition_id, staff_id) DO NOTHING",
    )
    .bind(petition.0)
    .bind(staff)
    .bind(at)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn is_recused(
    pool: &AnyPool,
    petition: PetitionId,
    staff: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query("SELECT COUNT(*) FROM recusals WHERE petition_id = $1 AND staff_id = $2")
            .bind(petition.0)
            .bind(staff)
            .fetch_one(pool)
            .await?
            .try_get(0)?;
    Ok(n > 0)
}

pub async fn insert_co_handler(
    tx: &mut Tx,
    petition: PetitionId,
    round: &str,
    unit: i64,
    due_on: &str,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO co_handlers (petition_id, round, unit_id, due_on, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (petition_id, round, unit_id) DO NOTHING",
    )
    .bind(petition.0)
    .bind(round)
    .bind(unit)
    .bind(due_on)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records `unit`'s opinion on the current round; false if it has none open.
pub async fn answer_co_handler(
    tx: &mut Tx,
    petition: PetitionId,
    round: &str,
    unit: i64,
    by: i64,
    at: i64,
    opinion: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE co_handlers SET answered_by = $1, answered_at = $2, opinion = $3 \
         WHERE petition_id = $4 AND round = $5 AND unit_id = $6 AND answered_at IS NULL",
    )
    .bind(by)
    .bind(at)
    .bind(opinion)
    .bind(petition.0)
    .bind(round)
    .bind(unit)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct CoHandlerRow {
    pub unit_id: UnitId,
    pub unit: String,
    pub round: Round,
    pub due_on: chrono::NaiveDate,
    pub answered_at: Option<i64>,
    pub opinion: Option<String>,
}

pub async fn co_handlers(
    pool: &AnyPool,
    petition: PetitionId,
) -> Result<Vec<CoHandlerRow>, sqlx::Error> {
    sqlx::query(
        "SELECT c.unit_id, u.name AS unit, c.round, c.due_on, c.answered_at, c.opinion \
         FROM co_handlers c JOIN units u ON u.id = c.unit_id WHERE c.petition_id = $1 ORDER BY c.id",
    )
    .bind(petition.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(CoHandlerRow {
            unit_id: decode::id(r, "unit_id")?,
            unit: r.try_get("unit")?,
            round: decode::code(r, "round")?,
            due_on: decode::date(r, "due_on")?,
            answered_at: r.try_get("answered_at")?,
            opinion: r.try_get("opinion")?,
        })
    })
    .collect()
}
