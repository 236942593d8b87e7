//! `POST /api/v1/petitions/{number}/rating`: 评价 a published reply.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::petition::RateRequest;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::petitions;
use crate::state::AppState;

#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path)),
    request_body = RateRequest,
    responses(
        (status = 204, description = "Rated"),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "No reply yet, or already rated"),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/petitions/{number}/rating")]
pub async fn rate(
    state: web::Data<AppState>,
    who: CitizenAuth,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<RateRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    petitions::rate(&state, who.id, &client, &path, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
