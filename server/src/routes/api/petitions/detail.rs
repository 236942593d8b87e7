//! `GET /api/v1/petitions/{number}`: the whole petition, for its owner.

use actix_web::{get, web};
use shared::petition::PetitionView;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::petitions;
use crate::state::AppState;

#[utoipa::path(
    tag = "petitions",
    params(("number" = String, Path, description = "e.g. 2026-320102-000042")),
    responses(
        (status = 200, body = PetitionView),
        (status = 401, body = shared::ApiError),
        (status = 404, body = shared::ApiError, description = "No such petition, or not yours"),
    ),
    security(("bearer" = []))
)]
#[get("/petitions/{number}")]
pub async fn detail(
    state: web::Data<AppState>,
    who: CitizenAuth,
    path: web::Path<String>,
) -> AppResult<web::Json<PetitionView>> {
    Ok(web::Json(petitions::view(&state, who.id, &path).await?))
}
