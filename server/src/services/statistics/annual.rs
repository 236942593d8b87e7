//! 年度信访工作情况报告 (条例 art. 41): a unit's year with the units below it, counted from
//! the monthly rollups: volumes by field, the units given the most matters, 转送, 交办 and
//! 督办 counts, and 人民建议 adopted; for its head, a supervisor or a leader.

use std::collections::BTreeMap;

use chrono::Datelike;
use shared::figures::{Figure, Tally};
use shared::ids::{StaffId, UnitId};
use shared::statistics::{AnnualView, MonthTally, UnitTally, month_label};

use super::chart;
use super::report::{breakdowns, category_names};
use super::scope::{Scope, reader_unit, unit_ref};
use super::tally::to_tally;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::today;

/// Years offered in the picker, this one included.
const YEARS: i32 = 5;
/// Units listed as 反映集中的单位.
const MOST: usize = 10;

pub async fn annual(state: &AppState, staff: StaffId, year: Option<&str>) -> AppResult<AnnualView> {
    let unit = reader_unit(state, staff, "年度工作情况报告").await?;
    let now = today();
    let year = year_or_this(year, now.year())?;
    let through = if year == now.year() { now.month() } else { 12 };
    let (from, to) = (format!("{year}-01"), format!("{year}-{through:02}"));
    let org = state.org.get().await?;
    let names = category_names(state).await?;
    let scope = Scope {
        org: &org,
        unit: Some(unit),
    };
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let rows = db::statistics::tallies(&mut conn, &from, &to).await?;
    let (channels, kinds, categories) = breakdowns(&mut conn, &scope, &from, &to, &names).await?;
    drop(conn);

    let mut months: BTreeMap<String, Tally> = (1..=through)
        .map(|m| (format!("{year}-{m:02}"), Tally::default()))
        .collect();
    let mut below: BTreeMap<UnitId, Tally> = BTreeMap::new();
    below.insert(unit, Tally::default());
    for child in org.children(Some(unit)) {
        below.insert(child, Tally::default());
    }
    let mut each: BTreeMap<UnitId, Tally> = BTreeMap::new();
    for (m, u, counts) in &rows {
        let Some(Some(bucket)) = scope.bucket(*u) else {
            continue;
        };
        let t = to_tally(counts);
        if let Some(sum) = months.get_mut(m) {
            sum.add(&t);
        }
        below.entry(bucket).or_default().add(&t);
        each.entry(UnitId(*u)).or_default().add(&t);
    }
    let mut tally = Tally::default();
    for t in months.values() {
        tally.add(t);
    }
    // `linked`: a row of the unit table, whose units below get their own breakdown.
    let row = |id: UnitId, tally: Tally, linked: bool| UnitTally {
        unit: unit_ref(&org, id),
        has_units: linked && !org.children(Some(id)).is_empty(),
        tally,
    };
    let mut most_routed: Vec<UnitTally> = each
        .into_iter()
        .filter(|(_, t)| t.routed > 0)
        .map(|(id, t)| row(id, t, false))
        .collect();
    most_routed.sort_by(|a, b| {
        b.tally
            .routed
            .cmp(&a.tally.routed)
            .then_with(|| a.unit.id.cmp(&b.unit.id))
    });
    most_routed.truncate(MOST);
    let scope_ref = unit_ref(&org, unit);
    let through = format!("{year}-{through:02}");
    let months: Vec<MonthTally> = months
        .into_iter()
        .map(|(month, tally)| MonthTally { month, tally })
        .collect();
    let partial = year == now.year();
    let summary = summary(Summary {
        year,
        through: partial.then_some(through.as_str()),
        scope: &scope_ref.name,
        t: &tally,
        top_category: categories.first().map(|s| (s.label.as_str(), s.count)),
        top_unit: most_routed
            .first()
            .map(|u| (u.unit.name.as_str(), u.tally.routed)),
    });
    Ok(AnnualView {
        chart: month_chart(&months, &scope_ref.name, year),
        year,
        years: (0..YEARS).map(|i| now.year() - i).collect(),
        through,
        units: below
            .into_iter()
            .map(|(id, t)| row(id, t, id != unit))
            .collect(),
        scope: scope_ref,
        tally,
        summary,
        months,
        most_routed,
        categories,
        kinds,
        channels,
    })
}

/// The year asked (`2026`), or this one; a later year, an early one or no year at all is
/// refused with its reason.
fn year_or_this(asked: Option<&str>, this_year: i32) -> Result<i32, AppError> {
    match asked {
        None => Ok(this_year),
        Some(y) => y
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year).contains(y))
            .ok_or_else(|| {
                AppError::field(
                    "year",
                    format!("请选择{this_year}年或以前的年份，格式如{this_year}"),
                )
            }),
    }
}

