//! 信访处理意见书 as the petitioner reads it (facts, reasons, decision and basis), with the
//! petitioner's answers to it: the rating and the request for 复查.

use leptos::prelude::*;
use shared::petition::{PetitionView, Rating, ReplyView};

use crate::api::{Rate, RequestReview};
use crate::components::notice::{ErrorSummary, posted_error};

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

/// 答复: the published replies, the rating form once one is due, and the review request
/// while its window is open: on the petitioner's own page, and on the look-up page once a
/// texted code proved the petitioner (the same forms post to the same functions).
#[component]
pub fn Replies(
    p: PetitionView,
    rate: ServerAction<Rate>,
    review: ServerAction<RequestReview>,
) -> impl IntoView {
    if p.replies.is_empty() {
        return None;
    }
    let number = p.progress.number.to_string();
    let rate_error = posted_error::<Rate>();
    let review_error = posted_error::<RequestReview>();
    let replies = view! { <ReplyArticles replies=p.replies.clone() /> };
    let ratings = Rating::ALL
        .iter()
        .map(|r| {
            let id = format!("f-rating-{}", r.code());
            let label_for = id.clone();
            view! {
                <label for=label_for class="choice">
                    <input type="radio" id=id name="rating" value=r.code() required=true />
                    {r.label()}
                </label>
            }
        })
        .collect_view();
    let rated = p
        .rating
        .map(|r| view! { <p>{format!("您的评价：{}", r.label())}</p> });
    let review_number = number.clone();
    let window = p.review_due.clone();
    Some(view! {
        <section aria-labelledby="reply-h">
            <h2 id="reply-h">"答复"</h2>
            {replies}
            {rated}
            {p.can_rate.then(|| view! {
                <ErrorSummary error=rate_error />
                <ActionForm action=rate attr:class="form">
                    <input type="hidden" name="number" value=number.clone() />
                    <fieldset>
                        <legend>"您对答复是否满意？"</legend>
                        {ratings}
                    </fieldset>
                    <div class="field">
                        <label for="f-comment">"评价意见（选填）"</label>
                        <textarea id="f-comment" name="comment" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button primary">"提交评价"</button>
                </ActionForm>
            })}
            {p.can_request_review.then(|| view! {
                <ErrorSummary error=review_error />
                <ActionForm action=review attr:class="form">
                    <input type="hidden" name="number" value=review_number.clone() />
                    <p>{window.map(|w| format!("不服答复的，可在{}前申请复查（复核），由上一级机关办理。", w.due))}</p>
                    <div class="field">
                        <label for="f-review">"申请理由"</label>
                        <textarea id="f-review" name="reason" rows="3" required=true></textarea>
                    </div>
                    <button type="submit" class="button">"申请复查"</button>
                </ActionForm>
            })}
        </section>
    })
}
