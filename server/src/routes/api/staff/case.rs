//! `GET /api/v1/staff/petitions/{number}`: the case file as this staff member may see it.

use actix_web::{get, web};
use shared::petition::StaffPetitionView;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::workflow;
use crate::state::AppState;

#[utoipa::path(
    tag = "workflow",
    params(("number" = String, Path)),
    responses(
        (status = 200, body = StaffPetitionView),
        (status = 401, body = shared::ApiError),
        (status = 404, body = shared::ApiError, description = "Unknown, or not this staff member's to see"),
    ),
    security(("bearer" = []))
)]
#[get("/staff/petitions/{number}")]
pub async fn case(
    state: web::Data<AppState>,
    who: StaffAuth,
    req: actix_web::HttpRequest,
    path: web::Path<String>,
) -> AppResult<web::Json<StaffPetitionView>> {
    let client = crate::routes::client::ip(&req).to_string();
    Ok(web::Json(
        workflow::detail(&state, who.id, &client, &path).await?,
    ))
}
