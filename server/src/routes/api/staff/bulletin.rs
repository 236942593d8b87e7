//! `GET /api/v1/staff/bulletin`: 月度通报 and 信访指数 of the staff member's unit and the
//! units below it; `.xlsx` and `.csv`: the same as a file to pass on.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use shared::statistics::BulletinView;

use super::{CSV, XLSX, attachment};
use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::statistics::{bulletin::bulletin as load, spreadsheet};
use crate::state::AppState;

/// The month of a 通报 (`YYYY-MM`, this month when absent).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Month {
    pub month: Option<String>,
}

#[utoipa::path(
    tag = "statistics",
    params(Month),
    responses(
        (status = 200, body = BulletinView),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/bulletin")]
pub async fn bulletin(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Month>,
) -> AppResult<web::Json<BulletinView>> {
    Ok(web::Json(load(&state, who.id, q.month.as_deref()).await?))
}

/// The 通报 as an Excel workbook.
#[utoipa::path(
    tag = "statistics",
    params(Month),
    responses(
        (status = 200, description = "XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/bulletin.xlsx")]
pub async fn xlsx(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Month>,
) -> AppResult<HttpResponse> {
    let view = load(&state, who.id, q.month.as_deref()).await?;
    let file = spreadsheet::xlsx(&view)?;
    Ok(attachment(
        XLSX,
        &format!("bulletin-{}.xlsx", view.month),
        file,
    ))
}

/// The 通报 as CSV (UTF-8 with a byte-order mark).
#[utoipa::path(
    tag = "statistics",
    params(Month),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/bulletin.csv")]
pub async fn csv(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Month>,
) -> AppResult<HttpResponse> {
    let view = load(&state, who.id, q.month.as_deref()).await?;
    let file = spreadsheet::csv(&view)?;
    Ok(attachment(
        CSV,
        &format!("bulletin-{}.csv", view.month),
        file,
    ))
}
