//! The receiving unit's answer to a forwarded matter (art. 23): 签收 it on the handling
//! clock, or object within five working days; the forwarding office upholds the objection
//! (指定 another unit) or dismisses it.

use shared::clock::Clock;
use shared::ids::UnitId;

use super::{Ctx, arrival, target_unit, tell, text};
use crate::error::{AppError, AppResult};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::clocks;
use crate::services::workflow::record::{Event, Step};
use shared::petition::Reason;

/// 签收: the unit accepts the matter; the handling clock of the round starts.
pub(super) fn accept(ctx: &Ctx<'_>, s: &mut Step) {
    let clock = clocks::handling_clock(ctx.next.round);
    // Telling the petitioner it is accepted is the written notice of receipt (art. 23).
    clocks::stop_notice(&mut s.work);
    clocks::start(ctx.state, &mut s.work, Some(clock), ctx.today);
    let unit = ctx.org.name(ctx.actor_unit);
    let due = s.work.due_on.clone().unwrap_or_default();
    s.notices.push(tell(
        ctx,
        Notify::Accepted,
        &[("unit", unit.clone()), ("due", due.clone())],
    ));
    s.events.push(Event::public(
        "accepted",
        "已受理",
        format!("{unit}已受理您的信访事项，将在{due}前作出书面答复。"),
    ));
}

/// 异议: only within the objection period.
pub(super) fn object(ctx: &Ctx<'_>, s: &mut Step, reason: &str) -> AppResult<()> {
    let reason = text("reason", Reason::parse(reason))?;
    if s.work.clock == Some(Clock::Objection)
        && let Some(d) = clocks::deadline(ctx.state, &s.work)
        && ctx.today > d.due
    {
        return Err(AppError::Conflict(format!(
            "异议应在收到转送后5个工作日内提出（截止{}，《信访工作条例》第二十三条），现已超期，请签收办理。",
            d.due
        )));
    }
    s.events.push(Event::internal(
        "objected",
        format!("{}提出异议", ctx.org.name(ctx.actor_unit)),
        Some(reason.into_inner()),
    ));
    Ok(())
}

/// The objection holds: another unit is designated (指定) and cannot object again.
pub(super) fn uphold(ctx: &Ctx<'_>, s: &mut Step, unit: UnitId) -> AppResult<()> {
    if Some(unit) == s.work.unit_id {
        return Err(AppError::field(
            "unit_id",
            "请指定提出异议的单位以外的承办单位",
        ));
    }
    let name = target_unit(ctx, unit)?;
    s.work.unit_id = Some(unit);
    s.work.forwarded_by = Some(ctx.actor_unit);
    clocks::start(ctx.state, &mut s.work, Some(Clock::Objection), ctx.today);
    clocks::start_notice(ctx.state, &mut s.work, ctx.today);
    s.events.push(Event::public(
        "forwarded",
        "已改转送",
        format!("您的信访事项已改由{name}办理。"),
    ));
    s.notices
        .push(tell(ctx, Notify::Forwarded, &[("unit", name)]));
    s.notices.extend(arrival(ctx, unit));
    s.audit_detail = Some(format!("unit={unit}"));
    Ok(())
}

/// The objection fails: the same unit handles the matter.
pub(super) fn dismiss(ctx: &Ctx<'_>, s: &mut Step, reason: &str) -> AppResult<()> {
    let reason = text("reason", Reason::parse(reason))?;
    clocks::start(ctx.state, &mut s.work, Some(Clock::Objection), ctx.today);
    s.events.push(Event::internal(
        "objection_dismissed",
        "异议不成立，由原单位办理",
        Some(reason.into_inner()),
    ));
    Ok(())
}
