//! `/api/v1/admin/index-weights`: the 信访指数 weights, read and set by administrators.

use actix_web::{HttpRequest, HttpResponse, get, put, web};
use shared::admin::{IndexWeightsRequest, IndexWeightsView};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::statistics::weights;
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = IndexWeightsView), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/index-weights")]
pub async fn get(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<IndexWeightsView>> {
    Ok(web::Json(weights::get(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", request_body = IndexWeightsRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/index-weights")]
pub async fn set(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<IndexWeightsRequest>,
) -> AppResult<HttpResponse> {
    weights::put(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
