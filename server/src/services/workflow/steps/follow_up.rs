//! 回访: after the reply, staff record what a petitioner said on a follow-up call or visit,
//! on their behalf and marked as such: the rating and, if they wish, the request for 复查
//! (复核) with its reason. This is how a petitioner without an account rates and asks.

use shared::petition::{Action, Rating, RatingComment, Reason};

use super::{Ctx, text};
use crate::error::{AppError, AppResult};
use crate::services::petitions::request_review::{escalate, replied_by};
use crate::services::workflow::record::{Event, Step, Write};

pub(super) async fn record(
    ctx: &Ctx<'_>,
    s: &mut Step,
    rating: Option<Rating>,
    comment: Option<String>,
    review_reason: Option<String>,
) -> AppResult<()> {
    let comment = match comment.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => Some(text("comment", RatingComment::parse(c))?),
    };
    let review_reason = match review_reason.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => Some(text("review_reason", Reason::parse(r))?),
    };
    if rating.is_none() && review_reason.is_none() {
        return Err(AppError::field(
            "rating",
            "请记录信访人的评价，或其复查（复核）申请",
        ));
    }
    let refused = |e: shared::petition::IllegalTransition| AppError::Conflict(e.0.into());
    let mut wf = ctx.row.workflow();
    let unit = ctx.org.name(ctx.actor_unit);
    let mut audit = Vec::new();
    if let Some(rating) = rating {
        wf = wf.apply(Action::Rate(rating)).map_err(refused)?;
        s.work.rating = Some(rating);
        s.writes.push(Write::Rating(rating));
        let mut detail = format!(
            "{unit}回访，信访人对答复的评价：{}（工作人员代为记录）。",
            rating.label()
        );
        if let Some(c) = &comment {
            detail.push_str(&format!("{}{}", Event::COMMENT, c.as_str()));
        }
        s.events.push(Event::public("rated", "回访评价", detail));
        audit.push(format!("rating={}", rating.code()));
    }
    if let Some(reason) = review_reason {
        let next = wf.apply(Action::RequestReview).map_err(refused)?;
        s.work.status = next.status;
        s.work.round = next.round;
        let from = replied_by(ctx.state, ctx.row).await?;
        let (event, notices, above) = escalate(
            ctx.state,
            ctx.org,
            ctx.row,
            from,
            &mut s.work,
            next.round,
            ctx.today,
            &reason,
            true,
        )?;
        s.events.push(event);
        s.notices.extend(notices);
        audit.push(format!("round={} unit={above}", next.round.code()));
    }
    s.audit_detail = Some(audit.join(" "));
    Ok(())
}
