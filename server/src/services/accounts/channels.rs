//! 通知方式: a citizen chooses SMS and/or e-mail; the in-app centre always keeps a copy, so
//! no notice is ever lost by switching channels off.

use shared::ids::CitizenId;
use shared::notice::ChannelsView;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn channels(state: &AppState, id: CitizenId) -> AppResult<ChannelsView> {
    let (sms, email, has_email) = db::citizens::channels(&state.db.pool, id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(ChannelsView {
        sms,
        email,
        has_email,
    })
}

pub async fn set_channels(
    state: &AppState,
    id: CitizenId,
    req: &ChannelsView,
) -> AppResult<ChannelsView> {
    db::citizens::set_channels(&state.db.writer, id, req.sms, req.email).await?;
    tracing::info!(citizen.id = %id, sms = req.sms, email = req.email, "notice channels chosen");
    channels(state, id).await
}
