//! `GET /api/v1/staff/petitions/{number}/publication`: a closed case's texts with what
//! looks personal replaced, for a clerk to check; `POST`: publish them as a 公开案例.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde_json::json;
use shared::cases::{CaseDraft, CaseTexts};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::cases::publish;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path)),
    responses(
        (status = 200, body = CaseDraft),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError, description = "An accusation, no consent, or not closed"),
    ),
    security(("bearer" = []))
)]
#[get("/staff/petitions/{number}/publication")]
pub async fn draft(
    state: web::Data<AppState>,
    who: StaffAuth,
    path: web::Path<String>,
) -> AppResult<web::Json<CaseDraft>> {
    Ok(web::Json(publish::draft(&state, who.id, &path).await?))
}

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path)),
    request_body = CaseTexts,
    responses(
        (status = 201, description = "Published: `{\"id\": …}`"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 404, body = shared::ApiError),
        (status = 409, body = shared::ApiError),
        (status = 422, body = shared::ApiError, description = "A text too long, or still holding personal data"),
    ),
    security(("bearer" = []))
)]
#[post("/staff/petitions/{number}/publication")]
pub async fn publish_case(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<CaseTexts>,
) -> AppResult<HttpResponse> {
    let client = crate::routes::client::ip(&req).to_string();
    let id = publish::publish(&state, who.id, &client, &path, &body).await?;
    Ok(HttpResponse::Created().json(json!({ "id": id })))
}
