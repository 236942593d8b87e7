//! `DELETE /api/v1/sessions/current`: 退出登录; the session's tokens stop working at once.

use actix_web::{HttpRequest, HttpResponse, delete, web};

use crate::auth::{authenticate, cookies, sessions};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[utoipa::path(
    tag = "sessions",
    responses(
        (status = 204, description = "Logged out; cookies cleared"),
        (status = 401, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[delete("/sessions/current")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> AppResult<HttpResponse> {
    let who = authenticate(&state, &req)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    sessions::end(&state, who.session()).await?;
    let secure = state.settings.server.secure_cookies;
    Ok(super::super::no_content_with(vec![
        cookies::clear(cookies::Kind::Access, secure),
        cookies::clear(cookies::Kind::Refresh, secure),
    ]))
}
