//! 工作人员登录: by username and password; every failure answers the same way.

use shared::ids::StaffId;
use shared::staff::StaffLoginRequest;

use crate::auth::principal::Principal;
use crate::auth::sessions::{self, Issued};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// An unknown username and a wrong password cost the same argon2 work and get the
/// same answer, so the response tells nothing about which accounts exist.
pub async fn login(state: &AppState, req: &StaffLoginRequest) -> AppResult<Issued> {
    let row = db::staff::by_username(&state.db.pool, req.username.trim()).await?;
    let ok = state
        .passwords
        .verify(row.as_ref().map(|r| r.password_hash.clone()), &req.password)
        .await;
    match row {
        Some(row) if ok => {
            tracing::info!(staff.id = row.id, "staff logged in");
            sessions::start(
                state,
                Principal::Staff {
                    id: StaffId(row.id),
                    session: String::new(),
                },
            )
            .await
        }
        _ => Err(AppError::BadStaffCredentials),
    }
}
