//! The supervisors' live picture (督查): open matters by unit and status within due bounds,
//! and supervision notices still unanswered by unit; what the caller may not see left out.

use std::collections::HashMap;

use shared::ids::UnitId;
use shared::petition::PetitionStatus;
use sqlx::{AnyPool, Row};

use super::counts::index_passes;
use super::{Arg, Part, QueueQuery, bind_all, place};
use crate::db::decode;

/// How many matters each unit holds, by status, of the query's statuses within its due
/// bounds; the units' own matters (a co-handled matter counts at the unit that holds it),
/// summed from `open_matters` (a few rows a unit and day) less what the reader may not see.
/// Units with none are left out.
pub async fn counts_by_unit(
    pool: &AnyPool,
    q: &QueueQuery<'_>,
) -> Result<Vec<(UnitId, PetitionStatus, u64)>, sqlx::Error> {
    let mut net = HashMap::<(i64, PetitionStatus), i64>::new();
    for (sign, r) in index_passes(pool, q, Part::Open, "p.unit_id, p.status").await? {
        let key = (r.try_get::<i64, _>(0)?, decode::code(&r, 1)?);
        *net.entry(key).or_default() += sign * r.try_get::<i64, _>(2)?;
    }
    Ok(net
        .into_iter()
        .filter_map(|((unit, status), n)| {
            u64::try_from(n)
                .ok()
                .filter(|n| *n > 0)
                .map(|n| (UnitId(unit), status, n))
        })
        .collect())
}

/// Supervision notices (督办单) to each of `q.units` not answered yet: how many, and how
/// many of them are past the day the answer was due (before `today`). Notices on matters
/// the caller may not see (an accusation against a shielded unit, a matter they stepped
/// aside from) are left out. Few rows: the open notices of the units, by their index.
pub async fn open_notices_by_unit(
    pool: &AnyPool,
    q: &QueueQuery<'_>,
    today: &str,
) -> Result<Vec<(UnitId, u64, u64)>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    let late = place(Arg::Text(today), &mut args);
    let ids: Vec<String> = q
        .units
        .iter()
        .map(|u| place(Arg::Int(u.0), &mut args))
        .collect();
    let mut sql = format!(
        "SELECT n.unit_id, COUNT(*), SUM(CASE WHEN n.answer_due < {late} THEN 1 ELSE 0 END) \
         FROM supervision_notices n JOIN petitions p ON p.id = n.petition_id \
         WHERE n.unit_id IN ({}) AND n.answered_at IS NULL",
        ids.join(", ")
    );
    if !q.shielded.is_empty() {
        let ids: Vec<String> = q
            .shielded
            .iter()
            .map(|u| place(Arg::Int(u.0), &mut args))
            .collect();
        sql.push_str(&format!(
            " AND (p.kind <> 'accusation' OR p.accused_unit_id IS NULL OR p.accused_unit_id NOT IN ({}))",
            ids.join(", ")
        ));
    }
    sql.push_str(&format!(
        " AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.petition_id = p.id AND x.staff_id = {}) \
         GROUP BY n.unit_id",
        place(Arg::Int(q.staff_id.0), &mut args)
    ));
    let mut out = Vec::new();
    for r in bind_all(sqlx::query(&sql), args).fetch_all(pool).await? {
        let count = |i: usize| -> Result<u64, sqlx::Error> {
            Ok(u64::try_from(r.try_get::<i64, _>(i)?).unwrap_or(0))
        };
        out.push((UnitId(r.try_get(0)?), count(1)?, count(2)?));
    }
    Ok(out)
}
