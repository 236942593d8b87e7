//! `/api/v1/admin/outbox`: pending, failed and dead messages, and retrying a dead one.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use shared::notice::OutboxMessageView;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::notifications;
use crate::state::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OutboxQuery {
    /// pending, sending, sent or dead; all when absent
    pub status: Option<String>,
}

#[utoipa::path(tag = "admin", params(OutboxQuery), responses((status = 200, body = Vec<OutboxMessageView>), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/outbox")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
    query: web::Query<OutboxQuery>,
) -> AppResult<web::Json<Vec<OutboxMessageView>>> {
    Ok(web::Json(
        notifications::outbox(&state, who.id, query.status.as_deref()).await?,
    ))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = shared::ApiError), (status = 409, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/outbox/{id}/retry")]
pub async fn retry(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<shared::ids::MessageId>,
) -> AppResult<HttpResponse> {
    notifications::retry(&state, who.id, &client::ip(&req).to_string(), *path).await?;
    Ok(HttpResponse::NoContent().finish())
}
