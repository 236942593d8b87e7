//! `POST /api/v1/petitions/lookup/code` and `/lookup/detail`: 查看详情 after a look-up, with
//! a code texted to the petitioner's phone on file.

use actix_web::{HttpRequest, HttpResponse, post, web};
use shared::petition::{LookupCodeView, LookupDetailRequest, LookupRequest, PetitionView};

use crate::error::AppResult;
use crate::routes::client;
use crate::services::petitions::lookup_detail;
use crate::state::AppState;

/// Texts a code to the petitioner's phone on file; the number and query code must match.
#[utoipa::path(
    tag = "petitions",
    request_body = LookupRequest,
    responses(
        (status = 202, body = LookupCodeView),
        (status = 404, body = shared::ApiError, description = "Wrong number or code (one answer for both)"),
        (status = 429, body = shared::ApiError),
    )
)]
#[post("/petitions/lookup/code")]
pub async fn code(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LookupRequest>,
) -> AppResult<HttpResponse> {
    let ip = client::ip(&req);
    state.limiters.lookup(ip)?;
    Ok(HttpResponse::Accepted().json(lookup_detail::send_code(&state, ip, &body).await?))
}

/// The petition and its replies, for number, query code and the texted code.
#[utoipa::path(
    tag = "petitions",
    request_body = LookupDetailRequest,
    responses(
        (status = 200, body = PetitionView),
        (status = 404, body = shared::ApiError, description = "Wrong number or code (one answer for both)"),
        (status = 422, body = shared::ApiError, description = "Wrong, spent or expired SMS code"),
        (status = 429, body = shared::ApiError),
    )
)]
#[post("/petitions/lookup/detail")]
pub async fn detail(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LookupDetailRequest>,
) -> AppResult<HttpResponse> {
    state.limiters.lookup(client::ip(&req))?;
    let view = lookup_detail::detail(&state, &body).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(view))
}
