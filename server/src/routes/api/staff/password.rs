//! `PUT /api/v1/staff/me/password`: a staff member replaces their password (the first time,
//! the one an administrator handed out); every session of the account ends.

use actix_web::{HttpRequest, HttpResponse, put, web};
use shared::account::ChangePasswordRequest;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::staff;
use crate::state::AppState;

#[utoipa::path(
    tag = "staff",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; every session ended, sign in again"),
        (status = 401, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[put("/staff/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<ChangePasswordRequest>,
) -> AppResult<HttpResponse> {
    staff::change_password(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
