//! `POST /api/v1/accounts/password-reset`: 找回密码 with an SMS code to the phone on file.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::ResetPasswordRequest;

use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

/// Sets a new password for the account of the phone the code was sent to (purpose
/// `reset_password`); every session of the account ends.
#[utoipa::path(
    tag = "accounts",
    request_body = ResetPasswordRequest,
    responses(
        (status = 204, description = "The new password works; every old session has ended"),
        (status = 422, description = "Field errors (a wrong or used code, a weak password)", body = shared::ApiError),
        (status = 429, description = "Too many attempts from this client", body = shared::ApiError),
    )
)]
#[post("/accounts/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ResetPasswordRequest>,
) -> AppResult<HttpResponse> {
    accounts::reset_password(&state, crate::routes::client::ip(&req), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
