//! 公开统计: a month's figures for the jurisdiction or a unit, its units, the year's trend
//! as a chart drawn by the server with the table beside it; for anyone, without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::figures::Figure;
use shared::statistics::{StatisticsView, month_label};

use crate::api::public_statistics;
use crate::components::figures::{figures, shares};

/// The figures the units' table compares: the ones a monthly 通报 ranks by.
const COMPARED: [Figure; 4] = [
    Figure::TimelyAcceptance,
    Figure::OnTimeAnswer,
    Figure::Satisfaction,
    Figure::SupervisionAnswered,
];

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let view = Resource::new(
        move || (get("month"), get("unit")),
        |(month, unit)| public_statistics(month, unit),
    );
    view! {
        <Title text="公开统计" />
        <h1>"公开统计"</h1>
        <p>"各级信访部门和有关单位每月的收件、受理、办理和评价情况，按"<a href="/statistics/method">"统计口径"</a>"计算，每件信访事项办理时即时计入。"</p>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(v) => page(v).into_any(),
                    Err(e) => view! {
                        <p class="notice error" role="alert">{e.0.message}</p>
                        <p><a href="/statistics">"查看全辖区本月统计"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn page(v: StatisticsView) -> impl IntoView {
    let scope = v
        .path
        .last()
        .map_or_else(|| "全辖区".to_owned(), |u| u.name.clone());
    let unit = v.path.last().map(|u| u.id.0.to_string());
    let crumbs = (!v.path.is_empty()).then(|| {
        let links = v
            .path
            .iter()
            .map(|u| view! { " › " <a href=link(&v.month, Some(u.id.0))>{u.name.clone()}</a> })
            .collect_view();
        view! { <nav class="crumbs" aria-label="所在层级"><a href=link(&v.month, None)>"全辖区"</a>{links}</nav> }
    });
    let months = v
        .months
        .iter()
        .map(|m| view! { <option value=m.clone() selected=*m == v.month>{month_label(m)}</option> })
        .collect_view();
    let t = v.tally;
    view! {
        {crumbs}
        <form method="get" action="/statistics" class="filters">
            <label>"月份 "<select name="month">{months}</select></label>
            {unit.map(|u| view! { <input type="hidden" name="unit" value=u /> })}
            <button type="submit">"查看"</button>
        </form>
        {v.reception.clone().map(|r| view! {
            <dl class="reception card" aria-label="接待信息">
                <dt>"接待地址"</dt><dd>{r.address}</dd>
                <dt>"接待时间"</dt><dd>{r.hours}</dd>
                <dt>"咨询电话"</dt><dd>{r.phone}</dd>
            </dl>
        })}
        <h2>{format!("{scope} · {}", month_label(&v.month))}</h2>
        <p class="lead">{format!("收件{}件，其中网上信访{}件；作出受理决定{}件，答复{}件。", t.received, t.online, t.decided, t.answered)}</p>
        {figures(&t)}
        <section aria-labelledby="trend-h">
            <h2 id="trend-h">"近12个月收件量"</h2>
            <div class="chart-box" inner_html=v.chart.clone()></div>
            {trend_table(&v)}
        </section>
        {units(&v)}
        <div class="shares">
            {shares("来源渠道", &v.channels)}
            {shares("信访类型", &v.kinds)}
            {shares("问题类别", &v.categories)}
        </div>
    }
}

fn trend_table(v: &StatisticsView) -> AnyView {
    let rows = v
        .trend
        .iter()
        .rev()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{month_label(&m.month)}</th>
                    <td class="num">{m.tally.received}</td>
                    <td class="num">{Figure::OnTimeAnswer.of(&m.tally).percent()}</td>
                    <td class="num">{Figure::Satisfaction.of(&m.tally).percent()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="stats">
            <caption>"月度收件量与办理情况"</caption>
            <thead><tr><th scope="col">"月份"</th><th scope="col" class="num">"收件量"</th><th scope="col" class="num">"按期办结率"</th><th scope="col" class="num">"满意率"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The units below the one looked at: each row sums the unit and the units below it.
fn units(v: &StatisticsView) -> AnyView {
    if v.units.is_empty() {
        return view! { <p>"本月尚无单位收件或办理。"</p> }.into_any();
    }
    let heads = COMPARED
        .iter()
        .map(|f| view! { <th scope="col" class="num">{f.name()}</th> })
        .collect_view();
    let rows = v
        .units
        .iter()
        .map(|u| {
            let name = if u.has_units {
                view! { <a href=link(&v.month, Some(u.unit.id.0))>{u.unit.name.clone()}</a> }
                    .into_any()
            } else {
                u.unit.name.clone().into_any()
            };
            let cells = COMPARED
                .iter()
                .map(|f| view! { <td class="num">{f.of(&u.tally).percent()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{u.tally.received}</td>
                    <td class="num">{u.tally.answered}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="各单位（含下级单位）">
            <table class="stats">
                <caption>"各单位（含下级单位）"</caption>
                <thead><tr><th scope="col">"单位"</th><th scope="col" class="num">"收件量"</th><th scope="col" class="num">"答复"</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn link(month: &str, unit: Option<i64>) -> String {
    match unit {
        Some(u) => format!("/statistics?month={month}&unit={u}"),
        None => format!("/statistics?month={month}"),
    }
}
