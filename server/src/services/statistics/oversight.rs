//! 督查看板: the live 漏排/超期/督办 picture across a unit and the units below it, counted
//! from the open matters' rollup as of today (not from the months' rollups), for its head,
//! supervisors and leaders; what the firewall hides from the reader is not counted.

use std::collections::BTreeMap;

use shared::ids::{StaffId, UnitId};
use shared::petition::{PetitionStatus, QueueSort};
use shared::statistics::{LiveCounts, OversightRow, OversightView};

use super::scope::{Scope, reader_unit, unit_ref};
use crate::db::{self, petitions::QueueQuery};
use crate::error::AppResult;
use crate::services::workflow::{clocks, queue::OPEN};
use crate::state::AppState;
use crate::time::today;

/// The picture of `unit` (the reader's own when absent), which must be the reader's unit or
/// one below it.
#[tracing::instrument(skip_all, fields(staff = %staff))]
pub async fn oversight(
    state: &AppState,
    staff: StaffId,
    unit: Option<UnitId>,
) -> AppResult<OversightView> {
    let home = reader_unit(state, staff, "督查看板").await?;
    let org = state.org.get().await?;
    let scope = match unit {
        None => home,
        Some(u) => org.at_or_below(u, home)?,
    };
    let today = today();
    let soon = clocks::warning_ends(state, today);
    let day = |d: chrono::NaiveDate| d.to_string();
    let (yesterday, today_s, soon_s) = (
        today.pred_opt().map(day).unwrap_or_default(),
        day(today),
        day(soon),
    );
    let units = org.subtree(scope);
    // Accusations against the reader's unit or a unit above it are never counted (art. 30):
    // the same shield as the reader's queue, so a count is what the queue lists.
    let shielded = org.ancestors(home);
    let base = QueueQuery {
        units: &units,
        statuses: &OPEN,
        kind: None,
        category_id: None,
        region_like: None,
        channel: None,
        due_from: None,
        due_to: Some(&yesterday),
        sort: QueueSort::Due,
        after: None,
        shielded: &shielded,
        staff_id: staff,
        assignee: None,
        awaiting_delivery: false,
        limit: 0,
    };
    let pool = &state.db.pool;
    let late = db::petitions::counts_by_unit(pool, &base).await?;
    let near = db::petitions::counts_by_unit(
        pool,
        &QueueQuery {
            due_from: Some(&today_s),
            due_to: Some(&soon_s),
            ..base
        },
    )
    .await?;
    let notices = db::petitions::open_notices_by_unit(pool, &base, &today_s).await?;

    let place = Scope {
        org: &org,
        unit: Some(scope),
    };
    let mut by: BTreeMap<UnitId, LiveCounts> = BTreeMap::new();
    by.insert(scope, LiveCounts::default());
    for child in org.children(Some(scope)) {
        by.insert(child, LiveCounts::default());
    }
    for (unit, status, n) in late {
        if let Some(c) = line(&mut by, &place, unit) {
            if waits_for_routing(status) {
                c.unrouted += n;
            } else {
                c.overdue += n;
            }
        }
    }
    for (unit, _, n) in near {
        if let Some(c) = line(&mut by, &place, unit) {
            c.due_soon += n;
        }
    }
    for (unit, open, past) in notices {
        if let Some(c) = line(&mut by, &place, unit) {
            c.notices += open;
            c.notices_late += past;
        }
    }
    let mut total = LiveCounts::default();
    let mut rows: Vec<OversightRow> = by
        .into_iter()
        .map(|(id, counts)| {
            total.add(&counts);
            OversightRow {
                unit: unit_ref(&org, id),
                own: id == scope,
                has_units: id != scope && !org.children(Some(id)).is_empty(),
                counts,
            }
        })
        .collect();
    // The page's own unit first, then the worst: most past their period, most notices past
    // their day, most about to run out, most notices open.
    rows.sort_by(|a, b| {
        let worst = |r: &OversightRow| {
            let c = r.counts;
            (c.late(), c.notices_late, c.due_soon, c.notices)
        };
        b.own
            .cmp(&a.own)
            .then_with(|| worst(b).cmp(&worst(a)))
            .then_with(|| a.unit.id.cmp(&b.unit.id))
    });
    let mut path: Vec<_> = org
        .ancestors(scope)
        .into_iter()
        .take_while(|u| *u != home)
        .chain([home])
        .map(|u| unit_ref(&org, u))
        .collect();
    path.reverse();
    Ok(OversightView {
        today,
        warn_days: u32::try_from(state.settings.clocks.warn_days).unwrap_or(0),
        scope: unit_ref(&org, scope),
        path,
        total,
        rows,
    })
}

/// Whether a matter in `status` still waits for the decision to accept, forward or assign
/// it: past its period, that is 漏排 (registered, forwarded, or objected to).
fn waits_for_routing(status: PetitionStatus) -> bool {
    matches!(
        status,
        PetitionStatus::Submitted | PetitionStatus::Forwarded | PetitionStatus::Objected
    )
}

/// The line `unit`'s counts go on: its own, or that of the unit below the page's on the
/// way up from it.
fn line<'a>(
    by: &'a mut BTreeMap<UnitId, LiveCounts>,
    place: &Scope<'_>,
    unit: UnitId,
) -> Option<&'a mut LiveCounts> {
    let bucket = place.bucket(unit.0).flatten()?;
    Some(by.entry(bucket).or_default())
}
