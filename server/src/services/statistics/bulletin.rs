//! 月度通报 and 信访指数: a unit and the units below it ranked by their index for a month,
//! with the month before beside it and the month's red flags; for the unit's head, a
//! supervisor or a leader of it, as a page, a spreadsheet and CSV.

use std::collections::BTreeMap;

use chrono::Months;
use shared::figures::{Tally, index};
use shared::ids::{StaffId, UnitId};
use shared::petition::{ClockState, QueueFilter, QueueSort};
use shared::statistics::{BulletinRow, BulletinView, OverdueList};

use super::scope::{Scope, first_of, label, month_or_this, reader_unit, unit_ref};
use super::tally::to_tally;
use crate::db;
use crate::error::AppResult;
use crate::services::workflow::queue;
use crate::state::AppState;
use crate::time::today;

pub async fn bulletin(
    state: &AppState,
    staff: StaffId,
    month: Option<&str>,
) -> AppResult<BulletinView> {
    let unit = reader_unit(state, staff, "月度通报和信访指数").await?;
    let this_month = first_of(today());
    let month = month_or_this(month, this_month)?;
    let previous = month - Months::new(1);
    let org = state.org.get().await?;
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let rows = db::statistics::tallies(&mut conn, &label(previous), &label(month)).await?;
    drop(conn);
    let scope = Scope {
        org: &org,
        unit: Some(unit),
    };
    let wanted = label(month);
    // Per row of the bulletin: (this month, the month before).
    let mut by: BTreeMap<UnitId, (Tally, Tally)> = BTreeMap::new();
    by.insert(unit, Default::default());
    for child in org.children(Some(unit)) {
        by.insert(child, Default::default());
    }
    for (m, u, counts) in &rows {
        let Some(Some(bucket)) = scope.bucket(*u) else {
            continue;
        };
        let sums = by.entry(bucket).or_default();
        let sum = if *m == wanted {
            &mut sums.0
        } else {
            &mut sums.1
        };
        sum.add(&to_tally(counts));
    }
    let weights = &super::weights::current(state).await?;
    let (mut total, mut before) = (Tally::default(), Tally::default());
    let mut lines: Vec<BulletinRow> = by
        .into_iter()
        .map(|(id, (now, then))| {
            total.add(&now);
            before.add(&then);
            BulletinRow {
                rank: None,
                unit: unit_ref(&org, id),
                own: id == unit,
                index: index::index(&now, weights),
                previous: index::index(&then, weights),
                flags: flags(&now),
                tally: now,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        b.index
            .cmp(&a.index)
            .then_with(|| a.unit.id.cmp(&b.unit.id))
    });
    for (i, line) in lines.iter_mut().enumerate() {
        if line.index.is_some() {
            line.rank = u32::try_from(i + 1).ok();
        }
    }
    let overdue = if month == this_month {
        Some(overdue(state, staff).await?)
    } else {
        None
    };
    Ok(BulletinView {
        months: (0..12)
            .map(|i| label(this_month - Months::new(i)))
            .collect(),
        month: wanted,
        scope: unit_ref(&org, unit),
        index: index::index(&total, weights),
        previous: index::index(&before, weights),
        tally: total,
        method: index::explain(weights),
        rows: lines,
        overdue,
    })
}

/// What is overdue today in the reader's unit and below it: the queue's 超期 filter, which
/// leaves out what the firewall hides from them (art. 30), longest overdue first; one more
/// than shown is read, to know whether there are more.
async fn overdue(state: &AppState, staff: StaffId) -> AppResult<OverdueList> {
    let filter = QueueFilter {
        clock: Some(ClockState::Overdue),
        sort: QueueSort::Due,
        ..QueueFilter::default()
    };
    let shown = OverdueList::SHOWN;
    let limit = i64::try_from(shown + 1).unwrap_or(i64::MAX);
    let page = queue::page(state, staff, &filter, limit).await?;
    let more = page.items.len() > shown;
    Ok(OverdueList {
        today: today(),
        oldest: page.items.into_iter().take(shown).collect(),
        more,
    })
}

/// The red flags of a month's counts.
fn flags(t: &Tally) -> Vec<String> {
    let gap = |a: u64, b: u64| a.saturating_sub(b);
    [
        (t.unrouted, "漏排{}件"),
        (gap(t.answered, t.answered_on_time), "超期答复{}件"),
        (gap(t.rated, t.satisfied), "不满意{}件，须回访"),
        (gap(t.supervised, t.supervision_answered), "督办未回复{}件"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, text)| text.replace("{}", &n.to_string()))
    .collect()
}
