//! 被检举控告单位: a clerk records the unit an accusation is against, or confirms there is
//! none; once settled, only a unit head corrects it. A correction that names the unit now
//! holding the matter takes it back to the correcting bureau, to be routed again (art. 30).

use shared::clock::Clock;
use shared::ids::UnitId;
use shared::petition::{PetitionKind, PetitionStatus, Round};

use super::Ctx;
use crate::db::petitions::WorkState;
use crate::error::{AppError, AppResult};
use crate::services::workflow::clocks;
use crate::services::workflow::record::{Event, Step};

/// Records `unit` as the unit complained about.
pub(super) fn set(ctx: &Ctx<'_>, s: &mut Step, unit: UnitId) -> AppResult<()> {
    let (w, events) = (&mut s.work, &mut s.events);
    if let Some(why) = ctx.org.refuse_accused(unit) {
        return Err(AppError::field("unit_id", why));
    }
    if ctx.org.within(ctx.actor_unit, unit) {
        return Err(AppError::field(
            "unit_id",
            "不能将本单位或本单位的上级机关记录为被检举控告单位：被检举控告的单位不得办理该事项，请报上级信访部门处理（《信访工作条例》第三十条）。",
        ));
    }
    if w.accused_unit_id != Some(unit) {
        correcting(ctx, w)?;
    }
    w.accused_unit_id = Some(unit);
    w.accused_none = false;
    let name = ctx.org.name(unit);
    events.push(Event::internal(
        "accused_unit",
        format!("被检举控告单位：{name}"),
        None,
    ));
    // The unit now holding the matter is the one accused (or inside it): take it back.
    if let Some(holder) = w.unit_id
        && ctx.org.within(holder, unit)
    {
        take_back(ctx, w)?;
        events.push(Event::internal(
            "taken_back",
            format!(
                "因被检举控告单位更正，事项收回{}重新办理",
                ctx.org.name(ctx.actor_unit)
            ),
            None,
        ));
    }
    s.audit_detail = Some(format!("accused_unit={unit}"));
    Ok(())
}

/// Confirms that an accusation is against no unit of the directory.
pub(super) fn none(ctx: &Ctx<'_>, s: &mut Step) -> AppResult<()> {
    let (w, events) = (&mut s.work, &mut s.events);
    if ctx.next.kind != PetitionKind::Accusation {
        return Err(AppError::Conflict(
            "只有检举控告事项需要确认被检举控告的单位。".into(),
        ));
    }
    if w.accused_none {
        return Err(AppError::Conflict("已经确认没有被检举控告的单位。".into()));
    }
    correcting(ctx, w)?;
    w.accused_unit_id = None;
    w.accused_none = true;
    events.push(Event::internal(
        "accused_none",
        "确认没有被检举控告的单位（被反映人为个人或非公职单位）",
        None,
    ));
    s.audit_detail = Some("accused_unit=none".to_owned());
    Ok(())
}

/// A settled accused unit is corrected only by a unit head; confirming it is anyone's.
fn correcting(ctx: &Ctx<'_>, w: &WorkState) -> AppResult<()> {
    let settled = w.accused_unit_id.is_some() || w.accused_none;
    if settled && !ctx.actor_head {
        return Err(AppError::Forbidden(
            "被检举控告单位已经确认，只有负责人可以更正。".into(),
        ));
    }
    Ok(())
}

/// Returns the matter to the correcting bureau as not yet routed, on the acceptance clock
/// that has run since it was filed.
fn take_back(ctx: &Ctx<'_>, w: &mut WorkState) -> AppResult<()> {
    if ctx.next.round != Round::First {
        return Err(AppError::Conflict(
            "复查、复核中的事项不能在此收回，请由上级机关指定其他复查、复核机关。".into(),
        ));
    }
    w.status = PetitionStatus::Submitted;
    w.unit_id = Some(ctx.actor_unit);
    w.forwarded_by = None;
    w.designated = false;
    w.assigned_due = None;
    let filed = shared::clock::shanghai_date(crate::time::from_ms(ctx.row.submitted_at));
    clocks::start(ctx.state, w, Some(Clock::Acceptance), filed);
    Ok(())
}
