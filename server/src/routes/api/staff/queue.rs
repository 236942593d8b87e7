//! `GET /api/v1/staff/petitions`: 待办队列 by due date, filtered, 50 a page.

use actix_web::{get, web};
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
