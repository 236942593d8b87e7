//! 我的信访: a citizen's own petitions, newest first.

use shared::ids::CitizenId;
use shared::petition::PetitionSummary;

use super::present;
use crate::db;
use crate::error::AppResult;
use crate::state::AppState;

/// A citizen rarely has more than a handful; the cap keeps a pathological account cheap.
const LIMIT: i64 = 200;

pub async fn list_mine(state: &AppState, citizen: CitizenId) -> AppResult<Vec<PetitionSummary>> {
    let rows = db::petitions::by_citizen(&state.db.pool, citizen, LIMIT).await?;
    Ok(rows.iter().map(|r| present::summary(state, r)).collect())
}
