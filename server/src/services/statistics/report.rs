//! 公开统计: one month's figures for the jurisdiction or a unit, with the units below it,
//! the twelve months before it and 收件量 by channel, kind and category, read from the
//! rollups alone (a handful of range reads, whatever the number of petitions).

use std::collections::{BTreeMap, HashMap};

use chrono::Months;
use shared::figures::Tally;
use shared::ids::UnitId;
use shared::petition::{Channel, PetitionKind};
use shared::statistics::{MonthTally, Share, StatisticsQuery, StatisticsView, UnitRef, UnitTally};

use super::chart;
use super::scope::{Scope, first_of, label, month_or_this, unit_ref};
use super::tally::to_tally;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::today;

/// Months in the trend and in the month picker.
const MONTHS: u32 = 12;

pub async fn public(state: &AppState, q: &StatisticsQuery) -> AppResult<StatisticsView> {
    let this_month = first_of(today());
    let month = month_or_this(q.month.as_deref(), this_month)?;
    let org = state.org.get().await?;
    if let Some(u) = q.unit
        && org.unit(u).is_none()
    {
        return Err(AppError::field(
            "unit",
            "没有找到这个单位，请从公开统计页的单位列表进入。",
        ));
    }
    let first = month - Months::new(MONTHS - 1);
    let names = category_names(state).await?;
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let rows = db::statistics::tallies(&mut conn, &label(first), &label(month)).await?;
    let scope = Scope {
        org: &org,
        unit: q.unit,
    };
    let wanted = label(month);
    let mut trend: BTreeMap<String, Tally> = (0..MONTHS)
        .map(|i| (label(first + Months::new(i)), Tally::default()))
        .collect();
    let mut units: BTreeMap<UnitId, Tally> = BTreeMap::new();
    for (m, unit, counts) in &rows {
        let Some(bucket) = scope.bucket(*unit) else {
            continue;
        };
        let t = to_tally(counts);
        if let Some(sum) = trend.get_mut(m) {
            sum.add(&t);
        }
        if *m == wanted
            && let Some(b) = bucket
        {
            units.entry(b).or_default().add(&t);
        }
    }
    let tally = trend.get(&wanted).copied().unwrap_or_default();
    let (channels, kinds, categories) =
        breakdowns(&mut conn, &scope, &wanted, &wanted, &names).await?;
    let trend: Vec<MonthTally> = trend
        .into_iter()
        .map(|(month, tally)| MonthTally { month, tally })
        .collect();
    let path: Vec<UnitRef> = q
        .unit
        .map(|u| {
            let mut up = org.lineage(u);
            up.reverse();
            up.into_iter().map(|id| unit_ref(&org, id)).collect()
        })
        .unwrap_or_default();
    Ok(StatisticsView {
        chart: trend_chart(&trend, &path),
        months: (0..MONTHS)
            .map(|i| label(this_month - Months::new(i)))
            .collect(),
        month: wanted,
        reception: q
            .unit
            .and_then(|u| org.unit(u))
            .map(|u| crate::services::admin::units::reception_of(&u.reception))
            .filter(|r| !r.address.is_empty() || !r.phone.is_empty()),
        path,
        tally,
        trend,
        units: units
            .into_iter()
            .map(|(id, tally)| UnitTally {
                unit: unit_ref(&org, id),
                has_units: q.unit != Some(id) && !org.children(Some(id)).is_empty(),
                tally,
            })
            .collect(),
        channels,
        kinds,
        categories,
    })
}

/// 收件量 of the months `[from, to]` in the scope by channel, by kind and by category (the
/// category names given), each most first, from one read of `volumes`; codes nobody can
/// name are left out (a retired code keeps its count in the totals).
pub(super) async fn breakdowns(
    conn: &mut sqlx::AnyConnection,
    scope: &Scope<'_>,
    from: &str,
    to: &str,
    categories: &HashMap<String, String>,
) -> AppResult<(Vec<Share>, Vec<Share>, Vec<Share>)> {
    let (mut channels, mut kinds, mut fields) = (
        BTreeMap::<String, u64>::new(),
        BTreeMap::<String, u64>::new(),
        BTreeMap::<String, u64>::new(),
    );
    for v in db::statistics::volumes_between(conn, from, to).await? {
        if scope.bucket(v.unit_id).is_none() {
            continue;
        }
        let n = u64::try_from(v.received).unwrap_or(0);
        if let Some(c) = Channel::from_code(&v.channel) {
            *channels.entry(c.label().to_owned()).or_default() += n;
        }
        if let Some(k) = PetitionKind::from_code(&v.kind) {
            *kinds.entry(k.label().to_owned()).or_default() += n;
        }
        if let Some(name) = categories.get(&v.category_id.to_string()) {
            *fields.entry(name.clone()).or_default() += n;
        }
    }
    Ok((most_first(channels), most_first(kinds), most_first(fields)))
}

/// The categories' names by id, as `volumes` keys them.
pub(super) async fn category_names(state: &AppState) -> AppResult<HashMap<String, String>> {
    Ok(db::reference::categories(&state.db.pool)
        .await?
        .into_iter()
        .map(|c| (c.id.0.to_string(), c.name))
        .collect())
}

fn most_first(by: BTreeMap<String, u64>) -> Vec<Share> {
    let mut out: Vec<Share> = by
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(label, count)| Share { label, count })
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.count));
    out
}

fn trend_chart(trend: &[MonthTally], path: &[UnitRef]) -> String {
    let scope = path.last().map_or("全辖区", |u| u.name.as_str());
    let points: Vec<(String, u64)> = trend
        .iter()
        .map(|m| {
            let month = m.month.get(5..).unwrap_or_default().trim_start_matches('0');
            (format!("{month}月"), m.tally.received)
        })
        .collect();
    let (from, to) = (
        trend.first().map(|m| m.month.as_str()).unwrap_or_default(),
        trend.last().map(|m| m.month.as_str()).unwrap_or_default(),
    );
    let desc = format!("{scope}{from}至{to}每月收件量柱状图，数据见下表。");
    chart::bars("trend", &format!("{scope}月度收件量"), &desc, &points)
}
