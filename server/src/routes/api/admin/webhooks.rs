//! `/api/v1/admin/webhooks`: partner systems' subscriptions and their delivery logs.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::notice::{NewSubscriptionRequest, OutboxMessageView, SubscriptionView};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::webhooks;
use crate::state::AppState;

#[utoipa::path(tag = "admin", request_body = NewSubscriptionRequest, responses((status = 201, body = SubscriptionView, description = "The secret is in this answer only"), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<NewSubscriptionRequest>,
) -> AppResult<HttpResponse> {
    let view = webhooks::create(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(view))
}

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<SubscriptionView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/webhooks")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<SubscriptionView>>> {
    Ok(web::Json(webhooks::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 200, body = Vec<OutboxMessageView>), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/webhooks/{id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    who: StaffAuth,
    path: web::Path<shared::ids::SubscriptionId>,
) -> AppResult<web::Json<Vec<OutboxMessageView>>> {
    Ok(web::Json(
        webhooks::deliveries(&state, who.id, *path).await?,
    ))
}
