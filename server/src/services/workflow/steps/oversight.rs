//! The steps around the handling rather than of it: 督办 and its written answer, 协办 and
//! the co-handler's opinion, and 回避. None of them moves the petition's state.

use chrono::NaiveDate;
use shared::clock::Clock;
use shared::ids::{NoticeId, UnitId};
use shared::petition::Reason;

use super::{Ctx, target_unit, text};
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::firewall;
use crate::services::workflow::record::{Event, Step, Write};

/// 督办: a notice to the unit holding the matter, answered in writing by a due date.
pub(super) fn supervise(ctx: &Ctx<'_>, s: &mut Step, body: &str) -> AppResult<()> {
    let body = text("body", Reason::parse(body))?;
    let Some(unit) = s.work.unit_id else {
        return Err(AppError::Conflict(
            "该信访事项没有承办单位，无需督办。".into(),
        ));
    };
    if firewall::barred(ctx.org, ctx.next.kind, &s.work, unit) {
        return Err(AppError::Conflict(firewall::TO_ACCUSED.into()));
    }
    let state = ctx.state;
    let due = shared::clock::due_date(
        &state.calendar.get(),
        ctx.today,
        state.settings.clocks.rule(Clock::Supervision),
    )
    .due;
    s.events.push(Event::public(
        "supervised",
        "督办",
        "上级机关已对您的信访事项进行督办。",
    ));
    s.notices.push(Notice::new(
        Notify::Supervised,
        Recipient::Unit(unit),
        &[("number", ctx.row.number.to_string())],
    ));
    s.writes.push(Write::Notice {
        unit_id: unit,
        body: body.into_inner(),
        answer_due: due.to_string(),
    });
    s.audit_detail = Some(format!("unit={unit}"));
    Ok(())
}

/// The handling unit's written answer to a supervision notice.
pub(super) fn answer(s: &mut Step, notice_id: NoticeId, answer: &str) -> AppResult<()> {
    let answer = text("answer", Reason::parse(answer))?;
    s.events.push(Event::internal(
        "supervision_answered",
        "书面答复督办",
        None,
    ));
    s.writes.push(Write::AnswerNotice {
        id: notice_id,
        answer: answer.into_inner(),
    });
    s.audit_detail = Some(format!("notice={notice_id}"));
    Ok(())
}

/// 商请协办: another unit helps, by a date no later than the handling deadline.
pub(super) fn add_co_handler(
    ctx: &Ctx<'_>,
    s: &mut Step,
    unit: UnitId,
    due: NaiveDate,
) -> AppResult<()> {
    let name = target_unit(ctx, unit)?;
    if Some(unit) == s.work.unit_id {
        return Err(AppError::field("unit_id", "主办单位不必再列为协办单位"));
    }
    if due <= ctx.today {
        return Err(AppError::field("due", "协办期限必须晚于今天"));
    }
    if let Some(main) = s
        .work
        .due_on
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok())
        && due > main
    {
        return Err(AppError::field(
            "due",
            format!("协办期限不能晚于办理期限（{main}）"),
        ));
    }
    s.events.push(Event::public(
        "co_handler",
        "商请协办",
        format!("承办单位已商请{name}协助办理。"),
    ));
    s.writes.push(Write::CoHandler {
        unit_id: unit,
        due_on: due.to_string(),
    });
    s.audit_detail = Some(format!("unit={unit}"));
    Ok(())
}

/// The co-handling unit's opinion.
pub(super) fn co_opinion(ctx: &Ctx<'_>, s: &mut Step, opinion: &str) -> AppResult<()> {
    let opinion = text("opinion", Reason::parse(opinion))?;
    s.events.push(Event::internal(
        "co_opinion",
        format!("{}提出协办意见", ctx.org.name(ctx.actor_unit)),
        None,
    ));
    s.writes.push(Write::CoOpinion(opinion.into_inner()));
    Ok(())
}

/// 回避: a staff member steps aside from the case.
pub(super) fn recuse(s: &mut Step, reason: &str) -> AppResult<()> {
    let reason = text("reason", Reason::parse(reason))?;
    s.events
        .push(Event::internal("recused", "工作人员申请回避", None));
    s.writes.push(Write::Recusal(reason.into_inner()));
    Ok(())
}

/// 指定承办人: one of the holding unit's handlers or heads, still able to work; a change of
/// person is on the staff timeline and in the audit trail (who had it, who has it now).
pub(super) async fn assign_handler(
    ctx: &Ctx<'_>,
    s: &mut Step,
    staff: shared::ids::StaffId,
) -> AppResult<()> {
    let person = crate::db::staff::by_id(&ctx.state.db.pool, staff.0).await?;
    let Some(person) = person.filter(|p| {
        p.unit_id == ctx.row.work.unit_id.map(|u| u.0)
            && !p.disabled
            && shared::staff::Role::parse_list(&p.roles).iter().any(|r| {
                matches!(
                    r,
                    shared::staff::Role::Handler | shared::staff::Role::UnitHead
                )
            })
    }) else {
        return Err(AppError::field(
            "staff_id",
            "请选择本单位的一名承办人或负责人",
        ));
    };
    if crate::db::work::is_recused(&ctx.state.db.pool, ctx.row.id, staff.0).await? {
        return Err(AppError::field(
            "staff_id",
            format!("{}已申请回避，不能承办本件", person.display_name),
        ));
    }
    if s.work.assignee == Some(staff) {
        return Err(AppError::Conflict(format!(
            "该事项已由{}承办。",
            person.display_name
        )));
    }
    let before = s.work.assignee.map_or(0, |p| p.0);
    s.work.assignee = Some(staff);
    s.events.push(Event::internal(
        "assignee",
        format!("指定承办人：{}", person.display_name),
        None,
    ));
    s.audit_detail = Some(format!("assignee={before}->{staff}"));
    Ok(())
}
