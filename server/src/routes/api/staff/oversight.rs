//! `GET /api/v1/staff/oversight`: the live 漏排/超期/督办 picture across the staff member's
//! unit (or a unit below it) and the units below that.

use actix_web::{get, web};
use serde::Deserialize;
use shared::ids::UnitId;
use shared::statistics::OversightView;

use crate::auth::StaffAuth;
use crate::error::AppResult;
use crate::services::statistics::oversight::oversight as load;
use crate::state::AppState;

/// The unit of the picture: the caller's own when absent, else one below it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Unit {
    pub unit: Option<UnitId>,
}

#[utoipa::path(
    tag = "statistics",
    params(Unit),
    responses(
        (status = 200, body = OversightView),
        (status = 401, body = shared::ApiError),
        (status = 403, body = shared::ApiError),
        (status = 422, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/staff/oversight")]
pub async fn oversight(
    state: web::Data<AppState>,
    who: StaffAuth,
    q: web::Query<Unit>,
) -> AppResult<web::Json<OversightView>> {
    Ok(web::Json(load(&state, who.id, q.unit).await?))
}
