//! `POST /api/v1/staff/me/totp` and `…/totp/confirm`: bind an authenticator app.

use actix_web::{HttpResponse, post, web};
use shared::staff::{TotpConfirmRequest, TotpSetupView};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::staff;
use crate::state::AppState;

#[utoipa::path(
    tag = "staff",
    responses(
        (status = 200, body = TotpSetupView, description = "Put this secret into the app, then confirm a code"),
        (status = 409, body = shared::ApiError, description = "A factor is bound already"),
    ),
    security(("bearer" = []))
)]
#[post("/staff/me/totp")]
pub async fn setup(state: web::Data<AppState>, who: StaffAuth) -> AppResult<HttpResponse> {
    let view = staff::totp::setup(&state, who.id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(view))
}

#[utoipa::path(
    tag = "staff",
    request_body = TotpConfirmRequest,
    responses(
        (status = 204, description = "Bound; every later login asks for a code"),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[post("/staff/me/totp/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: actix_web::HttpRequest,
    body: web::Json<TotpConfirmRequest>,
) -> AppResult<HttpResponse> {
    let client = crate::routes::client::ip(&req).to_string();
    staff::totp::confirm(&state, who.id, &client, &body.code).await?;
    Ok(HttpResponse::NoContent().finish())
}
