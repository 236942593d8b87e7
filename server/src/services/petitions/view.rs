//! 信访详情: the whole petition, for its owner only; anyone else gets "not found".

use shared::ids::CitizenId;
use shared::petition::{PetitionNumber, PetitionView};

use super::present;
use crate::db::{self, petitions::PetitionRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The petition `number` if `citizen` filed it. Someone else's petition is "not found",
/// exactly like a number that does not exist, so numbers cannot be probed.
pub(super) async fn owned(
    state: &AppState,
    citizen: CitizenId,
    number: &str,
) -> AppResult<PetitionRow> {
    let number = PetitionNumber::parse(number).ok_or(AppError::NotFound)?;
    match db::petitions::by_number(&state.db.pool, number.as_str()).await? {
        Some(row) if row.citizen_id == Some(citizen) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

pub async fn view(state: &AppState, citizen: CitizenId, number: &str) -> AppResult<PetitionView> {
    full(state, owned(state, citizen, number).await?).await
}

/// The petition with its public history, files and published replies.
pub(super) async fn full(state: &AppState, row: PetitionRow) -> AppResult<PetitionView> {
    let events = db::petitions::public_events(&state.db.pool, row.id).await?;
    let files = db::petitions::attachments(&state.db.pool, row.id).await?;
    let replies = db::work::replies(&state.db.pool, row.id, true).await?;
    let replies = replies
        .into_iter()
        .map(super::present::reply_view)
        .collect();
    Ok(present::full(state, row, events, files, replies))
}
