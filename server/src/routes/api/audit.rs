//! `GET /api/v1/audit/verify`: an auditor checks the audit trail's chain.

use actix_web::{get, web};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::audit::{self, AuditReport};
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = AuditReport), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/audit/verify")]
pub async fn verify(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<AuditReport>> {
    Ok(web::Json(audit::verify(&state, who.id).await?))
}
