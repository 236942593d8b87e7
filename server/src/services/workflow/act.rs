//! One staff action on a petition: who may, whether the state allows it, then the step.

use shared::ids::{StaffId, UnitId};
use shared::petition::{PetitionStatus, StaffActionRequest, StaffCommand};

use super::access;
use super::actor::StaffActor;
use super::firewall;
use super::reach::{Reached, reach};
use super::record::{self, Who};
use super::steps::{self, Ctx};
use crate::db::petitions::PetitionRow;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::today;

/// Performs `req` on petition `number` as `staff`, from `client`.
#[tracing::instrument(skip_all, fields(staff = %staff, action = req.command.code(), petition = tracing::field::Empty))]
pub async fn act(
    state: &AppState,
    staff: StaffId,
    client: &str,
    number: &str,
    req: StaffActionRequest,
) -> AppResult<()> {
    let Reached {
        row,
        org,
        actor,
        co_units,
        ..
    } = reach(state, staff, number).await?;
    tracing::Span::current().record("petition", row.id.0);
    if let Some(seen) = req.version
        && seen != row.version
    {
        return Err(AppError::Conflict(record::RACE_LOST.into()));
    }
    let current = row.workflow();
    let next = match req.command.action() {
        Some(action) => {
            if let Some(why) = access::refuse_performer(&org, &actor, action, &row.work) {
                return Err(AppError::Forbidden(why));
            }
            current
                .apply(action)
                .map_err(|e| AppError::Conflict(e.0.into()))?
        }
        None => {
            refuse_other(&actor, &req.command, &row, &co_units)?;
            current
        }
    };
    let actor_unit = actor.unit_id.ok_or_else(|| {
        AppError::Forbidden("您的账户尚未归属任何单位，不能办理信访事项。".into())
    })?;
    if firewall::pending(current.kind, &row.work) && firewall::waits_for_accused(&req.command) {
        return Err(AppError::Conflict(firewall::PENDING.into()));
    }
    let code = req.command.code();
    let ctx = Ctx {
        state,
        org: &org,
        row: &row,
        next,
        actor_unit,
        actor_id: Some(staff),
        actor_head: actor.has_any(&[shared::staff::Role::UnitHead]),
        today: today(),
    };
    let step = steps::step(&ctx, req.command).await?;
    let who = Who {
        actor: actor.as_actor(),
        client: Some(client),
    };
    record::commit(state, &row, step, who, code).await?;
    tracing::info!(petition.id = %row.id, action = code, "workflow step");
    Ok(())
}

/// Commands outside the state machine: answering a supervision notice and asking for
/// co-handling are the handling unit's; a co-handler gives its opinion; stepping aside
/// (回避) is open to anyone who can see the petition.
fn refuse_other(
    actor: &StaffActor,
    cmd: &StaffCommand,
    row: &PetitionRow,
    co_units: &[UnitId],
) -> AppResult<()> {
    let roles = [shared::staff::Role::Handler, shared::staff::Role::UnitHead];
    let handles = actor.unit_id.is_some() && actor.unit_id == row.work.unit_id;
    let refuse = |m: &str| Err(AppError::Forbidden(m.to_owned()));
    match cmd {
        StaffCommand::AnswerSupervision { .. } if !handles || !actor.has_any(&roles) => {
            refuse("只有承办单位的承办人或负责人可以答复督办。")
        }
        StaffCommand::AddCoHandler { .. } if !handles || !actor.has_any(&roles) => {
            refuse("只有主办单位的承办人或负责人可以商请协办。")
        }
        StaffCommand::AddCoHandler { .. } if row.work.status != PetitionStatus::Handling => {
            Err(AppError::Conflict("只有办理中的事项可以商请协办。".into()))
        }
        StaffCommand::FollowUp { .. }
            if !handles
                || !actor.has_any(&[
                    shared::staff::Role::Handler,
                    shared::staff::Role::UnitHead,
                    shared::staff::Role::Intake,
                ]) =>
        {
            refuse("只有作出答复的单位的工作人员可以记录回访。")
        }
        // Online petitioners rate and ask themselves: nobody may rate for them.
        StaffCommand::FollowUp { .. } if !super::clocks::delivered_on_paper(row.channel) => Err(
            AppError::Conflict("网上信访的信访人自行评价和申请复查，不代为记录回访。".into()),
        ),
        StaffCommand::AssignHandler { .. }
            if !handles || !actor.has_any(&[shared::staff::Role::UnitHead]) =>
        {
            refuse("只有承办单位的负责人可以指定承办人。")
        }
        StaffCommand::AssignHandler { .. }
            if row.work.status.is_terminal() || row.work.status == PetitionStatus::Replied =>
        {
            Err(AppError::Conflict(
                "该信访事项已答复或已结束，不再指定承办人。".into(),
            ))
        }
        StaffCommand::CoOpinion { .. }
            if !actor.unit_id.is_some_and(|u| co_units.contains(&u)) || !actor.has_any(&roles) =>
        {
            refuse("只有被商请协办单位的承办人或负责人可以提出协办意见。")
        }
        _ => Ok(()),
    }
}
