//! `POST /api/v1/accounts`: 实名注册.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::RegisterRequest;

use crate::error::AppResult;
use crate::routes::client;
use crate::services::accounts;
use crate::state::AppState;

/// Registers a citizen with a real name, ID number, mobile phone and password.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered; log in next"),
        (status = 409, description = "These details cannot register (the ID number is taken)", body = shared::ApiError),
        (status = 422, description = "Field errors, all at once", body = shared::ApiError),
        (status = 429, description = "Too many attempts from this client", body = shared::ApiError),
    )
)]
#[post("/accounts")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> AppResult<HttpResponse> {
    accounts::register(&state, client::ip(&req), &body).await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "registered": true })))
}
