//! `/api/v1/notifications`: 站内消息 of the caller, citizen or staff, and marking them read.

use actix_web::{HttpRequest, get, post, web};
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

/// Marks the caller's notices up to `up_to` (the newest id they were shown) as read.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct ReadUpTo {
    pub up_to: i64,
}

#[utoipa::path(
    tag = "notifications",
    request_body = ReadUpTo,
    responses((status = 204), (status = 401, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[post("/notifications/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ReadUpTo>,
) -> AppResult<actix_web::HttpResponse> {
    let who = authenticate(&state, &req)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    notifications::mark_read(&state, notifications::owner(&who), body.up_to).await?;
    Ok(actix_web::HttpResponse::NoContent().finish())
}
