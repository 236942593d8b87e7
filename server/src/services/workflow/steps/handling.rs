//! Handling a matter to its written answer (art. 32-34): internal notes, hearings that
//! stop the clock, the handler's draft, the unit head's return or approval (答复), and the
//! one extension of up to 30 days.

use chrono::NaiveDate;
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

/// 听证: its days do not count towards the period, up to the configured total a round.
pub(super) fn hearing(ctx: &Ctx<'_>, s: &mut Step, days: u32, note: &str) -> AppResult<()> {
    let note = text("note", Reason::parse(note))?;
    let max = i64::from(ctx.state.settings.clocks.hearing_max_days);
    let used = s.work.hearing_days;
    if days == 0 || used + i64::from(days) > max {
        return Err(AppError::field(
            "days",
            format!(
                "听证天数应在1到{}之间：本轮听证累计不得超过{max}日，已用{used}日",
                (max - used).max(1)
            ),
        ));
    }
    s.work.extra_days += i64::from(days);
    s.work.hearing_days += i64::from(days);
    clocks::refresh_due(ctx.state, &mut s.work);
    s.events.push(Event::public(
        "hearing",
        "举行听证",
        format!(
            "承办单位就您的信访事项举行听证，听证所用{days}日不计入期限（本轮累计{}日），期限相应延至{}。",
            s.work.hearing_days,
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

/// 答复: the approved draft is published. The window to ask for the next round runs from
/// the day the petitioner receives it: now for one who filed online, from the recorded
/// delivery (送达) for a letter, visit or call. A re-review answer is final and closes it.
pub(super) fn approve(ctx: &Ctx<'_>, s: &mut Step) {
    let round = ctx.next.round;
    s.work.replied_on = Some(ctx.today.to_string());
    let next_step = match round.next() {
        None => {
            clocks::stop(&mut s.work);
            "本复核意见为最终处理意见，该信访事项办结（《信访工作条例》第三十六条）。".to_owned()
        }
        Some(next) if clocks::delivered_on_paper(ctx.row.channel) => {
            clocks::stop(&mut s.work);
            format!(
                "书面答复将送达您；如不服，可自收到之日起30日内申请{}。",
                next.label()
            )
        }
        Some(next) => {
            clocks::start(
                ctx.state,
                &mut s.work,
                clocks::request_clock(round),
                ctx.today,
            );
            format!(
                "如不服，可在{}前申请{}。",
                s.work.due_on.clone().unwrap_or_default(),
                next.label()
            )
        }
    };
    s.events.push(Event::public(
        "replied",
        format!("{}答复", round.label()),
        format!(
            "{}已作出书面答复（信访处理意见书），请查看答复内容{}。{next_step}",
            ctx.org.name(ctx.actor_unit),
            if round.next().is_some() {
                "并评价"
            } else {
                ""
            }
        ),
    ));
    s.writes.push(Write::DecideDraft {
        state: "approved",
        comment: None,
    });
    s.notices.push(tell(ctx, Notify::Replied, &[]));
}

/// 送达: the written reply reached a petitioner on paper on `delivered_on`; their window
/// to ask for the next round runs from that day (art. 35, 36).
pub(super) fn record_delivery(
    ctx: &Ctx<'_>,
    s: &mut Step,
    delivered_on: NaiveDate,
) -> AppResult<()> {
    if !clocks::awaits_delivery(ctx.row) {
        return Err(AppError::Conflict(
            "该答复无须登记送达，或送达已经登记。".into(),
        ));
    }
    let replied = s.work.replied_on.as_deref().unwrap_or_default();
    if delivered_on > ctx.today || delivered_on.to_string().as_str() < replied {
        return Err(AppError::field(
            "delivered_on",
            format!("送达日期应在答复日期（{replied}）与今天之间"),
        ));
    }
    let round = ctx.next.round;
    clocks::start(
        ctx.state,
        &mut s.work,
        clocks::request_clock(round),
        delivered_on,
    );
    let due = s.work.due_on.clone().unwrap_or_default();
    let next = round.next().map(|r| r.label()).unwrap_or_default();
    s.events.push(Event::public(
        "delivered",
        "答复已送达",
        format!("书面答复已于{delivered_on}送达。如不服，可在{due}前申请{next}。"),
    ));
    s.audit_detail = Some(format!("delivered_on={delivered_on}"));
    Ok(())
}

/// 延期 (art. 34): once, by at most 30 days, while the handling period still runs, with a
/// reason the petitioner is told. A 交办 deadline moves by as many days.
pub(super) fn extend(ctx: &Ctx<'_>, s: &mut Step, days: u32, reason: &str) -> AppResult<()> {
    let reason = text("reason", Reason::parse(reason))?;
    if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
        return Err(AppError::field(
            "days",
            "延长期限不得超过30日（《信访工作条例》第三十四条）",
        ));
    }
    if let Some(d) = clocks::deadline(ctx.state, &s.work)
        && ctx.today > d.due
    {
        return Err(AppError::Conflict(format!(
            "办理期限已于{}届满，不能再延长；延期须在办理期限内批准（《信访工作条例》第三十四条）。",
            d.due
        )));
    }
    if let Some(assigned) = s.work.assigned_due.as_deref()
        && let Ok(assigned) = NaiveDate::parse_from_str(assigned, "%Y-%m-%d")
        && let Some(moved) = assigned.checked_add_days(chrono::Days::new(days.into()))
    {
        s.work.assigned_due = Some(moved.to_string());
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
