//! 更换手机号码: the new number is proved by a code sent to it, the owner by the password;
//! the login name changes with it.

use anyhow::Context;
use shared::account::{ChangePhoneRequest, CodePurpose, SmsCode};
use shared::error::Problems;
use shared::ids::CitizenId;
use shared::person::MobilePhone;

use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::verification;
use crate::state::AppState;

pub async fn change_phone(
    state: &AppState,
    id: CitizenId,
    req: &ChangePhoneRequest,
) -> AppResult<()> {
    let mut p = Problems::default();
    let phone = p.check("phone", MobilePhone::parse(&req.phone));
    let code = p.check("sms_code", SmsCode::parse(&req.sms_code));
    if req.password.is_empty() {
        p.push("password", "请填写登录密码");
    }
    p.finish()?;
    let (phone, code) = (phone.expect("checked"), code.expect("checked"));
    let row = db::citizens::by_id(&state.db.pool, id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !state
        .passwords
        .verify(Some(row.password_hash), &req.password)
        .await
    {
        return Err(AppError::field("password", "登录密码不正确"));
    }
    let code_id = verification::check(state, &phone, CodePurpose::ChangePhone, &code).await?;
    let vault = &state.vault;
    let phone_idx = vault.blind_index(Field::Phone, phone.as_str());
    let mut tx = state.db.begin_write().await?;
    let (taken, _) = db::citizens::taken(&mut tx, &phone_idx, &[]).await?;
    if taken {
        return Err(AppError::field("phone", "该手机号码已被其他账户使用"));
    }
    verification::spend(&mut tx, code_id).await?;
    let phone_enc = vault.encrypt(Field::Phone, phone.as_str());
    if let Err(e) = db::citizens::set_phone(&mut tx, id, &phone_enc, &phone_idx).await {
        return Err(match db::unique_violation(&e) {
            Some(_) => AppError::field("phone", "该手机号码已被其他账户使用"),
            None => e.into(),
        });
    }
    tx.commit()
        .await
        .context("failed to commit the phone change")?;
    tracing::info!(citizen.id = %id, "phone number changed");
    Ok(())
}
