//! The accusation firewall on the routing doors (条例 art. 30, 46): an accusation waits for
//! its accused unit to be settled before anything routes or accepts it, and no step sends
//! any matter to the unit complained about or a unit inside it. Who may *see* a petition
//! is `access::sight`; this is where it may *go*.

use shared::ids::UnitId;
use shared::petition::{CommandKind, PetitionKind, StaffCommand};

use crate::db::petitions::WorkState;
use crate::services::org::Org;

/// What a clerk is told when a step waits for the accused unit.
pub const PENDING: &str = "请先确认被检举控告的单位（或确认没有被检举控告的单位），再受理、转送或交办：检举控告材料不得转给被检举控告的人员和单位（《信访工作条例》第三十条）。";

/// What a clerk is told when a step would send a matter to the unit complained about.
pub const TO_ACCUSED: &str = "检举控告事项不得转给被检举控告的单位或其下属单位办理，应转送其上级机关或纪检监察机关（《信访工作条例》第二十二条、第三十条）。";

/// Whether `w` is an accusation whose accused unit nobody has settled yet.
pub fn pending(kind: PetitionKind, w: &WorkState) -> bool {
    kind == PetitionKind::Accusation && w.accused_unit_id.is_none() && !w.accused_none
}

/// The steps that route, accept or widen the circle of a matter: what waits for the
/// accused unit of an accusation.
pub const WAITING: &[CommandKind] = &[
    CommandKind::AcceptHere,
    CommandKind::Forward,
    CommandKind::Assign,
    CommandKind::UpholdObjection,
    CommandKind::AddCoHandler,
    CommandKind::Supervise,
];

/// Whether `cmd` is one of the steps that wait for the accused unit.
pub fn waits_for_accused(cmd: &StaffCommand) -> bool {
    WAITING.contains(&CommandKind::from(cmd))
}

/// Whether `unit` must never receive the matter: it is the unit an accusation is
/// against, or inside it.
pub fn barred(org: &Org, kind: PetitionKind, w: &WorkState, unit: UnitId) -> bool {
    kind == PetitionKind::Accusation && w.accused_unit_id.is_some_and(|a| org.within(unit, a))
}
