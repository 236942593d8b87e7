//! 登录: by mobile phone and password; every failure answers the same way.

use shared::account::LoginRequest;
use shared::person::MobilePhone;

use crate::auth::principal::Principal;
use crate::auth::sessions::{self, Issued};
use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Unknown phone, malformed phone and wrong password give the same answer after the
/// same argon2 work, so the response tells nothing about which accounts exist.
pub async fn login(state: &AppState, req: &LoginRequest) -> AppResult<Issued> {
    let row = match MobilePhone::parse(&req.phone) {
        Ok(phone) => {
            db::citizens::by_phone_idx(
                &state.db.pool,
                &state.vault.blind_index(Field::Phone, phone.as_str()),
            )
            .await?
        }
        Err(_) => None,
    };
    let ok = state
        .passwords
        .verify(row.as_ref().map(|r| r.password_hash.clone()), &req.password)
        .await;
    match row {
        Some(row) if ok => {
            sessions::start(
                state,
                Principal::Citizen {
                    id: row.id,
                    session: String::new(),
                },
            )
            .await
        }
        _ => Err(AppError::BadCredentials),
    }
}
