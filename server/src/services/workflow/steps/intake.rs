//! The bureau's triage of a new petition (art. 21-22): accept it here, forward (转送) or
//! assign (交办) it to the unit with power, refuse it with a notice, link a repeat, mark a
//! group matter. The accused unit of an accusation is settled in `accused`.

use chrono::NaiveDate;
use shared::clock::Clock;
use shared::ids::UnitId;
use shared::petition::{NotAcceptReason, PetitionNumber, PetitionStatus, Reason, Round};

use super::{Ctx, arrival, target_unit, tell, text};
use crate::error::{AppError, AppResult};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::record::{Event, Step};
use crate::services::workflow::{clocks, reach};

/// 受理: the bureau handles the matter itself, on the handling clock.
pub(super) fn accept_here(ctx: &Ctx<'_>, s: &mut Step) {
    let w = &mut s.work;
    w.unit_id = Some(ctx.actor_unit);
    clocks::start(ctx.state, w, Some(Clock::Handling), ctx.today);
    let unit = ctx.org.name(ctx.actor_unit);
    let due = w.due_on.clone().unwrap_or_default();
    s.notices.push(tell(
        ctx,
        Notify::Accepted,
        &[("unit", unit.clone()), ("due", due.clone())],
    ));
    s.events.push(Event::public(
        "accepted",
        "已受理",
        format!("{unit}受理了您的信访事项并直接办理，将在{due}前作出书面答复。"),
    ));
}

/// 转送, or with a deadline 交办: the unit has five working days to object (art. 23).
pub(super) fn forward(
    ctx: &Ctx<'_>,
    s: &mut Step,
    unit: UnitId,
    assigned: Option<NaiveDate>,
) -> AppResult<()> {
    let name = target_unit(ctx, unit)?;
    if let Some(due) = assigned {
        let state = ctx.state;
        let limit = shared::clock::due_date(
            &state.calendar.get(),
            ctx.today,
            state.settings.clocks.rule(Clock::Handling),
        )
        .due;
        if due <= ctx.today {
            return Err(AppError::field("due", "交办期限必须晚于今天"));
        }
        if due > limit {
            return Err(AppError::field(
                "due",
                format!("交办期限不能超过法定办理期限（{limit}）"),
            ));
        }
    }
    let w = &mut s.work;
    w.unit_id = Some(unit);
    w.forwarded_by = Some(ctx.actor_unit);
    w.assigned_due = assigned.map(|d| d.to_string());
    clocks::start(ctx.state, w, Some(Clock::Objection), ctx.today);
    clocks::start_notice(ctx.state, w, ctx.today);
    let (kind, title, detail) = match assigned {
        None => (
            "forwarded",
            "已转送",
            format!("您的信访事项已转送{name}办理。"),
        ),
        Some(due) => (
            "assigned",
            "已交办",
            format!("您的信访事项已交办{name}办理，办理期限至{due}，办理结果须报告交办机关。"),
        ),
    };
    s.events.push(Event::public(kind, title, detail));
    s.notices
        .push(tell(ctx, Notify::Forwarded, &[("unit", name)]));
    s.notices.extend(arrival(ctx, unit));
    s.audit_detail = Some(format!("unit={unit}"));
    Ok(())
}

/// 不予受理: a written notice with its legal basis and where to turn instead.
pub(super) fn not_accept(
    ctx: &Ctx<'_>,
    s: &mut Step,
    reason: NotAcceptReason,
    guidance: &str,
) -> AppResult<()> {
    let guidance = text("guidance", Reason::parse(guidance))?;
    clocks::stop(&mut s.work);
    s.events.push(Event::public(
        "not_accepted",
        "不予受理告知",
        reason.notice(guidance.as_str()),
    ));
    s.notices.push(tell(ctx, Notify::NotAccepted, &[]));
    s.audit_detail = Some(format!("reason={}", reason.code()));
    Ok(())
}

/// Links the petition as a repeat of an earlier one the clerk may see.
pub(super) async fn link_repeat(ctx: &Ctx<'_>, s: &mut Step, earlier: &str) -> AppResult<()> {
    let number = PetitionNumber::parse(earlier)
        .ok_or_else(|| AppError::field("earlier", "请填写正确的信访件编号"))?;
    // Only a petition the clerk may see can be linked: otherwise the answer would tell
    // them that a hidden accusation exists, and how it ended.
    let not_found = || AppError::field("earlier", "没有找到这件较早的信访事项");
    let Some(staff) = ctx.actor_id else {
        return Err(not_found());
    };
    let first = match reach::reach(ctx.state, staff, number.as_str()).await {
        Ok(r) if r.row.id != ctx.row.id => r.row,
        Ok(_) | Err(AppError::NotFound) => return Err(not_found()),
        Err(e) => return Err(e),
    };
    s.work.repeat_of = Some(first.id);
    let final_note = (first.work.round == Round::ReReview
        && matches!(
            first.work.status,
            PetitionStatus::Replied | PetitionStatus::Closed
        ))
    .then(|| "该事项已经复核终结，同一事实和理由不再受理（第三十六条第三款）。".to_owned());
    s.events.push(Event::internal(
        "linked_repeat",
        format!("关联为{}的重复信访件", first.number),
        final_note,
    ));
    s.audit_detail = Some(format!("repeat_of={}", first.id));
    Ok(())
}

/// 集体访: many people with one matter.
pub(super) fn mark_group(s: &mut Step) {
    s.work.group_matter = true;
    s.events
        .push(Event::internal("group_matter", "标记为集体访", None));
}
