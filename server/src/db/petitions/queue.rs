//! The staff queue and the clock job's sweep: queries built at run time from filters,
//! with numbered placeholders only (no value ever enters the SQL text).

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool, Row};

use shared::ids::{CategoryId, PetitionId, StaffId, UnitId};
use shared::petition::{Channel, PetitionKind, PetitionNumber, PetitionStatus, QueueSort, Round};

use super::super::decode;
use super::{PetitionRow, SELECT, from_row};

mod counts;
mod oversight;
mod parts;
pub use counts::counts_by_due;
pub use oversight::{counts_by_unit, open_notices_by_unit};
use parts::{Part, parts, row_parts, status_part};

/// One line of the queue: only what the list shows. Reading whole petitions (35 columns,
/// the facts and requests included) for 50 lines made converting rows the page's main
/// cost (issue 5's profile of the triage queue).
#[derive(Clone, Debug)]
pub struct QueueRow {
    pub id: PetitionId,
    pub number: PetitionNumber,
    pub kind: PetitionKind,
    pub category: String,
    pub region: String,
    pub channel: Channel,
    pub status: PetitionStatus,
    pub round: Round,
    pub due_on: Option<String>,
    pub group_matter: bool,
    pub submitted_at: i64,
    pub title: String,
}

const LIST: &str = "SELECT p.id, p.number, p.kind, c.name, r.name, p.channel, p.status, p.round, \
     p.due_on, p.group_matter, p.submitted_at, p.title";

const FROM: &str = "FROM petitions p JOIN categories c ON c.id = p.category_id \
     JOIN regions r ON r.id = p.region_id";

fn list_row(r: &AnyRow) -> Result<QueueRow, sqlx::Error> {
    Ok(QueueRow {
        id: decode::id(r, 0)?,
        number: decode::number(r, 1)?,
        kind: decode::code(r, 2)?,
        category: r.try_get(3)?,
        region: r.try_get(4)?,
        channel: decode::code(r, 5)?,
        status: decode::code(r, 6)?,
        round: decode::code(r, 7)?,
        due_on: r.try_get(8)?,
        group_matter: decode::flag(r, 9)?,
        submitted_at: r.try_get(10)?,
        title: r.try_get(11)?,
    })
}

/// A filter of the staff queue, already resolved to values.
#[derive(Clone, Copy)]
pub struct QueueQuery<'a> {
    /// The units whose petitions the caller may list (its own and those below it).
    pub units: &'a [UnitId],
    pub statuses: &'a [PetitionStatus],
    pub kind: Option<PetitionKind>,
    pub category_id: Option<CategoryId>,
    /// Where it arose: a place and every place below it, as a `LIKE` pattern on their
    /// codes (`1101%`).
    pub region_like: Option<&'a str>,
    pub channel: Option<Channel>,
    /// Inclusive bounds on the due date, for the clock-state filter.
    pub due_from: Option<&'a str>,
    pub due_to: Option<&'a str>,
    /// The order of the rows.
    pub sort: QueueSort,
    /// Keyset: the sort key and id of the last row of the previous page.
    pub after: Option<(After<'a>, i64)>,
    /// Accusations against these units are left out (the caller's unit and those above).
    pub shielded: &'a [UnitId],
    /// Petitions this staff member stepped aside from (回避) are left out.
    pub staff_id: StaffId,
    /// 我的待办: only those given to this staff member.
    pub assignee: Option<StaffId>,
    /// Also the replies on paper whose delivery (送达) is not recorded yet.
    pub awaiting_delivery: bool,
    pub limit: i64,
}

/// The sort key of rows without a clock: after every real date.
pub const NO_DUE: &str = "9999-12-31";

/// The sort key of a keyset cursor, of the query's order.
#[derive(Clone, Copy, Debug)]
pub enum After<'a> {
    /// A due date (`NO_DUE` for none), for [`QueueSort::Due`].
    Due(&'a str),
    /// A submission time in milliseconds, for the orders by registration.
    Submitted(i64),
}

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

/// Whose petitions a half of the queue lists.
#[derive(Clone, Copy)]
enum Holder {
    /// Held by one of the units: served by the (unit, status, due date) index.
    Unit,
    /// Waiting for one of the units as co-handler (协办): few rows, found through
    /// `co_handlers`.
    CoHandler,
}

/// A page of the queue in the query's order, then id; keyset paging. The units' own
/// petitions unit by unit and status by status, and those they co-handle status by status,
/// are separate queries, each a range of its index read in the page's order and stopped
/// after a page, merged here: one query over several units or statuses (or with
/// `OR EXISTS`) reads and sorts every matching row, which took a county head's 超期 list
/// 0.8 s at a million petitions.
pub async fn queue(pool: &AnyPool, q: &QueueQuery<'_>) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let mut rows = Vec::new();
    for (sub, part) in row_parts(q) {
        for unit in q.units {
            let one = QueueQuery {
                units: std::slice::from_ref(unit),
                ..sub
            };
            rows.extend(half(&mut conn, &one, Holder::Unit, part).await?);
        }
        // A person's own matters are those their unit holds; co-handling requests are the
        // unit's.
        if q.assignee.is_none() {
            rows.extend(half(&mut conn, &sub, Holder::CoHandler, part).await?);
        }
    }
    match q.sort {
        QueueSort::Due => {
            rows.sort_by_key(|r| (r.due_on.clone().unwrap_or_else(|| NO_DUE.to_owned()), r.id))
        }
        QueueSort::Oldest => rows.sort_by_key(|r| (r.submitted_at, r.id)),
        QueueSort::Newest => rows.sort_by_key(|r| std::cmp::Reverse((r.submitted_at, r.id))),
    }
    rows.dedup_by_key(|r| r.id);
    rows.truncate(usize::try_from(q.limit).unwrap_or(0));
    Ok(rows)
}

