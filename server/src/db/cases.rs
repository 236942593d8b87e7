//! `published_cases`: the redacted texts of published cases, and the public list by
//! category and place, newest first.

use sqlx::{AnyConnection, Row, any::AnyRow};

use super::Tx;

/// A case to publish.
pub struct NewCase<'a> {
    pub petition_id: i64,
    pub title: &'a str,
    pub facts: &'a str,
    pub request: &'a str,
    pub answer: &'a str,
    pub kind: &'a str,
    pub decision: &'a str,
    pub category_id: i64,
    /// The county (or city) of the place it arose.
    pub region_id: i64,
    pub unit_id: Option<i64>,
    pub answered_on: &'a str,
    pub published_by: i64,
    pub published_at: i64,
}

/// Inserts `c`; `None` when the matter was published meanwhile.
pub async fn insert(tx: &mut Tx, c: NewCase<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "INSERT INTO published_cases (petition_id, title, facts, request, answer, category_id, region_id, \
         unit_id, answered_on, published_by, published_at, kind, decision) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (petition_id) DO NOTHING RETURNING id",
    )
    .bind(c.petition_id)
    .bind(c.title)
    .bind(c.facts)
    .bind(c.request)
    .bind(c.answer)
    .bind(c.category_id)
    .bind(c.region_id)
    .bind(c.unit_id)
    .bind(c.answered_on)
    .bind(c.published_by)
    .bind(c.published_at)
    .bind(c.kind)
    .bind(c.decision)
    .fetch_optional(&mut **tx)
    .await?
    .map(|r| r.try_get(0))
    .transpose()
}

/// The published case of a petition, if it was published.
pub async fn of_petition(
    conn: &mut AnyConnection,
    petition: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM published_cases WHERE petition_id = $1")
        .bind(petition)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
}

/// A published case as stored, with its category's and answering unit's names.
pub struct CaseRow {
    pub id: i64,
    pub title: String,
    pub facts: String,
    pub request: String,
    pub answer: String,
    pub kind: String,
    pub decision: String,
    pub category: String,
    pub region_id: i64,
    pub unit: Option<String>,
    pub answered_on: String,
    pub published_at: i64,
}

const SELECT: &str = "SELECT c.id, c.title, c.facts, c.request, c.answer, c.kind, c.decision, k.name AS category, c.region_id, \
     u.name AS unit, c.answered_on, c.published_at FROM published_cases c \
     JOIN categories k ON k.id = c.category_id LEFT JOIN units u ON u.id = c.unit_id";

fn from_row(r: &AnyRow) -> Result<CaseRow, sqlx::Error> {
    Ok(CaseRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        facts: r.try_get("facts")?,
        request: r.try_get("request")?,
        answer: r.try_get("answer")?,
        kind: r.try_get("kind")?,
        decision: r.try_get("decision")?,
        category: r.try_get("category")?,
        region_id: r.try_get("region_id")?,
        unit: r.try_get("unit")?,
        answered_on: r.try_get("answered_on")?,
        published_at: r.try_get("published_at")?,
    })
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<CaseRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// A page of the list, newest first, after the keyset `(published_at, id)`, in the
/// categories and places given (empty: any); `adopted`: 人民建议 adopted in whole or part.
pub async fn page(
    conn: &mut AnyConnection,
    categories: &[i64],
    regions: &[i64],
    adopted: bool,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<CaseRow>, sqlx::Error> {
    let list = |col: &str, ids: &[i64]| {
        if ids.is_empty() {
            String::new()
        } else {
            // Ids from the directory, never from the request: written as numbers.
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!(" AND c.{col} IN ({})", ids.join(", "))
        }
    };
    let (at, id) = after.unwrap_or((i64::MAX, i64::MAX));
    let sql = format!(
        "{SELECT} WHERE (c.published_at < $1 OR (c.published_at = $1 AND c.id < $2)){}{}{} \
         ORDER BY c.published_at DESC, c.id DESC LIMIT $3",
        list("category_id", categories),
        list("region_id", regions),
        if adopted {
            " AND c.kind = 'suggestion' AND c.decision IN ('adopted', 'partly_adopted')"
        } else {
            ""
        },
    );
    sqlx::query(&sql)
        .bind(at)
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(from_row)
        .collect()
}
