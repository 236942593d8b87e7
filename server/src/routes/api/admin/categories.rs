//! `/api/v1/admin/categories`: the subject tree: list, add, rename, reorder, retire.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::admin::{CategoryAdminView, CategoryUpdateRequest, NewCategoryRequest};
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

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<CategoryAdminView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/categories")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<CategoryAdminView>>> {
    Ok(web::Json(categories::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = CategoryUpdateRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/categories/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<CategoryUpdateRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    categories::update(&state, who.id, &client, CategoryId(*path), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
