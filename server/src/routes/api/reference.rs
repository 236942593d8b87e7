//! `GET /api/v1/reference`: regions, categories and kinds for the filing form.

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
