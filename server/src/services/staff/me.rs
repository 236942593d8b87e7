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
    Ok(StaffView {
        username: row.username,
        display_name: row.display_name,
        unit: row.unit,
        roles: Role::parse_list(&row.roles),
    })
}
