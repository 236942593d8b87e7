//! `GET /api/v1/accounts/me`: the account's own data, unmasked for its owner.

use actix_web::{get, web};
use shared::account::AccountView;

use crate::auth::CitizenAuth;
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, body = AccountView),
        (status = 401, body = shared::ApiError),
    ),
    security(("bearer" = []))
)]
#[get("/accounts/me")]
pub async fn me(state: web::Data<AppState>, who: CitizenAuth) -> AppResult<web::Json<AccountView>> {
    Ok(web::Json(accounts::me(&state, who.id).await?))
}
