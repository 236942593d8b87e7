//! 年度信访工作情况报告 (条例 art. 41): the year of the staff member's unit and the units
//! below it, as the head reports it to the Party committee and government: the year in a
//! paragraph, its figures, its months, the units, the units given the most matters and
//! 收件量 by field; to download as a spreadsheet.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::figures::{Figure, Tally};
use shared::statistics::{
    ANNUAL_COUNTS, AnnualView, CountColumn, ROUTED_COUNTS, UnitTally, month_label,
};

use super::{refusal, staff_report};
use crate::api::staff_annual;
use crate::components::figures::{figures, shares};

#[component]
pub fn AnnualPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("year"), staff_annual);
    staff_report("年度报告", "年度信访工作情况报告", data, page, refusal)
}

fn page(v: AnnualView) -> AnyView {
    let years = v
        .years
        .iter()
        .map(|y| view! { <option value=y.to_string() selected=*y == v.year>{format!("{y}年")}</option> })
        .collect_view();
    let download = |ext: &str| format!("/api/v1/staff/annual.{ext}?year={}", v.year);
    view! {
        <h1>"年度信访工作情况报告"</h1>
        <form method="get" action="/staff/annual" class="filters">
            <label>"年度 "<select name="year">{years}</select></label>
            <button type="submit" class="button">"查看"</button>
        </form>
        <section aria-labelledby="summary-h">
            <h2 id="summary-h">{format!("{} · {}年", v.scope.name, v.year)}</h2>
            <p class="meta">{format!("统计至{}，含下级单位。依据《信访工作条例》第四十一条。", month_label(&v.through))}</p>
            <p class="lead">{v.summary.clone()}</p>
            <p class="downloads">
                <a href=download("xlsx") class="button" download="">"下载报告（Excel）"</a>
                " "
                <a href=download("csv") class="button" download="">"下载报告（CSV）"</a>
            </p>
        </section>
        {counts(&v.tally)}
        {figures(&v.tally)}
        <section aria-labelledby="months-h">
            <h2 id="months-h">"各月收件量"</h2>
            <div class="chart-box" inner_html=v.chart.clone()></div>
            {months(&v)}
        </section>
        <section aria-labelledby="most-h">
            <h2 id="most-h">"反映集中的单位"</h2>
            <p class="meta">"交由办理（受理、转送或交办给该单位）事项最多的单位。"</p>
            {most_routed(&v.most_routed)}
        </section>
        <section aria-labelledby="units-h">
            <h2 id="units-h">"本级及下级单位"</h2>
            {units(&v.units)}
        </section>
        <section aria-labelledby="fields-h">
            <h2 id="fields-h">"按领域和类型的收件量"</h2>
            <div class="shares">
                {shares("问题类别", &v.categories)}
                {shares("信访类型", &v.kinds)}
                {shares("来源渠道", &v.channels)}
            </div>
        </section>
        <p class="meta">
            <a href="/staff/bulletin">"月度统计通报"</a>" · "<a href="/statistics/method">"统计口径"</a>
        </p>
    }
    .into_any()
}

/// The year's counts: what the report states in numbers.
fn counts(t: &Tally) -> AnyView {
    let rows = ANNUAL_COUNTS
        .iter()
        .map(|(name, count)| view! { <tr><th scope="row">{*name}</th><td class="num">{count(t)}</td></tr> })
        .collect_view();
    view! {
        <table class="stats">
            <caption>"全年件数"</caption>
            <thead><tr><th scope="col">"项目"</th><th scope="col" class="num">"件数"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn months(v: &AnnualView) -> AnyView {
    let rows = v
        .months
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{month_label(&m.month)}</th>
                    {count_cells(&m.tally, &ANNUAL_COUNTS)}
                </tr>
            }
        })
        .collect_view();
    table("各月件数", &["月份"], &ANNUAL_COUNTS, &[], rows.into_any())
}

fn units(list: &[UnitTally]) -> AnyView {
    let rows = list
        .iter()
        .map(|u| {
            view! {
                <tr>
                    <th scope="row">{u.unit.name.clone()}</th>
                    {count_cells(&u.tally, &ANNUAL_COUNTS)}
                    {figure_cells(&u.tally)}
                </tr>
            }
        })
        .collect_view();
    table(
        "各单位（含下级单位）",
        &["单位"],
        &ANNUAL_COUNTS,
        &FIGURES,
        rows.into_any(),
    )
}

/// Ranked by the matters given to each unit, that count first.
fn most_routed(list: &[UnitTally]) -> AnyView {
    if list.is_empty() {
        return view! { <p>"本年度尚无交由各单位办理的事项。"</p> }.into_any();
    }
    let rows = list
        .iter()
        .enumerate()
        .map(|(i, u)| {
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <th scope="row">{u.unit.name.clone()}</th>
                    {count_cells(&u.tally, &ROUTED_COUNTS)}
                    {figure_cells(&u.tally)}
                </tr>
            }
        })
        .collect_view();
    table(
        "交由办理事项最多的单位",
        &["排名", "单位"],
        &ROUTED_COUNTS,
        &FIGURES,
        rows.into_any(),
    )
}

/// The figures beside a unit's counts.
const FIGURES: [Figure; 2] = [Figure::OnTimeAnswer, Figure::Satisfaction];

fn count_cells(t: &Tally, columns: &[CountColumn]) -> impl IntoView + use<> {
    columns
        .iter()
        .map(|(_, count)| view! { <td class="num">{count(t)}</td> })
        .collect_view()
}

fn figure_cells(t: &Tally) -> impl IntoView + use<> {
    FIGURES
        .iter()
        .map(|f| view! { <td class="num">{f.of(t).percent()}</td> })
        .collect_view()
}

/// A wide table of counts, scrolling sideways in its labelled region on a phone.
fn table(
    caption: &'static str,
    first: &[&'static str],
    columns: &[CountColumn],
    figures: &[Figure],
    rows: AnyView,
) -> AnyView {
    let first = first
        .iter()
        .map(|h| view! { <th scope="col">{*h}</th> })
        .collect_view();
    let heads = columns
        .iter()
        .map(|(name, _)| view! { <th scope="col" class="num">{*name}</th> })
        .collect_view();
    let figure_heads = figures
        .iter()
        .map(|f| view! { <th scope="col" class="num">{f.name()}</th> })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
            <table class="stats">
                <caption>{caption}</caption>
                <thead><tr>{first}{heads}{figure_heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
