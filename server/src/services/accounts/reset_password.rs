//! 找回密码: a citizen who forgot the password proves the phone on file with an SMS code
//! and chooses a new one; every session of the account ends at once.

use anyhow::Context;
use shared::account::{CodePurpose, ResetPasswordRequest, SmsCode};
use shared::error::Problems;
use shared::person::{MobilePhone, Password};

use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::verification;
use crate::state::AppState;
use crate::time::now_ms;

/// A guesser of codes is held to the registrations' pace per client address.
pub async fn reset_password(
    state: &AppState,
    ip: std::net::IpAddr,
    req: &ResetPasswordRequest,
) -> AppResult<()> {
    state.limiters.register(ip)?;
    let mut p = Problems::default();
    let phone = p.check("phone", MobilePhone::parse(&req.phone));
    let code = p.check("sms_code", SmsCode::parse(&req.sms_code));
    let new = p.check("new_password", Password::parse(&req.new_password));
    if let Some(new) = &new
        && let Err(e) = state.passwords.check(new)
    {
        p.push("new_password", e.to_string());
    }
    p.finish()?;
    let (phone, code, new) = (
        phone.expect("checked"),
        code.expect("checked"),
        new.expect("checked"),
    );
    // The code first: only the phone's holder learns whether it has an account.
    let code_id = verification::check(state, &phone, CodePurpose::ResetPassword, &code).await?;
    let phone_idx = state.vault.blind_index(Field::Phone, phone.as_str());
    let Some(citizen) = db::citizens::by_phone_idx(&state.db.pool, &phone_idx).await? else {
        return Err(AppError::field("phone", "该手机号码没有注册账户，请先注册"));
    };
    let hash = state.passwords.hash(&new).await?;
    let mut tx = state.db.begin_write().await?;
    verification::spend(&mut tx, code_id).await?;
    db::citizens::set_password(&mut tx, citizen.id, &hash).await?;
    db::sessions::revoke_all(&mut tx, "citizen", citizen.id.0, now_ms()).await?;
    tx.commit()
        .await
        .context("failed to commit the password reset")?;
    tracing::info!(citizen.id = %citizen.id, "password reset by SMS code; all sessions revoked");
    Ok(())
}
