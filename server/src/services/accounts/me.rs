//! 我的账户: the owner's own data, the one place it is shown unmasked.

use anyhow::Context;
use shared::account::AccountView;
use shared::ids::CitizenId;

use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn me(state: &AppState, id: CitizenId) -> AppResult<AccountView> {
    let row = db::citizens::by_id(&state.db.pool, id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let v = &state.vault;
    Ok(AccountView {
        real_name: v
            .decrypt(Field::RealName, &row.real_name_enc)
            .context("failed to open real_name")?,
        id_number: v
            .decrypt(Field::IdNumber, &row.id_number_enc)
            .context("failed to open id_number")?,
        phone: v
            .decrypt(Field::Phone, &row.phone_enc)
            .context("failed to open phone")?,
        email: row
            .email_enc
            .map(|e| v.decrypt(Field::Email, &e))
            .transpose()
            .context("failed to open email")?,
        address: row
            .address_enc
            .map(|a| v.decrypt(Field::Address, &a))
            .transpose()
            .context("failed to open address")?,
    })
}
