//! Who may see and act on a petition: the unit chain, the confidentiality firewall
//! (art. 30, 46), conflicts of interest (回避, art. 28) and the performer of each step.

use shared::ids::UnitId;
use shared::petition::{Action, Performer, PetitionKind, PetitionStatus};
use shared::staff::Role;

use super::actor::StaffActor;
use crate::db::petitions::WorkState;
use crate::services::org::Org;

/// How much of a petition a staff member sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// Not at all: answered as "not found".
    None,
    /// The case, but not who filed it (staff of the unit complained about).
    WithoutIdentity,
    /// The case and the petitioner, masked until unmasked with a recorded reason.
    Full,
}

/// Roles that work on petitions; administrators and auditors manage and read the
/// organisation and the audit trail, not case files.
const CASE_ROLES: &[Role] = &[
    Role::Intake,
    Role::Handler,
    Role::UnitHead,
    Role::Supervisor,
    Role::Leader,
];

/// Roles that may unmask a petitioner's identity, with a typed reason.
pub const UNMASK_ROLES: &[Role] = &[Role::Intake, Role::Handler, Role::UnitHead, Role::Leader];

/// Whether the actor's unit holds the petition, forwarded it, or is above either.
pub fn in_chain(org: &Org, actor: &StaffActor, w: &WorkState) -> bool {
    let Some(unit) = actor.unit_id else {
        return false;
    };
    [w.unit_id, w.forwarded_by]
        .into_iter()
        .flatten()
        .any(|u| org.within(u, unit))
}

/// Whether the actor works in the unit complained about, or below it.
pub fn is_accused(org: &Org, actor: &StaffActor, w: &WorkState) -> bool {
    match (actor.unit_id, w.accused_unit_id) {
        (Some(unit), Some(accused)) => org.within(unit, accused),
        _ => false,
    }
}

/// `co_units` are the units asked to co-handle (协办); they see the case like the lead.
pub fn sight(
    org: &Org,
    actor: &StaffActor,
    kind: PetitionKind,
    w: &WorkState,
    co_units: &[UnitId],
    recused: bool,
) -> Sight {
    let co = actor
        .unit_id
        .is_some_and(|u| co_units.iter().any(|c| org.within(*c, u)));
    if recused || !actor.has_any(CASE_ROLES) || !(in_chain(org, actor, w) || co) {
        return Sight::None;
    }
    if is_accused(org, actor, w) {
        // An accusation's material never reaches the accused; other matters are theirs
        // to handle, without knowing who raised them.
        return if kind == PetitionKind::Accusation {
            Sight::None
        } else {
            Sight::WithoutIdentity
        };
    }
    Sight::Full
}

/// Why the actor may not perform `action` on a petition in state `w`, if so.
pub fn refuse_performer(
    org: &Org,
    actor: &StaffActor,
    action: Action,
    w: &WorkState,
) -> Option<String> {
    if !actor.has_any(action.roles()) {
        let roles: Vec<_> = action.roles().iter().map(|r| r.label()).collect();
        return Some(format!("此操作需要以下角色之一：{}。", roles.join("、")));
    }
    let Some(unit) = actor.unit_id else {
        return Some("您的账户尚未归属任何单位，不能办理信访事项。".to_owned());
    };
    let status = w.status;
    let ok = match action.performer() {
        Performer::Bureau => {
            let holder = if status == PetitionStatus::Objected {
                w.forwarded_by
            } else {
                w.unit_id
            };
            org.is_bureau(unit)
                && match status {
                    PetitionStatus::Submitted | PetitionStatus::Objected => {
                        holder.is_some_and(|h| org.within(h, unit))
                    }
                    _ => in_chain(org, actor, w),
                }
        }
        Performer::ReceivingUnit | Performer::HandlingUnit => w.unit_id == Some(unit),
        Performer::Supervisor => w.unit_id.is_some_and(|h| org.within(h, unit)),
        Performer::Petitioner | Performer::System => false,
    };
    (!ok).then(|| {
        match action.performer() {
            Performer::Bureau => "只有受理该信访事项的信访部门（或其上级信访部门）可以进行此操作。",
            Performer::ReceivingUnit => "只有接收转送的单位可以进行此操作。",
            Performer::HandlingUnit => "只有承办单位可以进行此操作。",
            _ => "只有上级督办部门可以进行此操作。",
        }
        .to_owned()
    })
}
