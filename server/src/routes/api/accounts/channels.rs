//! `GET|PUT /api/v1/accounts/me/channels`: 通知方式.

use actix_web::{get, put, web};
use shared::notice::ChannelsView;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

#[utoipa::path(tag = "accounts", responses((status = 200, body = ChannelsView), (status = 401, body = shared::ApiError)), security(("bearer" = [])))]
#[get("/accounts/me/channels")]
pub async fn get(
    state: web::Data<AppState>,
    who: CitizenAuth,
) -> AppResult<web::Json<ChannelsView>> {
    Ok(web::Json(accounts::channels(&state, who.id).await?))
}

/// SMS and e-mail on or off; the in-app centre always keeps every notice.
#[utoipa::path(tag = "accounts", request_body = ChannelsView, responses((status = 200, body = ChannelsView), (status = 401, body = shared::ApiError)), security(("bearer" = [])))]
#[put("/accounts/me/channels")]
pub async fn set(
    state: web::Data<AppState>,
    who: CitizenAuth,
    body: web::Json<ChannelsView>,
) -> AppResult<web::Json<ChannelsView>> {
    Ok(web::Json(
        accounts::set_channels(&state, who.id, &body).await?,
    ))
}
