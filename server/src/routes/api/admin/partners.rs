//! `/api/v1/admin/partners`: partner handling systems, and `/admin/units/{id}/partner`.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::ids::UnitId;
use shared::partner::{NewPartnerRequest, PartnerView, UnitPartnerRequest};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::routes::client;
use crate::services::admin::partners;
use crate::state::AppState;

#[utoipa::path(tag = "admin", request_body = NewPartnerRequest, responses((status = 201, body = PartnerView, description = "The shared secret is in this answer only"), (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[post("/admin/partners")]
pub async fn create(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    body: web::Json<NewPartnerRequest>,
) -> AppResult<HttpResponse> {
    let view = partners::create(&state, who.id, &client::ip(&req).to_string(), &body).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(view))
}

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<PartnerView>), (status = 403, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/admin/partners")]
pub async fn list(
    state: web::Data<AppState>,
    who: StaffAuth,
) -> AppResult<web::Json<Vec<PartnerView>>> {
    Ok(web::Json(partners::list(&state, who.id).await?))
}

#[utoipa::path(tag = "admin", params(("id" = i64, Path)), request_body = UnitPartnerRequest, responses((status = 204), (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/admin/units/{id}/partner")]
pub async fn set_unit_partner(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<i64>,
    body: web::Json<UnitPartnerRequest>,
) -> AppResult<HttpResponse> {
    let client = client::ip(&req).to_string();
    partners::set_unit_partner(&state, who.id, &client, UnitId(*path), &body).await?;
    Ok(HttpResponse::NoContent().finish())
}
