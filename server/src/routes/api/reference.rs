//! `GET /api/v1/reference`: regions, categories and kinds for the filing form; and
//! `GET /api/v1/reception`: the units' public reception details.

use actix_web::{get, web};
use shared::reference::ReferenceData;

use crate::error::AppResult;
use crate::services;
use crate::state::AppState;

#[utoipa::path(tag = "reference", responses((status = 200, body = ReferenceData)))]
#[get("/reference")]
pub async fn reference(state: web::Data<AppState>) -> AppResult<web::Json<ReferenceData>> {
    Ok(web::Json(
        services::reference::reference_data(&state).await?,
    ))
}

/// 信访接待: where and when each unit receives people, and its phone (art. 18).
#[utoipa::path(tag = "reference", responses((status = 200, body = Vec<shared::admin::ReceptionView>)))]
#[get("/reception")]
pub async fn reception(
    state: web::Data<AppState>,
) -> AppResult<web::Json<Vec<shared::admin::ReceptionView>>> {
    Ok(web::Json(services::admin::units::reception(&state).await?))
}
