//! `POST /api/v1/staff/petitions/{number}/identity`: 查看身份, with a typed reason that
//! the audit trail records.

use actix_web::{HttpRequest, post, web};
use shared::petition::{StaffPetitionView, UnmaskRequest};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path)),
    request_body = UnmaskRequest,
    responses(
        (status = 200, body = StaffPetitionView),
        (status = 403, body = shared::ApiError),
        (status = 404, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/staff/petitions/{number}/identity")]
pub async fn identity(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<UnmaskRequest>,
) -> AppResult<web::Json<StaffPetitionView>> {
    let client = client::ip(&req).to_string();
    let view = workflow::unmask(&state, who.id, &client, &path, &body.reason).await?;
    Ok(web::Json(view))
}
