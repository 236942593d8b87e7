//! `GET /api/v1/cases`: 公开案例, newest first, by category and county; and
//! `GET /api/v1/cases/{id}`: one of them.

use actix_web::{HttpResponse, get, web};
use shared::cases::{CaseList, CaseQuery, PublishedCase};

use crate::error::AppResult;
use crate::services::cases;
use crate::state::AppState;

#[utoipa::path(
    tag = "statistics",
    params(CaseQuery),
    responses((status = 200, body = CaseList), (status = 422, body = shared::ApiError))
)]
#[get("/cases")]
pub async fn list(
    state: web::Data<AppState>,
    query: web::Query<CaseQuery>,
) -> AppResult<HttpResponse> {
    Ok(super::statistics::public(
        &cases::list(&state, &query).await?,
    ))
}

#[utoipa::path(
    tag = "statistics",
    params(("id" = i64, Path)),
    responses((status = 200, body = PublishedCase), (status = 404, body = shared::ApiError))
)]
#[get("/cases/{id}")]
pub async fn case(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let case = cases::case(&state, path.into_inner()).await?;
    Ok(super::statistics::public(&case))
}
