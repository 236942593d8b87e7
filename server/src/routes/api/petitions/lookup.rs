//! `POST /api/v1/petitions/lookup`: 查询 by number and query code, no login.

use actix_web::{HttpRequest, post, web};
use shared::petition::{LookupRequest, PetitionProgress};

use crate::error::AppResult;
use crate::routes::client;
use crate::services::petitions;
use crate::state::AppState;

/// POST, not GET, so the code never lands in an address bar, a history or a log.
#[utoipa::path(
    tag = "petitions",
    request_body = LookupRequest,
    responses(
        (status = 200, body = PetitionProgress),
        (status = 404, body = shared::ApiError, description = "Wrong number or code (one answer for both)"),
        (status = 429, body = shared::ApiError),
    )
)]
#[post("/petitions/lookup")]
pub async fn lookup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LookupRequest>,
) -> AppResult<web::Json<PetitionProgress>> {
    state.limiters.lookup(client::ip(&req))?;
    Ok(web::Json(petitions::lookup(&state, &body).await?))
}
