//! 信访处理意见书 as the petitioner reads it: facts, reasons, decision and basis.

use leptos::prelude::*;
use shared::petition::ReplyView;

#[component]
pub fn ReplyArticles(replies: Vec<ReplyView>) -> impl IntoView {
    replies
        .into_iter()
        .map(|r| {
            view! {
                <article class="reply">
                    <h3>{format!("{}意见书（{}）", r.round_label, r.unit)}</h3>
                    <p><strong>"查明事实："</strong>{r.facts}</p>
                    <p><strong>"理由："</strong>{r.reasons}</p>
                    <p><strong>"处理意见："</strong>{r.decision_label}</p>
                    <p><strong>"依据："</strong>{r.legal_basis}</p>
                </article>
            }
        })
        .collect_view()
}
