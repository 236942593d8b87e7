//! 审计: auditors check the audit trail's chain from the portal, as `portal verify-audit` does.

use serde::Serialize;
use shared::ids::StaffId;
use shared::staff::Role;

use crate::error::{AppError, AppResult};
use crate::services::workflow::StaffActor;
use crate::state::AppState;

/// The outcome of a verification as an auditor sees it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditReport {
    pub checked: i64,
    pub intact: bool,
    pub problem: Option<String>,
}

pub async fn verify(state: &AppState, staff: StaffId) -> AppResult<AuditReport> {
    let actor = StaffActor::load(state, staff).await?;
    if !actor.has_any(&[Role::Auditor]) {
        return Err(AppError::Forbidden("只有审计员可以校验审计记录。".into()));
    }
    let checkpoint = state.settings.audit_checkpoint();
    let v = crate::audit::verify_with_checkpoint(&state.db.pool, &state.vault, &checkpoint).await?;
    Ok(AuditReport {
        checked: v.checked,
        intact: v.problem.is_none(),
        problem: v.problem,
    })
}
