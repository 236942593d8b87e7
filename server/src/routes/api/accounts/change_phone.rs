//! `PUT /api/v1/accounts/me/phone`: 更换手机号码.

use actix_web::{HttpResponse, put, web};
use shared::account::ChangePhoneRequest;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

#[utoipa::path(
    tag = "accounts",
    request_body = ChangePhoneRequest,
    responses(
        (status = 204, description = "Changed; log in with the new number from now on"),
        (status = 401, body = shared::ApiError),
        (status = 422, description = "Wrong code, wrong password, or the number is taken", body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[put("/accounts/me/phone")]
pub async fn change_phone(
    state: web::Data<AppState>,
    who: CitizenAuth,
    body: web::Json<ChangePhoneRequest>,
) -> AppResult<HttpResponse> {
    accounts::change_phone(&state, who.id, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
