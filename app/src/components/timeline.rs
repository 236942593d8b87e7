//! The petition's statutory due dates and its public history, as the petitioner sees them.

use leptos::prelude::*;
use shared::petition::{DeadlineView, TimelineEntry};

use super::local_time;

/// Each due date with its legal basis and how it was counted.
#[component]
pub fn DeadlineList(deadlines: Vec<DeadlineView>) -> impl IntoView {
    let items = deadlines
        .into_iter()
        .map(|d| {
            // A period whose step is taken is kept for the record, muted, without its
            // counting: what still runs is what the reader needs.
            let done = d.done;
            view! {
                <li class="deadline" class:done=done>
                    <p><strong>{d.label}</strong>"：" <time datetime=d.due.to_string()>{d.due.to_string()}</time>"前"
                        {done.then(|| view! { " " <span class="tag">"已完成"</span> })}</p>
                    <p class="basis">{d.basis}</p>
                    {(!done).then(|| view! { <p class="explain">{d.explanation}</p> })}
                    {d.warning.map(|w| view! { <p class="warning" role="note">"⚠ "{w}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="deadlines-h">
            <h2 id="deadlines-h">"法定期限"</h2>
            <ul class="deadlines">{items}</ul>
        </section>
    }
}

/// 办理过程: every public step, oldest first.
#[component]
pub fn PetitionTimeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|e| {
            view! {
                <li>
                    <time datetime=e.at.to_rfc3339()>{local_time(e.at)}</time>
                    <p class="step">{e.title}</p>
                    {e.detail.map(|d| view! { <p class="detail">{d}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">"办理过程"</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}
