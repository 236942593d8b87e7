//! The figures' facts (答复记录, the first acceptance decision), loaded by petition and
//! written by the steps; the rollups themselves are `rollups` (and `open_matters`, kept by
//! triggers), the index's weights `weights`.

use sqlx::{AnyConnection, Row, any::AnyRow};

mod open_matters;
mod rollups;
mod weights;

pub use open_matters::*;
pub use rollups::*;
pub use weights::*;

use super::{Tx, decode};
use crate::time::shanghai_day;

/// The counters of a rollup row, in the order of [`COLUMNS`].
pub type Counts = [i64; COLUMNS.len()];

/// The rollup columns, named as in `tallies` and as the fields of `shared::figures::Tally`.
pub const COLUMNS: [&str; 21] = [
    "received",
    "online",
    "decided",
    "decided_in_time",
    "answered",
    "answered_on_time",
    "rated",
    "satisfied",
    "repeated",
    "first_answered",
    "first_resolved",
    "reviews",
    "reviews_answered",
    "reviews_changed",
    "unrouted",
    "supervised",
    "supervision_answered",
    "forwarded",
    "assigned",
    "routed",
    "adopted",
];

/// A row of `tallies`: the month (`YYYY-MM`, Beijing time), the unit (0: none yet) and the
/// shard.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TallyKey {
    pub month: String,
    pub unit_id: i64,
    pub shard: i64,
}

/// A row of `volumes`: 收件量 by channel, kind, category and place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VolumeKey {
    pub month: String,
    pub unit_id: i64,
    pub channel: String,
    pub kind: String,
    pub category_id: i64,
    pub region_id: i64,
    pub shard: i64,
}

/// What the figures need to know of one petition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub id: i64,
    /// The day it arrived (`YYYY-MM-DD`).
    pub received_on: String,
    pub received_by: Option<i64>,
    pub channel: String,
    pub kind: String,
    pub category_id: i64,
    pub region_id: i64,
    /// Linked as a repeat of an earlier matter.
    pub repeat: bool,
    /// A later matter was linked as a repeat of this one.
    pub repeated_later: bool,
    pub decided: Option<Decided>,
    pub answers: Vec<AnswerFact>,
    pub notices: Vec<NoticeFact>,
}

/// The first acceptance decision (受理, 不予受理, 转送 or 交办).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    /// Its day (`YYYY-MM-DD`).
    pub on: String,
    /// Within the acceptance period.
    pub in_time: bool,
    pub how: Routing,
    /// The unit it gave the matter to handle; none when it was not accepted.
    pub to: Option<i64>,
}

/// How a first acceptance decision went, stored as `petitions.decided_as`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routing {
    /// 受理: handled by the unit that received it.
    Accepted,
    /// 不予受理
    NotAccepted,
    /// 转送
    Forwarded,
    /// 交办
    Assigned,
}

impl Routing {
    pub fn code(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::NotAccepted => "not_accepted",
            Self::Forwarded => "forwarded",
            Self::Assigned => "assigned",
        }
    }

    /// The stored code; a matter decided before the code was kept, and whose timeline
    /// showed no decision, reads as accepted (it was counted as decided, not routed on).
    fn from_code(code: Option<&str>) -> Self {
        match code {
            Some("not_accepted") => Self::NotAccepted,
            Some("forwarded") => Self::Forwarded,
            Some("assigned") => Self::Assigned,
            _ => Self::Accepted,
        }
    }
}

/// An answered round (答复记录).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerFact {
    pub round: shared::petition::Round,
    pub unit_id: Option<i64>,
    pub answered_on: String,
    pub on_time: bool,
    pub decision: Option<String>,
    pub rating: Option<shared::petition::Rating>,
    pub review_requested_on: Option<String>,
}

/// A supervision notice (督办单).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeFact {
    pub unit_id: i64,
    pub issued_on: String,
    pub answered: bool,
}

