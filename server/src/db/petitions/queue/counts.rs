//! The queue's counts by due date: from the open matters' rollup and indexes when only
//! units and statuses filter, with the rows the caller may not see subtracted; otherwise
//! over the rows' own `WHERE`.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use super::parts::in_rollup;
use super::{
    Arg, DUE, Holder, NO_DUE, Part, QueueQuery, Select, bind_all, from_where, parts, place,
    status_part,
};

/// How many petitions the query matches (its cursor and limit aside), by due date (`NO_DUE`
/// for none): the caller buckets the dates into clock states with the same bounds its
/// filter uses. A handful of rows, one per distinct date.
pub async fn counts_by_due(
    pool: &AnyPool,
    q: &QueueQuery<'_>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut out = Vec::new();
    // Without filters beyond the units and statuses, the unit's own half is summed from the
    // open matters' rollup (or an index), and the rows the caller may not see are
    // subtracted: reading every open row of a department took 0.4 s on the benchmark's
    // million petitions.
    let plain = q.kind.is_none()
        && q.category_id.is_none()
        && q.region_like.is_none()
        && q.channel.is_none()
        && q.assignee.is_none()
        && q.due_from.is_none()
        && q.due_to.is_none();
    for (sub, part) in parts(q) {
        let mut holders = vec![Holder::Unit];
        if q.assignee.is_none() {
            holders.push(Holder::CoHandler);
        }
        if plain {
            out.extend(index_count(pool, &sub, part).await?);
            holders.retain(|h| matches!(h, Holder::CoHandler));
        }
        for holder in holders {
            let mut args: Vec<Arg> = Vec::new();
            let from = from_where(&sub, holder, Select::Count, part, &mut args);
            let sql = format!("SELECT {DUE}, COUNT(*) {from} GROUP BY {DUE}");
            let rows = bind_all(sqlx::query(&sql), args).fetch_all(pool).await?;
            for r in &rows {
                out.push((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)?));
            }
        }
    }
    // Per date, the subtractions netted against the counts they correct.
    let mut by_due = std::collections::BTreeMap::<String, i64>::new();
    for (due, n) in out {
        *by_due.entry(due).or_default() += n;
    }
    Ok(by_due.into_iter().filter(|(_, n)| *n > 0).collect())
}

/// The unit's own half of an unfiltered count, by due date: every row of `part` in the
/// units, less the accusations against the shielded units and the matters the caller
/// stepped aside from (each such row once), all read from indexes.
async fn index_count(
    pool: &AnyPool,
    q: &QueueQuery<'_>,
    part: Part,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    // The plain column, not the sort key's COALESCE: an index covers a column only.
    let mut out = Vec::new();
    for (sign, r) in index_passes(pool, q, part, "p.due_on").await? {
        let due: Option<String> = r.try_get(0)?;
        let due = due.unwrap_or_else(|| NO_DUE.to_owned());
        out.push((due, sign * r.try_get::<i64, _>(1)?));
    }
    Ok(out)
}

/// The three reads of an index count of the units' own rows of `part` within the query's
/// due bounds, grouped by `group` (columns of the (unit, status, …) indexes, which
/// `open_matters` shares), each row with the sign it counts with: all of them (from the
/// rollup when it holds them), less the accusations against the shielded
/// units, less the matters the caller stepped aside from (a row both shielded and stepped
/// aside from is subtracted once). The count is the column after `group`'s.
pub(super) async fn index_passes(
    pool: &AnyPool,
    q: &QueueQuery<'_>,
    part: Part,
    group: &str,
) -> Result<Vec<(i64, AnyRow)>, sqlx::Error> {
    let mut out = Vec::new();
    for pass in [Pass::All, Pass::Shielded, Pass::Recused] {
        if matches!(pass, Pass::Shielded) && q.shielded.is_empty() {
            continue;
        }
        let mut args: Vec<Arg> = Vec::new();
        let rollup = matches!(pass, Pass::All) && in_rollup(q, part);
        let from = match pass {
            // A few rows a unit and date, summed, instead of one a matter (PostgreSQL
            // visits the table for each matter an index range counts).
            Pass::All if rollup => "FROM open_matters p WHERE".to_owned(),
            Pass::Recused => {
                let staff = place(Arg::Int(q.staff_id.0), &mut args);
                format!(
                    "FROM recusals x JOIN petitions p ON p.id = x.petition_id WHERE x.staff_id = {staff} AND"
                )
            }
            Pass::All | Pass::Shielded => "FROM petitions p WHERE".to_owned(),
        };
        let ids: Vec<String> = q
            .units
            .iter()
            .map(|u| place(Arg::Int(u.0), &mut args))
            .collect();
        // The subtractions start from their few rows (the accused-unit index, the staff
        // member's recusals): `+` keeps the engine off the unit's indexes for them.
        let unit = match pass {
            Pass::All => "p.unit_id",
            Pass::Shielded | Pass::Recused => "+p.unit_id",
        };
        // The rollup's due date is the sort key itself (never NULL).
        let (count, due) = if rollup {
            ("CAST(SUM(p.matters) AS BIGINT)", "p.due_on")
        } else {
            ("COUNT(*)", DUE)
        };
        let mut sql = format!(
            "SELECT {group}, {count} {from} {unit} IN ({}) AND {}",
            ids.join(", "),
            status_part(q, part, &mut args)
        );
        if let Some(d) = q.due_from {
            sql.push_str(&format!(" AND {due} >= {}", place(Arg::Text(d), &mut args)));
        }
        if let Some(d) = q.due_to {
            sql.push_str(&format!(" AND {due} <= {}", place(Arg::Text(d), &mut args)));
        }
        let shield = |args: &mut Vec<Arg<'_>>| {
            let ids: Vec<String> = q
                .shielded
                .iter()
                .map(|u| place(Arg::Int(u.0), args))
                .collect();
            // IS NOT NULL keeps the test two-valued: under NOT, an accusation whose
            // accused is not settled yet must count as not shielded, as the rows do.
            format!(
                "p.kind = 'accusation' AND p.accused_unit_id IS NOT NULL \
                 AND p.accused_unit_id IN ({})",
                ids.join(", ")
            )
        };
        match pass {
            Pass::All => {}
            Pass::Shielded => sql.push_str(&format!(" AND {}", shield(&mut args))),
            // Counted once: a shielded row the caller also stepped aside from is already
            // subtracted.
            Pass::Recused if !q.shielded.is_empty() => {
                sql.push_str(&format!(" AND NOT ({})", shield(&mut args)))
            }
            Pass::Recused => {}
        }
        sql.push_str(&format!(" GROUP BY {group}"));
        let sign = if matches!(pass, Pass::All) { 1 } else { -1 };
        for r in bind_all(sqlx::query(&sql), args).fetch_all(pool).await? {
            out.push((sign, r));
        }
    }
    Ok(out)
}

/// The three reads of [`index_passes`].
#[derive(Clone, Copy)]
enum Pass {
    All,
    Shielded,
    Recused,
}
