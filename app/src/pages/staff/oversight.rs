//! 督查看板: the live 漏排/超期/督办 picture across the staff member's unit and the units
//! below it, a line per unit, the worst first; a unit with units below opens its own
//! picture. Phone first: on a narrow screen each line is a card.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::statistics::{LiveCounts, OversightRow, OversightView};

use super::staff_report;
use crate::api::staff_oversight;
use crate::error::UiError;

#[component]
pub fn OversightPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("unit"), staff_oversight);
    staff_report("督查看板", "督查看板", data, page, refused)
}

/// A unit out of the reader's reach says so, with the way back to their own.
fn refused(e: UiError) -> AnyView {
    view! {
        <p class="notice error" role="alert">
            {e.0.field("unit").map_or_else(|| e.0.message.clone(), str::to_owned)}
        </p>
        <p><a href="/staff/oversight">"回到本单位"</a></p>
    }
    .into_any()
}

fn page(v: OversightView) -> AnyView {
    let crumbs = (v.path.len() > 1).then(|| {
        let links = v
            .path
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let sep = if i == 0 { "" } else { " › " };
                if u.id == v.scope.id {
                    view! { {sep}<span aria-current="page">{u.name.clone()}</span> }.into_any()
                } else {
                    view! { {sep}<a href=link(u.id.0)>{u.name.clone()}</a> }.into_any()
                }
            })
            .collect_view();
        view! { <nav class="crumbs" aria-label="所在层级">{links}</nav> }
    });
    let t = v.total;
    // Units with nothing to flag today: one line, not a line each (a city has dozens).
    let (busy, quiet): (Vec<&OversightRow>, Vec<&OversightRow>) = v
        .rows
        .iter()
        .partition(|r| r.counts != LiveCounts::default());
    let rows = busy.iter().map(|r| row(r)).collect_view();
    let quiet = (!quiet.is_empty()).then(|| {
        let names = quiet
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let sep = if i == 0 { "" } else { "、" };
                view! { {sep}{unit_name(r)} }
            })
            .collect_view();
        view! { <p class="hint">"今天没有逾期、临期或未回复督办的："{names}"。"</p> }
    });
    view! {
        {crumbs}
        <h1>"督查看板"</h1>
        <p class="meta">{format!("{} · 截至{}，实时计数", v.scope.name, v.today)}</p>
        <dl class="live-totals" aria-label="合计">
            <div><dt>"逾期未受理"</dt><dd>{t.unrouted}</dd></div>
            <div><dt>"超期未办结"</dt><dd>{t.overdue}</dd></div>
            <div><dt>"临期"</dt><dd>{t.due_soon}</dd></div>
            <div><dt>"督办未回复"</dt><dd>{t.notices}</dd></div>
        </dl>
        {(t.late() > 0 && v.path.len() == 1).then(|| view! {
            <p><a href="/staff?clock=overdue&sort=due">{format!("在工作台查看全部{}件超期事项", t.late())}</a></p>
        })}
        {(!busy.is_empty()).then(|| view! {
            <h2 id="units-h">"各单位情况"</h2>
            <p class="meta">"超期最多的在前。"</p>
            <div class="table-wrap">
                <table class="stats oversight" aria-labelledby="units-h">
                    <thead><tr>
                        <th scope="col">"单位"</th>
                        <th scope="col" class="num">"逾期未受理"</th>
                        <th scope="col" class="num">"超期未办结"</th>
                        <th scope="col" class="num">"临期"</th>
                        <th scope="col" class="num">"督办未回复"</th>
                        <th scope="col" class="num">"其中逾期"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {quiet}
        <p class="hint">{format!(
            "逾期未受理（漏排）：超过受理期限仍未受理、转送或交办；超期未办结：已受理，办理期限已过仍未答复；临期：今天起{}天内到期；督办未回复：督办单尚未书面回复，其中逾期为已过回复期限。协办事项计入主办单位。",
            v.warn_days
        )}</p>
        <p><a href="/staff/bulletin">"按月统计的漏排率、按期办结率和信访指数：统计通报"</a></p>
    }
    .into_any()
}

/// A unit's line: its name opens the picture of the units below it, if any; a line of one
/// unit's own matters links to them on the queue.
fn row(r: &OversightRow) -> AnyView {
    let c = r.counts;
    let name = unit_name(r);
    let queue = (!r.has_units && r.counts.late() > 0).then(|| {
        let href = format!("/staff?unit={}&clock=overdue&sort=due", r.unit.id.0);
        view! { " "<a href=href class="more">"查看超期事项"</a> }
    });
    let cell = |label: &'static str, n: u64, alarm: bool| {
        let class = if alarm && n > 0 { "num alarm" } else { "num" };
        view! { <td class=class data-label=label>{n}</td> }
    };
    view! {
        <tr>
            <th scope="row">{name}{queue}</th>
            {cell("逾期未受理", c.unrouted, true)}
            {cell("超期未办结", c.overdue, true)}
            {cell("临期", c.due_soon, false)}
            {cell("督办未回复", c.notices, false)}
            {cell("其中逾期", c.notices_late, true)}
        </tr>
    }
    .into_any()
}

/// The unit's name (本级 for the page's own), a link to its picture when units sit below it.
fn unit_name(r: &OversightRow) -> AnyView {
    let name = if r.own {
        format!("{}（本级）", r.unit.name)
    } else {
        r.unit.name.clone()
    };
    if r.has_units {
        view! { <a href=link(r.unit.id.0)>{name}</a> }.into_any()
    } else {
        name.into_any()
    }
}

fn link(unit: i64) -> String {
    format!("/staff/oversight?unit={unit}")
}
