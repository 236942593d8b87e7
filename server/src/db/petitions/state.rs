//! The workflow columns of a petition as the services change them: who holds it, where
//! it stands, and its running clock.

use shared::clock::Clock;
use shared::ids::{PetitionId, StaffId, UnitId};
use shared::petition::{PetitionStatus, Rating, Round};

/// The workflow columns: who holds the petition, where it stands, and its running clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkState {
    pub status: PetitionStatus,
    pub round: Round,
    /// The unit holding it now: the bureau, then the receiving or handling unit.
    pub unit_id: Option<UnitId>,
    /// The office that forwarded it, which decides an objection.
    pub forwarded_by: Option<UnitId>,
    /// 被反映单位: its staff never see the petitioner (art. 30, 46).
    pub accused_unit_id: Option<UnitId>,
    /// A clerk confirmed that an accusation is against no unit of the directory.
    pub accused_none: bool,
    pub designated: bool,
    pub extended: bool,
    /// Extension and hearing days added to the current clock.
    pub extra_days: i64,
    /// Of `extra_days`, the hearing days of this round (bounded by configuration).
    pub hearing_days: i64,
    pub rating: Option<Rating>,
    /// The running clock; none once the matter waits for nobody (stored as `none`).
    pub clock: Option<Clock>,
    pub clock_start: Option<String>,
    pub due_on: Option<String>,
    /// 交办期限
    pub assigned_due: Option<String>,
    /// The receiving unit's clock to tell the petitioner in writing that it received the
    /// matter (art. 23): the day it arrived and its due date, until 签收.
    pub notice_start: Option<String>,
    pub notice_due: Option<String>,
    /// The day this round's reply was published.
    pub replied_on: Option<String>,
    /// 承办人: the holding unit's staff member the matter was given to.
    pub assignee: Option<StaffId>,
    pub repeat_of: Option<PetitionId>,
    pub group_matter: bool,
}

/// How a running clock is stored: its code, or `none`.
pub fn clock_code(clock: Option<Clock>) -> &'static str {
    clock.map_or(NO_CLOCK, Clock::code)
}

pub(super) const NO_CLOCK: &str = "none";
