//! `GET /api/v1/staff/annual`: the annual report (条例 art. 41) of the staff member's unit
//! and the units below it; `.xlsx` and `.csv`: the same as a file to pass on.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::statistics::AnnualView;

use super::{CSV, XLSX, attachment};
use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::statistics::{annual::annual as load, spreadsheet};
use crate::state::AppState;

/// The year of the report (`2026`, this year when absent).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Year {
    pub year: Option<String>,
}

#[utoipa::path(
    tag = "statistics",
    params(Year),
    responses(
        (status = 200, body = AnnualView),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/annual")]
pub async fn annual(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Year>,
) -> AppResult<web::Json<AnnualView>> {
    Ok(web::Json(load(&state, who.id, q.year.as_deref()).await?))
}

/// The annual report as an Excel workbook, a sheet per table.
#[utoipa::path(
    tag = "statistics",
    params(Year),
    responses(
        (status = 200, description = "XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/annual.xlsx")]
pub async fn xlsx(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Year>,
) -> AppResult<HttpResponse> {
    let view = load(&state, who.id, q.year.as_deref()).await?;
    let file = spreadsheet::annual_xlsx(&view)?;
    Ok(attachment(
        XLSX,
        &format!("annual-{}.xlsx", view.year),
        file,
    ))
}

/// The annual report as CSV (UTF-8 with a byte-order mark).
#[utoipa::path(
    tag = "statistics",
    params(Year),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/annual.csv")]
pub async fn csv(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Year>,
) -> AppResult<HttpResponse> {
    let view = load(&state, who.id, q.year.as_deref()).await?;
    let file = spreadsheet::annual_csv(&view)?;
    Ok(attachment(CSV, &format!("annual-{}.csv", view.year), file))
}
