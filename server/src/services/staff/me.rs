//! 我的账户 (staff): name, unit and roles.

use shared::ids::StaffId;
use shared::staff::{Role, StaffView};

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn me(state: &AppState, id: StaffId) -> AppResult<StaffView> {
    let row = db::staff::by_id(&state.db.pool, id.0)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let roles = Role::parse_list(&row.roles);
    let enabled = db::staff::totp(&state.db.pool, id.0)
        .await?
        .is_some_and(|t| t.enabled);
    Ok(StaffView {
        username: row.username,
        display_name: row.display_name,
        unit: row.unit,
        totp_enabled: enabled,
        totp_required: !enabled && super::totp::required(state, &roles),
        must_change_password: row.must_change_password,
        unread_notices: u32::try_from(
            db::notifications::unread_notifications(&state.db.pool, "staff", id.0).await?,
        )
        .unwrap_or(u32::MAX),
        roles,
    })
}
