//! `POST /api/v1/accounts`: 实名注册.

use actix_web::{HttpResponse, post, web};
use shared::account::RegisterRequest;

use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

/// Registers a citizen with a real name, ID number, mobile phone and password.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered; log in next"),
        (status = 422, description = "Field errors, all at once", body = shared::ApiError),
    )
)]
#[post("/accounts")]
pub async fn register(
    state: web::Data<AppState>,
    body: web::Json<RegisterRequest>,
) -> AppResult<HttpResponse> {
    accounts::register(&state, &body).await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "registered": true })))
}
