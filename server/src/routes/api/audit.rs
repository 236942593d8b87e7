//! `GET /api/v1/audit/verify` and `/audit/records`: an auditor checks the audit trail's
//! chain and reads its records.

use actix_web::{get, web};
use serde::Deserialize;
use shared::admin::AuditRecordsPage;

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

/// Which records: older than `before`, of petition `number`.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct RecordsQuery {
    pub before: Option<i64>,
    pub number: Option<String>,
}

#[utoipa::path(tag = "admin", params(RecordsQuery), responses((status = 200, body = AuditRecordsPage), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/audit/records")]
pub async fn records(
    state: web::Data<AppState>,
    who: StaffAuth,
    query: web::Query<RecordsQuery>,
) -> AppResult<web::Json<AuditRecordsPage>> {
    let page = audit::records(&state, who.id, query.before, query.number.as_deref()).await?;
    Ok(web::Json(page))
}
