//! `GET /api/v1/statistics`: 公开统计, one month's public figures for the jurisdiction or
//! a unit and the units below it.

use actix_web::{HttpResponse, get, web};
use shared::statistics::{StatisticsQuery, StatisticsView};

use crate::error::AppResult;
use crate::services;
use crate::state::AppState;

#[utoipa::path(tag = "statistics", params(StatisticsQuery), responses((status = 200, body = StatisticsView)))]
#[get("/statistics")]
pub async fn statistics(
    state: web::Data<AppState>,
    query: web::Query<StatisticsQuery>,
) -> AppResult<HttpResponse> {
    let view = services::statistics::report::public(&state, &query).await?;
    Ok(public(&view))
}

/// Public figures and cases hold nothing personal and change by the step: any cache may
/// keep them a minute.
pub(super) fn public(body: &impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(body)
}
