//! `POST /api/v1/verification-codes`: 获取短信验证码.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::{SendCodeRequest, SendCodeView};

use crate::error::AppResult;
use crate::routes::client;
use crate::services::verification;
use crate::state::AppState;

/// Sends a six-digit code to the phone, valid five minutes, for one purpose.
#[utoipa::path(
    tag = "accounts",
    request_body = SendCodeRequest,
    responses(
        (status = 202, body = SendCodeView, description = "The code is on its way"),
        (status = 422, description = "Not a mainland mobile number", body = shared::ApiError),
        (status = 429, description = "Once per 60 s and 10 a day per phone; per address per hour", body = shared::ApiError),
    )
)]
#[post("/verification-codes")]
pub async fn send(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<SendCodeRequest>,
) -> AppResult<HttpResponse> {
    let view = verification::send(&state, client::ip(&req), &body).await?;
    Ok(HttpResponse::Accepted().json(view))
}
