//! `/api/v1/admin/calendar`: holiday arrangements entered by administrators.

use actix_web::{HttpRequest, HttpResponse, get, put, web};
use shared::admin::{CalendarYearRequest, CalendarYearView};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::calendar;
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<CalendarYearView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/calendar")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<CalendarYearView>>> {
    Ok(web::Json(calendar::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", params(("year" = i32, Path)), request_body = CalendarYearRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/calendar/{year}")]
pub async fn put_year(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i32>,
    body: web::Json<CalendarYearRequest>,
) -> AppResult<HttpResponse> {
    calendar::put(&state, who.id, &client::ip(&req).to_string(), *path, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
