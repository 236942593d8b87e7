//! Reaching a petition as a staff member: found by number, with what the firewall and
//! the chain of units let them see; one they may not see does not exist for them.

use shared::ids::{StaffId, UnitId};
use shared::petition::PetitionNumber;

use super::access::{self, Sight};
use super::actor::StaffActor;
use crate::db::{self, petitions::PetitionRow};
use crate::error::{AppError, AppResult};
use crate::services::org::Org;
use crate::state::AppState;

/// A petition as a staff member may reach it, with what they may see of it.
pub struct Reached {
    pub row: PetitionRow,
    pub org: std::sync::Arc<Org>,
    pub actor: StaffActor,
    pub sight: Sight,
    /// Units co-handling the current round.
    pub co_units: Vec<UnitId>,
}

/// Finds `number` for `staff`; a petition they may not see is "not found", like one
/// that does not exist, so the firewall does not reveal that a matter exists.
pub async fn reach(state: &AppState, staff: StaffId, number: &str) -> AppResult<Reached> {
    let actor = StaffActor::load(state, staff).await?;
    let number = PetitionNumber::parse(number).ok_or(AppError::NotFound)?;
    let row = db::petitions::by_number(&state.db.pool, number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let org = state.org.get().await?;
    let recused = db::work::is_recused(&state.db.pool, row.id, actor.id.0).await?;
    let kind = row.kind;
    let co_units: Vec<UnitId> = db::work::co_handlers(&state.db.pool, row.id)
        .await?
        .into_iter()
        .filter(|c| c.round == row.work.round)
        .map(|c| c.unit_id)
        .collect();
    let sight = access::sight(&org, &actor, kind, &row.work, &co_units, recused);
    if sight == Sight::None {
        return Err(AppError::NotFound);
    }
    Ok(Reached {
        row,
        org,
        actor,
        sight,
        co_units,
    })
}