/// What the opening paragraph says.
struct Summary<'a> {
    year: i32,
    /// The last month counted, when the year is not over.
    through: Option<&'a str>,
    scope: &'a str,
    t: &'a Tally,
    top_category: Option<(&'a str, u64)>,
    top_unit: Option<(&'a str, u64)>,
}

/// The year in a few sentences, as the report to the Party committee opens.
fn summary(s: Summary<'_>) -> String {
    let t = s.t;
    let when = match s.through {
        Some(m) => format!("{}年（截至{}）", s.year, month_label(m)),
        None => format!("{}年", s.year),
    };
    // A share with nothing to divide by is left unsaid, not printed as "—".
    let pct = |f: Figure, label: &str| {
        let r = f.of(t);
        if r.per_mille().is_some() {
            format!("，{label}{}", r.percent())
        } else {
            String::new()
        }
    };
    let mut out = format!(
        "{when}，{}及下级单位共收到信访事项{}件",
        s.scope, t.received
    );
    if t.received > 0 {
        out += &format!("，其中网上信访{}件", t.online);
        out += &pct(Figure::OnlineShare, "网访占比");
    }
    out += &format!(
        "。作出受理决定{}件，其中转送{}件、交办{}件{}。",
        t.decided,
        t.forwarded,
        t.assigned,
        pct(Figure::TimelyAcceptance, "及时受理率")
    );
    out += &format!(
        "答复{}件{}{}；收到复查、复核申请{}件。",
        t.answered,
        pct(Figure::OnTimeAnswer, "按期办结率"),
        pct(Figure::Satisfaction, "满意率"),
        t.reviews
    );
    out += &format!(
        "发出督办单{}件，已书面回复{}件。采纳或部分采纳人民建议{}件。",
        t.supervised, t.supervision_answered, t.adopted
    );
    if let Some((name, n)) = s.top_category {
        out += &format!("反映最多的问题类别是“{name}”（{n}件）");
        out += &match s.top_unit {
            Some((unit, r)) => format!("，交由办理事项最多的单位是{unit}（{r}件）。"),
            None => "。".to_owned(),
        };
    }
    out
}

fn month_chart(months: &[MonthTally], scope: &str, year: i32) -> String {
    let points: Vec<(String, u64)> = months
        .iter()
        .map(|m| {
            let month = m.month.get(5..).unwrap_or_default().trim_start_matches('0');
            (format!("{month}月"), m.tally.received)
        })
        .collect();
    chart::bars(
        "annual",
        &format!("{scope}{year}年各月收件量"),
        &format!("{scope}{year}年每月收件量柱状图，数据见下表。"),
        &points,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_this_one_or_an_earlier_one() {
        assert_eq!(year_or_this(None, 2026).unwrap(), 2026);
        assert_eq!(year_or_this(Some("2025"), 2026).unwrap(), 2025);
        for bad in ["2027", "1999", "二〇二五", "", "2025-01"] {
            assert!(year_or_this(Some(bad), 2026).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_summary_says_the_year_in_counts() {
        let t = Tally {
            received: 120,
            online: 90,
            decided: 118,
            decided_in_time: 118,
            forwarded: 70,
            assigned: 12,
            answered: 100,
            answered_on_time: 95,
            rated: 80,
            satisfied: 72,
            reviews: 6,
            supervised: 9,
            supervision_answered: 8,
            adopted: 3,
            ..Tally::default()
        };
        let text = summary(Summary {
            year: 2026,
            through: Some("2026-11"),
            scope: "东城区信访局",
            t: &t,
            top_category: Some(("城乡建设", 41)),
            top_unit: Some(("东城区住房和城乡建设局", 38)),
        });
        for part in [
            "2026年（截至2026年11月），东城区信访局及下级单位共收到信访事项120件",
            "网上信访90件，网访占比75.0%",
            "转送70件、交办12件，及时受理率100.0%",
            "答复100件，按期办结率95.0%，满意率90.0%",
            "发出督办单9件，已书面回复8件。采纳或部分采纳人民建议3件。",
            "“城乡建设”（41件），交由办理事项最多的单位是东城区住房和城乡建设局（38件）。",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
        let quiet = summary(Summary {
            year: 2025,
            through: None,
            scope: "东城区信访局",
            t: &Tally::default(),
            top_category: None,
            top_unit: None,
        });
        assert!(
            quiet.starts_with("2025年，东城区信访局及下级单位共收到信访事项0件。"),
            "{quiet}"
        );
        assert!(
            !quiet.contains('—') && !quiet.contains("率"),
            "no share of nothing: {quiet}"
        );
    }
}
