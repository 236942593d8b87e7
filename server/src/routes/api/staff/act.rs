//! `POST /api/v1/staff/petitions/{number}/actions`: one step of the statutory chain.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::petition::StaffActionRequest;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path)),
    request_body = StaffActionRequest,
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError, description = "The actor's role or unit may not"),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "The petition's state does not allow it, or someone acted first"),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/staff/petitions/{number}/actions")]
pub async fn act(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<StaffActionRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    workflow::act(&state, who.id, &client, &path, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
