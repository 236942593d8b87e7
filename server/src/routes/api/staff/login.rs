//! `POST /api/v1/staff/sessions`: 工作人员登录 by username and password.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::account::TokenView;
use shared::staff::StaffLoginRequest;

use crate::error::AppResult;
use crate::routes::{api::sessions::issued_response, client};
use crate::services::staff;
use crate::state::AppState;

#[utoipa::path(
    tag = "staff",
    request_body = StaffLoginRequest,
    responses(
        (status = 200, body = TokenView, description = "Also sets the session cookies"),
        (status = 401, body = shared::ApiError, description = "Wrong username or password (one answer for both)"),
        (status = 429, body = shared::ApiError),
    )
)]
#[post("/staff/sessions")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<StaffLoginRequest>,
) -> AppResult<HttpResponse> {
    state.limiters.login(client::ip(&req), &body.username)?;
    let issued = staff::login(&state, &client::ip(&req).to_string(), &body).await?;
    Ok(issued_response(&state, issued))
}
