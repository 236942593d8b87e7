//! `GET /api/v1/staff/me`: the staff member's name, unit and roles.

use actix_web::{get, web};
use shared::staff::StaffView;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::staff;
use crate::state::AppState;

#[utoipa::path(
    tag = "staff",
    responses((status = 200, body = StaffView), (status = 401, body = shared::ApiError)),
    security(("bearer" = []))
)]
#[get("/staff/me")]
pub async fn me(state: web::Data<AppState>, who: StaffAuth) -> AppResult<web::Json<StaffView>> {
    Ok(web::Json(staff::me(&state, who.id).await?))
}
