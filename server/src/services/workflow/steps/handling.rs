//! Handling a matter to its written answer (art. 32-34): internal notes, hearings that
//! stop the clock, the handler's draft, the unit head's return or approval (答复), and the
//! one extension of up to 30 days.

use shared::petition::{MAX_EXTENSION_DAYS, Reason, ReplyDraft};

use super::{Ctx, tell, text};
use crate::error::{AppError, AppResult};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::clocks;
use crate::services::workflow::record::{Event, Step, Write};

/// An internal note on the case file.
pub(super) fn note(s: &mut Step, body: &str) -> AppResult<()> {
    let body = text("body", Reason::parse(body))?;
    s.writes.push(Write::Note(body.into_inner()));
    Ok(())
}

/// 听证: its days do not count towards the handling period.
pub(super) fn hearing(ctx: &Ctx<'_>, s: &mut Step, days: u32, note: &str) -> AppResult<()> {
    let note = text("note", Reason::parse(note))?;
    if !(1..=90).contains(&days) {
        return Err(AppError::field("days", "听证天数应在1到90之间"));
    }
    s.work.extra_days += i64::from(days);
    clocks::refresh_due(ctx.state, &mut s.work);
    s.events.push(Event::public(
        "hearing",
        "举行听证",
        format!(
            "承办单位就您的信访事项举行听证，听证所用{days}日不计入办理期限，期限相应延至{}。",
            s.work.due_on.clone().unwrap_or_default()
        ),
    ));
    s.writes
        .push(Write::Note(format!("听证{days}日：{}", note.as_str())));
    Ok(())
}

/// The handler's draft reply, waiting for the unit head.
pub(super) fn submit_draft(ctx: &Ctx<'_>, s: &mut Step, draft: ReplyDraft) -> AppResult<()> {
    draft.validate(ctx.next.kind)?;
    s.events
        .push(Event::internal("draft", "提交答复草稿，待负责人审批", None));
    s.writes.push(Write::Draft {
        unit_id: ctx.actor_unit,
        draft,
    });
    Ok(())
}

/// The unit head sends the draft back with a comment.
pub(super) fn return_draft(s: &mut Step, comment: &str) -> AppResult<()> {
    let comment = text("comment", Reason::parse(comment))?;
    s.events
        .push(Event::internal("draft_returned", "答复草稿退回修改", None));
    s.writes.push(Write::DecideDraft {
        state: "returned",
        comment: Some(comment.into_inner()),
    });
    Ok(())
}

/// 答复: the approved draft is published; the window to ask for the next round opens.
pub(super) fn approve(ctx: &Ctx<'_>, s: &mut Step) {
    let round = ctx.next.round;
    clocks::start(
        ctx.state,
        &mut s.work,
        clocks::request_clock(round),
        ctx.today,
    );
    let next_step = match round.next() {
        Some(next) => format!(
            "如不服，可在{}前申请{}。",
            s.work.due_on.clone().unwrap_or_default(),
            next.label()
        ),
        None => "本复核意见为最终处理意见。".to_owned(),
    };
    s.events.push(Event::public(
        "replied",
        format!("{}答复", round.label()),
        format!(
            "{}已作出书面答复（信访处理意见书），请查看答复内容并评价。{next_step}",
            ctx.org.name(ctx.actor_unit)
        ),
    ));
    s.writes.push(Write::DecideDraft {
        state: "approved",
        comment: None,
    });
    s.notices.push(tell(ctx, Notify::Replied, &[]));
}

/// 延期 (art. 34): once, by at most 30 days, with a reason the petitioner is told.
pub(super) fn extend(ctx: &Ctx<'_>, s: &mut Step, days: u32, reason: &str) -> AppResult<()> {
    let reason = text("reason", Reason::parse(reason))?;
    if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
        return Err(AppError::field(
            "days",
            "延长期限不得超过30日（《信访工作条例》第三十四条）",
        ));
    }
    s.work.extra_days += i64::from(days);
    clocks::refresh_due(ctx.state, &mut s.work);
    let due = s.work.due_on.clone().unwrap_or_default();
    s.events.push(Event::public(
        "extended",
        "办理期限延长",
        format!(
            "经负责人批准，办理期限延长{days}日，至{due}。延期理由：{}",
            reason.as_str()
        ),
    ));
    s.notices.push(tell(
        ctx,
        Notify::Extended,
        &[
            ("days", days.to_string()),
            ("due", due),
            ("reason", reason.as_str().to_owned()),
        ],
    ));
    Ok(())
}
