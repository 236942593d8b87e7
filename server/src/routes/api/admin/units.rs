//! `/api/v1/admin/units`: the unit tree, jurisdictions, competences and reception details;
//! renaming, moving, merging and closing.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::admin::{
    CompetencesRequest, MergeUnitRequest, NewUnitRequest, UnitUpdateRequest, UnitView,
};
use shared::ids::UnitId;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::units;
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<UnitView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/units")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<UnitView>>> {
    Ok(web::Json(units::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", request_body = NewUnitRequest, responses((status = 201, body = UnitId), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/units")]
pub async fn create(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<NewUnitRequest>,
) -> AppResult<HttpResponse> {
    let id = units::create(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::Created().json(id))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = CompetencesRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/units/{id}/competences")]
pub async fn competences(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<CompetencesRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    units::set_competences(&state, who.id, &client, UnitId(*path), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = UnitUpdateRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/units/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<UnitUpdateRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    units::update(&state, who.id, &client, UnitId(*path), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 撤销: refused (409) while the unit holds open matters or has units below it.
#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/units/{id}/close")]
pub async fn close(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    units::close(&state, who.id, &client, UnitId(*path)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 合并: everything the unit holds moves to `into`; the unit is closed.
#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = MergeUnitRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/units/{id}/merge")]
pub async fn merge(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<MergeUnitRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    units::merge(&state, who.id, &client, UnitId(*path), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
