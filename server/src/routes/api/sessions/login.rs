//! `POST /api/v1/sessions`: 登录 by phone and password.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::{LoginRequest, TokenView};

use crate::error::AppResult;
use crate::routes::client;
use crate::services::accounts;
use crate::state::AppState;

#[utoipa::path(
    tag = "sessions",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenView, description = "Also sets the session cookies"),
        (status = 401, body = shared::ApiError, description = "Wrong phone or password (one answer for both)"),
        (status = 429, body = shared::ApiError),
    )
)]
#[post("/sessions")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    state.limiters.login(client::ip(&req), &body.phone)?;
    let issued = accounts::login(&state, &body).await?;
    Ok(super::issued_response(&state, issued))
}
