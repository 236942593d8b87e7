//! 统计通报: the 信访指数 of the staff member's unit and the units below it, ranked, with the
//! month before, the biggest movers and the month's red flags; the 通报 to download as a
//! spreadsheet. Phone first: a leader reads it between meetings.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::figures::Figure;
use shared::statistics::{BulletinRow, BulletinView, OverdueList, month_label};

use super::{refusal, staff_report};
use crate::api::staff_bulletin;

/// The figures of the detailed table, after the index.
const SHOWN: [Figure; 5] = [
    Figure::TimelyAcceptance,
    Figure::OnTimeAnswer,
    Figure::Satisfaction,
    Figure::Unrouted,
    Figure::SupervisionAnswered,
];

#[component]
pub fn BulletinPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("month"), staff_bulletin);
    staff_report("统计通报", "统计通报", data, page, refusal)
}

fn page(v: BulletinView) -> AnyView {
    let months = v
        .months
        .iter()
        .map(|m| view! { <option value=m.clone() selected=*m == v.month>{month_label(m)}</option> })
        .collect_view();
    let download = |ext: &str| format!("/api/v1/staff/bulletin.{ext}?month={}", v.month);
    let mut movers: Vec<&BulletinRow> = v
        .rows
        .iter()
        .filter(|r| r.index.is_some() && r.previous.is_some())
        .collect();
    movers.sort_by_key(|r| std::cmp::Reverse(change(r.index, r.previous).unsigned_abs()));
    let movers: Vec<String> = movers
        .into_iter()
        .take(3)
        .filter(|r| change(r.index, r.previous) != 0)
        .map(|r| format!("{} {}", name(r), trend(r.index, r.previous)))
        .collect();
    let movers = if movers.is_empty() {
        view! { <p class="meta">"与上月相比，各单位指数没有变化或上月无可比数据。"</p> }.into_any()
    } else {
        let items = movers
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view();
        view! { <ul class="movers">{items}</ul> }.into_any()
    };
    let cards = v
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(card)
        .collect_view();
    // Units with nothing counted this month: one line, not a card each.
    let quiet: Vec<String> = v
        .rows
        .iter()
        .filter(|r| r.rank.is_none())
        .map(name)
        .collect();
    view! {
        <h1>"统计通报"</h1>
        <form method="get" action="/staff/bulletin" class="filters">
            <label>"月份 "<select name="month">{months}</select></label>
            <button type="submit" class="button">"查看"</button>
        </form>
        <section class="index-card" aria-labelledby="index-h">
            <h2 id="index-h">{format!("{} · {}信访指数", v.scope.name, month_label(&v.month))}</h2>
            <p class="index-value">{score(v.index)}</p>
            <p class="meta">{trend(v.index, v.previous)}{format!(" · 收件{}件，答复{}件", v.tally.received, v.tally.answered)}</p>
        </section>
        <section aria-labelledby="movers-h">
            <h2 id="movers-h">"变化最大"</h2>
            {movers}
        </section>
        <section aria-labelledby="rank-h">
            <h2 id="rank-h">"排名"</h2>
            <ol class="cards ranking">{cards}</ol>
            {(!quiet.is_empty()).then(|| view! { <p class="meta">{format!("本月尚无计数：{}", quiet.join("、"))}</p> })}
        </section>
        {v.overdue.as_ref().map(overdue)}
        {detail(&v)}
        <p class="downloads">
            <a href=download("xlsx") class="button" download="">"下载通报（Excel）"</a>
            " "
            <a href=download("csv") class="button" download="">"下载通报（CSV）"</a>
        </p>
        <p><a href="/staff/annual">"年度信访工作情况报告（条例第四十一条）"</a></p>
        <p class="meta">{v.method.clone()}" "<a href="/statistics/method">"统计口径"</a></p>
    }
    .into_any()
}

fn card(r: &BulletinRow) -> AnyView {
    let flags = r
        .flags
        .iter()
        .map(|f| view! { <span class="flag">{f.clone()}</span> })
        .collect_view();
    view! {
        <li class="card">
            <p class="title">
                {r.rank.map(|n| format!("第{n}名 ")).unwrap_or_default()}{name(r)}
                <span class="index-chip">{score(r.index)}</span>
            </p>
            <p class="meta">{trend(r.index, r.previous)}</p>
            {(!r.flags.is_empty()).then(|| view! { <p class="flags">{flags}</p> })}
        </li>
    }
    .into_any()
}

/// 超期未办结 today, the longest overdue first, each linked to its case; the queue's 超期
/// filter has them all.
fn overdue(o: &OverdueList) -> AnyView {
    let today = o.today;
    let items = o
        .oldest
        .iter()
        .map(|i| {
            let late = i
                .due_on
                .map(|d| format!("超期{}天", (today - d).num_days()))
                .unwrap_or_default();
            view! {
                <li class="card">
                    <p class="title"><a href=format!("/staff/petitions/{}", i.number)>{i.title.clone()}</a></p>
                    <p class="meta">
                        <span class="mono">{i.number.to_string()}</span>
                        {format!(" · {} · {}", i.category, i.status_label)}
                        " "<span class="flag">{late}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    let summary = if o.oldest.is_empty() {
        "今天没有超期未办结的信访事项。"
    } else {
        "今天超期未办结的事项，超期最久的在前："
    };
    view! {
        <section aria-labelledby="overdue-h">
            <h2 id="overdue-h">"超期未办结"</h2>
            <p class="meta">{summary}</p>
            {(!o.oldest.is_empty()).then(|| view! { <ol class="cards">{items}</ol> })}
            {o.more.then(|| view! {
                <p><a href="/staff?clock=overdue&sort=due">"在工作台查看全部超期事项"</a></p>
            })}
        </section>
    }
    .into_any()
}

/// Every unit's figures, for a laptop; scrolls sideways on a phone.
fn detail(v: &BulletinView) -> AnyView {
    let heads = SHOWN
        .iter()
        .map(|f| view! { <th scope="col">{f.name()}</th> })
        .collect_view();
    let rows = v
        .rows
        .iter()
        .map(|r| {
            let cells = SHOWN
                .iter()
                .map(|f| view! { <td class="num">{f.of(&r.tally).percent()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name(r)}</th>
                    <td class="num">{score(r.index)}</td>
                    <td class="num">{r.tally.received}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="各单位指标">
            <table class="stats">
                <caption>"各单位指标"</caption>
                <thead><tr><th scope="col">"单位"</th><th scope="col">"指数"</th><th scope="col">"收件量"</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn name(r: &BulletinRow) -> String {
    if r.own {
        format!("{}（本级）", r.unit.name)
    } else {
        r.unit.name.clone()
    }
}

fn score(index: Option<u32>) -> String {
    index.map_or_else(|| "—".to_owned(), |i| i.to_string())
}

fn change(now: Option<u32>, before: Option<u32>) -> i64 {
    match (now, before) {
        (Some(a), Some(b)) => i64::from(a) - i64::from(b),
        _ => 0,
    }
}

/// "比上月 ↑3", "比上月持平", or nothing to compare with.
fn trend(now: Option<u32>, before: Option<u32>) -> String {
    match (now, before) {
        (Some(_), Some(_)) => match change(now, before) {
            0 => "比上月持平".to_owned(),
            d if d > 0 => format!("比上月 ↑{d}"),
            d => format!("比上月 ↓{}", -d),
        },
        (Some(_), None) => "上月无可比数据".to_owned(),
        (None, _) => "本月尚无计数".to_owned(),
    }
}