/// What a query built by [`from_where`] reads.
#[derive(Clone, Copy)]
enum Select {
    /// The rows of a page: with the category's and place's names.
    Rows,
    /// A count, joining only what a filter needs.
    Count,
}

/// The due-date sort key: petitions without a clock after every real date.
// SAFETY of the format!s below: only placeholders and fixed column names enter the SQL text.
const DUE: &str = "COALESCE(p.due_on, '9999-12-31')";

async fn half(
    conn: &mut AnyConnection,
    q: &QueueQuery<'_>,
    holder: Holder,
    part: Part,
) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    let from = from_where(q, holder, Select::Rows, part, &mut args);
    let mut sql = format!("{LIST} {from}");
    let (key, cmp, dir) = match q.sort {
        QueueSort::Due => (DUE, '>', "ASC"),
        QueueSort::Oldest => ("p.submitted_at", '>', "ASC"),
        QueueSort::Newest => ("p.submitted_at", '<', "DESC"),
    };
    if let Some((at, id)) = q.after {
        // The plain range on the sort key is what lets the engine seek in the index (SQLite
        // does not seek on a row value over an expression column); the second condition
        // only sorts out the rows of the cursor's own key.
        let at = match at {
            After::Due(d) => place(Arg::Text(d), &mut args),
            After::Submitted(ms) => place(Arg::Int(ms), &mut args),
        };
        let id = place(Arg::Int(id), &mut args);
        sql.push_str(&format!(
            " AND {key} {cmp}= {at} AND ({key} {cmp} {at} OR p.id {cmp} {id})"
        ));
    }
    sql.push_str(&format!(
        " ORDER BY {key} {dir}, p.id {dir} LIMIT {}",
        place(Arg::Int(q.limit), &mut args)
    ));
    bind_all(sqlx::query(&sql), args)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(list_row)
        .collect()
}

/// The `FROM … WHERE …` of one half of the query, its values added to `args`. When
/// counting, a co-handled petition its holder's half already counts is left out.
fn from_where<'a>(
    q: &QueueQuery<'a>,
    holder: Holder,
    select: Select,
    part: Part,
    args: &mut Vec<Arg<'a>>,
) -> String {
    let counting = matches!(select, Select::Count);
    let from = match select {
        Select::Rows => FROM,
        Select::Count if q.region_like.is_some() => {
            "FROM petitions p JOIN regions r ON r.id = p.region_id"
        }
        Select::Count => "FROM petitions p",
    };
    let ids: Vec<String> = q.units.iter().map(|u| place(Arg::Int(u.0), args)).collect();
    let ids = ids.join(", ");
    let mut sql = match holder {
        Holder::Unit => format!("{from} WHERE p.unit_id IN ({ids}) AND ("),
        // The uncorrelated IN finds the few candidates by index; EXISTS then checks the
        // request is of the petition's current round.
        Holder::CoHandler => format!(
            "{from} WHERE p.id IN (SELECT c.petition_id FROM co_handlers c \
             WHERE c.answered_at IS NULL AND c.unit_id IN ({ids})) \
             AND EXISTS (SELECT 1 FROM co_handlers x WHERE x.petition_id = p.id AND x.round = p.round \
             AND x.answered_at IS NULL AND x.unit_id IN ({ids})) {} AND (",
            if counting {
                format!("AND p.unit_id NOT IN ({ids})")
            } else {
                String::new()
            }
        ),
    };
    sql.push_str(&status_part(q, part, args));
    sql.push(')');
    if let Some(k) = q.kind {
        sql.push_str(&format!(
            " AND p.kind = {}",
            place(Arg::Text(k.code()), args)
        ));
    }
    if let Some(c) = q.category_id {
        sql.push_str(&format!(
            " AND p.category_id = {}",
            place(Arg::Int(c.0), args)
        ));
    }
    if let Some(like) = q.region_like {
        sql.push_str(&format!(
            " AND r.code LIKE {}",
            place(Arg::Text(like), args)
        ));
    }
    if let Some(c) = q.channel {
        sql.push_str(&format!(
            " AND p.channel = {}",
            place(Arg::Text(c.code()), args)
        ));
    }
    if let Some(a) = q.assignee {
        sql.push_str(&format!(
            " AND p.assignee_id = {}",
            place(Arg::Int(a.0), args)
        ));
    }
    if let Some(d) = q.due_from {
        sql.push_str(&format!(" AND {DUE} >= {}", place(Arg::Text(d), args)));
    }
    if let Some(d) = q.due_to {
        sql.push_str(&format!(" AND {DUE} <= {}", place(Arg::Text(d), args)));
    }
    if !q.shielded.is_empty() {
        let ids: Vec<String> = q
            .shielded
            .iter()
            .map(|u| place(Arg::Int(u.0), args))
            .collect();
        sql.push_str(&format!(
            " AND (p.kind <> 'accusation' OR p.accused_unit_id IS NULL OR p.accused_unit_id NOT IN ({}))",
            ids.join(", ")
        ));
    }
    sql.push_str(&format!(
        " AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.petition_id = p.id AND x.staff_id = {})",
        place(Arg::Int(q.staff_id.0), args)
    ));
    sql
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

/// Petitions in `statuses` due between `from` and `to` (inclusive) that have not had the
/// alert `unless_alerted` on their current clock yet, earliest first.
pub async fn due_between(
    pool: &AnyPool,
    statuses: &[PetitionStatus],
    from: &str,
    to: &str,
    unless_alerted: &str,
    limit: i64,
) -> Result<Vec<PetitionRow>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    let st: Vec<String> = statuses
        .iter()
        .map(|s| place(Arg::Text(s.code()), &mut args))
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
