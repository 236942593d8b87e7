//! `POST /api/v1/petitions/{number}/review`: 申请复查/复核 within 30 days of a reply.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::petition::ReviewRequest;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::petitions;
use crate::state::AppState;

#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path)),
    request_body = ReviewRequest,
    responses(
        (status = 204, description = "Requested; the body one level up handles it"),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "Not rated 不满意, window closed, or final"),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/petitions/{number}/review")]
pub async fn review(
    state: web::Data<AppState>,
    who: CitizenAuth,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<ReviewRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    petitions::request_review(&state, who.id, &client, &path, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
