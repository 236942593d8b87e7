//! `PUT /api/v1/accounts/me/password`: 修改密码; every session ends.

use actix_web::{HttpResponse, put, web};
use shared::account::ChangePasswordRequest;

use crate::auth::{CitizenAuth, cookies};
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

#[utoipa::path(
    tag = "accounts",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; all sessions, this one included, are revoked"),
        (status = 401, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[put("/accounts/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    who: CitizenAuth,
    body: web::Json<ChangePasswordRequest>,
) -> AppResult<HttpResponse> {
    accounts::change_password(&state, who.id, &body).await?;
    let secure = state.settings.server.secure_cookies;
    Ok(super::super::no_content_with(vec![
        cookies::clear(cookies::Kind::Access, secure),
        cookies::clear(cookies::Kind::Refresh, secure),
    ]))
}
