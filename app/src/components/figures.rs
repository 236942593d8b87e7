//! Tables of figures and counts, read the same on the public statistics and the staff's
//! reports: every figure with the counts it is the share of, and 收件量 by one breakdown.

use leptos::prelude::*;
use shared::figures::{Figure, Tally};
use shared::statistics::Share;

/// Every figure of a period, with the two counts it is the share of.
pub fn figures(t: &Tally) -> AnyView {
    let rows = Figure::ALL
        .iter()
        .map(|f| {
            let r = f.of(t);
            view! {
                <tr>
                    <th scope="row"><a href=format!("/statistics/method#figure-{}", f.code())>{f.name()}</a></th>
                    <td class="num">{r.percent()}</td>
                    <td class="num">{format!("{} / {}", r.numerator, r.denominator)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="stats">
            <caption>"主要指标"</caption>
            <thead><tr><th scope="col">"指标"</th><th scope="col" class="num">"数值"</th><th scope="col" class="num">"计数"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

pub fn shares(title: &'static str, items: &[Share]) -> AnyView {
    let rows = items
        .iter()
        .map(|s| view! { <tr><th scope="row">{s.label.clone()}</th><td class="num">{s.count}</td></tr> })
        .collect_view();
    view! {
        <table class="stats">
            <caption>{format!("{title}（收件量）")}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