/// The facts of the petitions with ids in `(after, upto]`, at most `limit`, in id order:
/// one petition for a step, a batch for the rebuild.
pub async fn facts(
    conn: &mut AnyConnection,
    after: i64,
    upto: i64,
    limit: i64,
) -> Result<Vec<Facts>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.id, p.received_on, p.submitted_at, p.received_by, p.channel, p.kind, p.category_id, \
         p.region_id, p.repeat_of, p.decided_on, p.decided_in_time, p.decided_as, p.decided_to, \
         CASE WHEN EXISTS (SELECT 1 FROM petitions l WHERE l.repeat_of = p.id) THEN 1 ELSE 0 END AS repeated_later \
         FROM petitions p WHERE p.id > $1 AND p.id <= $2 ORDER BY p.id LIMIT $3",
    )
    .bind(after)
    .bind(upto)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut all = rows.iter().map(petition).collect::<Result<Vec<_>, _>>()?;
    let Some(last) = all.last().map(|f| f.id) else {
        return Ok(all);
    };
    let answers = sqlx::query(
        "SELECT petition_id, round, unit_id, answered_on, on_time, decision, rating, review_requested_on \
         FROM answers WHERE petition_id > $1 AND petition_id <= $2 ORDER BY petition_id",
    )
    .bind(after)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let notices = sqlx::query(
        "SELECT petition_id, unit_id, issued_at, answered_at FROM supervision_notices \
         WHERE petition_id > $1 AND petition_id <= $2 ORDER BY petition_id, id",
    )
    .bind(after)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let index: std::collections::HashMap<i64, usize> =
        all.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    for r in &answers {
        let id: i64 = r.try_get("petition_id")?;
        if let Some(&i) = index.get(&id) {
            all[i].answers.push(AnswerFact {
                round: decode::code(r, "round")?,
                unit_id: r.try_get("unit_id")?,
                answered_on: r.try_get("answered_on")?,
                on_time: decode::flag(r, "on_time")?,
                decision: r.try_get("decision")?,
                rating: decode::code_opt(r, "rating")?,
                review_requested_on: r.try_get("review_requested_on")?,
            });
        }
    }
    for r in &notices {
        let id: i64 = r.try_get("petition_id")?;
        if let Some(&i) = index.get(&id) {
            let answered: Option<i64> = r.try_get("answered_at")?;
            all[i].notices.push(NoticeFact {
                unit_id: r.try_get("unit_id")?,
                issued_on: shanghai_day(r.try_get("issued_at")?),
                answered: answered.is_some(),
            });
        }
    }
    Ok(all)
}

fn petition(r: &AnyRow) -> Result<Facts, sqlx::Error> {
    let received_on: Option<String> = r.try_get("received_on")?;
    let decided_on: Option<String> = r.try_get("decided_on")?;
    let in_time: Option<i64> = r.try_get("decided_in_time")?;
    let how: Option<String> = r.try_get("decided_as")?;
    let to: Option<i64> = r.try_get("decided_to")?;
    let repeat_of: Option<i64> = r.try_get("repeat_of")?;
    Ok(Facts {
        id: r.try_get("id")?,
        received_on: match received_on {
            Some(day) => day,
            None => shanghai_day(r.try_get("submitted_at")?),
        },
        received_by: r.try_get("received_by")?,
        channel: r.try_get("channel")?,
        kind: r.try_get("kind")?,
        category_id: r.try_get("category_id")?,
        region_id: r.try_get("region_id")?,
        repeat: repeat_of.is_some(),
        repeated_later: decode::flag(r, "repeated_later")?,
        decided: decided_on.map(|on| Decided {
            on,
            in_time: in_time == Some(1),
            how: Routing::from_code(how.as_deref()),
            to,
        }),
        answers: Vec::new(),
        notices: Vec::new(),
    })
}

/// Records the first acceptance decision, once.
pub async fn set_decided(tx: &mut Tx, id: i64, d: &Decided) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE petitions SET decided_on = $1, decided_in_time = $2, decided_as = $3, decided_to = $4 \
         WHERE id = $5 AND decided_on IS NULL",
    )
    .bind(&d.on)
    .bind(i64::from(d.in_time))
    .bind(d.how.code())
    .bind(d.to)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An answered round, with the decision of the round's approved letter if it has one.
pub struct NewAnswer<'a> {
    pub petition_id: i64,
    pub round: &'a str,
    pub unit_id: Option<i64>,
    pub answered_on: &'a str,
    pub on_time: bool,
}

pub async fn insert_answer(tx: &mut Tx, a: NewAnswer<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO answers (petition_id, round, unit_id, answered_on, on_time, decision) \
         VALUES ($1, $2, $3, $4, $5, (SELECT r.decision FROM replies r WHERE r.petition_id = $1 \
         AND r.round = $2 AND r.state = 'approved' ORDER BY r.id DESC LIMIT 1)) \
         ON CONFLICT (petition_id, round) DO NOTHING",
    )
    .bind(a.petition_id)
    .bind(a.round)
    .bind(a.unit_id)
    .bind(a.answered_on)
    .bind(i64::from(a.on_time))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn rate_answer(
    tx: &mut Tx,
    id: i64,
    round: &str,
    rating: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE answers SET rating = $1 WHERE petition_id = $2 AND round = $3")
        .bind(rating)
        .bind(id)
        .bind(round)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn answer_challenged(
    tx: &mut Tx,
    id: i64,
    round: &str,
    on: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE answers SET review_requested_on = $1 WHERE petition_id = $2 AND round = $3 \
         AND review_requested_on IS NULL",
    )
    .bind(on)
    .bind(id)
    .bind(round)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The petitions with a supervision notice to `unit` still unanswered.
pub async fn with_open_notices(
    tx: &mut Tx,
    unit: shared::ids::UnitId,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query(
        "SELECT DISTINCT petition_id FROM supervision_notices WHERE unit_id = $1 AND answered_at IS NULL",
    )
    .bind(unit.0)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect()
}
