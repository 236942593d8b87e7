//! `GET /api/v1/petitions`: 我的信访.

use actix_web::{get, web};
use shared::petition::PetitionSummary;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::petitions;
use crate::state::AppState;

#[utoipa::path(
    tag = "petitions",
    responses((status = 200, body = Vec<PetitionSummary>), (status = 401, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[get("/petitions")]
pub async fn list_mine(
    state: web::Data<AppState>,
    who: CitizenAuth,
) -> AppResult<web::Json<Vec<PetitionSummary>>> {
    Ok(web::Json(petitions::list_mine(&state, who.id).await?))
}
