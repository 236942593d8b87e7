//! `GET /api/v1/notifications`: 站内消息 of the caller, citizen or staff.

use actix_web::{HttpRequest, get, web};
use shared::notice::NotificationView;

use crate::auth::authenticate;
use crate::error::{AppError, AppResult};
use crate::services::notifications;
use crate::state::AppState;

#[utoipa::path(
    tag = "notifications",
    responses((status = 200, body = Vec<NotificationView>), (status = 401, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[get("/notifications")]
pub async fn mine(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> AppResult<web::Json<Vec<NotificationView>>> {
    let who = authenticate(&state, &req)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(web::Json(notifications::mine(&state, &who).await?))
}
