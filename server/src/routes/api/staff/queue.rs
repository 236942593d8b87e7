//! `GET /api/v1/staff/petitions`: 待办队列 by due date, filtered, 50 a page; and
//! `GET /api/v1/staff/petitions.csv`: the same, every page, for a spreadsheet.

use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::petition::{QueueFilter, QueuePage};

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(QueueFilter),
    responses(
        (status = 200, body = QueuePage),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/petitions")]
pub async fn queue(
    state: web::Data<AppState>,
    who: StaffAuth,
    filter: web::Query<QueueFilter>,
) -> AppResult<web::Json<QueuePage>> {
    Ok(web::Json(workflow::queue(&state, who.id, &filter).await?))
}

/// The filtered queue as CSV (UTF-8 with a byte-order mark), up to 10 000 rows; audited.
#[utoipa::path(
    tag = "workflow",
    params(QueueFilter),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv"),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/petitions.csv")]
pub async fn export(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: HttpRequest,
    filter: web::Query<QueueFilter>,
) -> AppResult<HttpResponse> {
    let client = crate::routes::client::ip(&req).to_string();
    let csv = workflow::queue::export(&state, who.id, &client, &filter).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"queue-{}.csv\"",
                crate::time::today()
            ),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(csv))
}
