//! `/api/v1/admin/staff`: staff accounts, their unit and roles, second-factor resets.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::admin::{NewStaffRequest, NewStaffView, StaffAccountView, StaffUpdateRequest};
use shared::ids::StaffId;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::staff;
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<StaffAccountView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/staff")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<StaffAccountView>>> {
    Ok(web::Json(staff::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", request_body = NewStaffRequest, responses((status = 201, body = NewStaffView), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/staff")]
pub async fn create(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<NewStaffRequest>,
) -> AppResult<HttpResponse> {
    let view = staff::create(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(view))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = StaffUpdateRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/staff/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<StaffId>,
    body: web::Json<StaffUpdateRequest>,
) -> AppResult<HttpResponse> {
    staff::update(&state, who.id, &client::ip(&req).to_string(), *path, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/staff/{id}/totp/reset")]
pub async fn reset_totp(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<StaffId>,
) -> AppResult<HttpResponse> {
    staff::reset_totp(&state, who.id, &client::ip(&req).to_string(), *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 204, description = "Disabled; the person's sessions ended"), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/staff/{id}/disable")]
pub async fn disable(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<StaffId>,
) -> AppResult<HttpResponse> {
    staff::set_disabled(&state, who.id, &client::ip(&req).to_string(), *path, true).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/staff/{id}/enable")]
pub async fn enable(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<StaffId>,
) -> AppResult<HttpResponse> {
    staff::set_disabled(&state, who.id, &client::ip(&req).to_string(), *path, false).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 重设密码: a one-time password, shown once, that works only to choose a new one; the
/// account's sessions end.
#[utoipa::path(tag = "admin", params(("id" = i64, Path)), responses((status = 200, body = NewStaffView), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/staff/{id}/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<StaffId>,
) -> AppResult<web::Json<NewStaffView>> {
    let client = client::ip(&req).to_string();
    Ok(web::Json(
        staff::reset_password(&state, who.id, &client, *path).await?,
    ))
}
