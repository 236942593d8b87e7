//! `POST /api/v1/admin/categories`: adds a category to the subject tree.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::admin::NewCategoryRequest;
use shared::ids::CategoryId;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::categories;
use crate::state::AppState;

#[utoipa::path(tag = "admin", request_body = NewCategoryRequest, responses((status = 201, body = CategoryId), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/categories")]
pub async fn create(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<NewCategoryRequest>,
) -> AppResult<HttpResponse> {
    let id = categories::create(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::Created().json(id))
}
