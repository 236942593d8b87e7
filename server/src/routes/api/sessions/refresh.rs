//! `POST /api/v1/sessions/refresh`: a new token pair for a refresh token (rotated each time).

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::{RefreshRequest, TokenView};

use crate::auth::{cookies, sessions};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[utoipa::path(
    tag = "sessions",
    request_body(content = Option<RefreshRequest>, description = "Or the refresh cookie"),
    responses(
        (status = 200, body = TokenView),
        (status = 401, body = shared::ApiError),
    )
)]
#[post("/sessions/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<web::Json<RefreshRequest>>,
) -> AppResult<HttpResponse> {
    let secure = state.settings.server.secure_cookies;
    let token = body
        .map(|b| b.into_inner().refresh_token)
        .or_else(|| cookies::read(&req, cookies::Kind::Refresh, secure))
        .ok_or(AppError::Unauthenticated)?;
    let issued = sessions::refresh(&state, &token).await?;
    Ok(super::issued_response(&state, issued))
}
