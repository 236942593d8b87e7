//! 信访处理意见书 as the petitioner reads it (facts, reasons, decision and basis), with the
//! petitioner's answers to it: the rating and the request for 复查.

use leptos::prelude::*;
use shared::petition::{DeadlineView, PetitionView, Rating, ReplyView, Round};

use crate::api::{Rate, RequestReview};
use crate::components::local_time;
use crate::components::notice::{ErrorSummary, posted_error};

/// 信访处理意见书 (and 复查、复核意见书) as the petitioner receives it (条例 art. 32,
/// 35, 36): the unit, the number, the request, what was found, the reasons, the decision
/// and its basis, the date and who approved it, and how to take it further, by when.
#[component]
pub fn ReplyLetters(
    number: String,
    request: String,
    replies: Vec<ReplyView>,
    /// The last day to ask for the next round, while it may be asked.
    review_due: Option<DeadlineView>,
) -> impl IntoView {
    let last = replies.len().saturating_sub(1);
    replies
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let title = match r.round {
                Round::First => "信访处理意见书",
                Round::Review => "信访事项复查意见书",
                Round::ReReview => "信访事项复核意见书",
            };
            let due = (i == last)
                .then(|| review_due.clone())
                .flatten()
                .map(|d| format!("（期限至{}）", d.due));
            let rights = match r.round.next() {
                Some(next) => format!(
                    "如对本意见不服，可以自收到本意见书之日起30日内，向{}的上一级机关请求{}{}。（《信访工作条例》第{}条）",
                    r.unit,
                    next.label(),
                    due.unwrap_or_default(),
                    if next == Round::Review { "三十五" } else { "三十六" }
                ),
                None => "本复核意见为最终意见。信访人就同一事实和理由再次提出的，不再受理（《信访工作条例》第三十六条）。".to_owned(),
            };
            // The petitioner's answer to this letter, kept when a later round begins.
            let rated = r
                .rating
                .map(|g| view! { <p class="letter-rating">{format!("您的评价：{}", g.label())}</p> });
            let signed = r.decided_at.map(local_time).unwrap_or_default();
            let signed = signed.split(' ').next().unwrap_or_default().to_owned();
            view! {
                <article class="reply letter" aria-label=title>
                    <header>
                        <p class="letter-unit">{r.unit.clone()}</p>
                        <h3>{title}</h3>
                        <p class="mono">{format!("信访件编号：{number}")}</p>
                    </header>
                    <dl class="letter-body">
                        <dt>"信访请求"</dt><dd class="prose">{request.clone()}</dd>
                        <dt>"查明事实"</dt><dd class="prose">{r.facts}</dd>
                        <dt>"理由"</dt><dd class="prose">{r.reasons}</dd>
                        <dt>"处理意见"</dt><dd><strong>{r.decision_label}</strong></dd>
                        <dt>"依据"</dt><dd class="prose">{r.legal_basis}</dd>
                    </dl>
                    <p class="letter-rights">{rights}</p>
                    <p class="letter-sign">
                        {r.unit}<br />{signed}
                        {r.approved_by.map(|a| view! { <br /><small>{format!("审批人：{a}")}</small> })}
                    </p>
                </article>
                {rated}
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
    let replies = view! {
        <ReplyLetters number=number.clone() request=p.request.clone() replies=p.replies.clone()
            review_due=p.review_due.clone().filter(|_| p.can_request_review) />
    };
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
    let review_number = number.clone();
    let window = p.review_due.clone();
    Some(view! {
        <section aria-labelledby="reply-h">
            <h2 id="reply-h">"答复"</h2>
            {replies}
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
