//! 实名注册: a citizen registers with a real name, ID number, phone (proved by an SMS
//! code) and password. Attempts are limited per client, every attempt uses up its code,
//! and a phone or ID number already registered gets one answer for both, so that nobody
//! can learn from it whether a given person has an account: having one means having
//! petitioned online, which is nobody else's business.

use anyhow::Context;
use shared::account::{CodePurpose, RegisterRequest};
use std::net::IpAddr;

use shared::ids::CitizenId;

use crate::crypto::Field;
use crate::db::{self, citizens::NewCitizenRow};
use crate::error::{AppError, AppResult};
use crate::services::verification;
use crate::state::AppState;
use crate::time::{now_ms, today};

/// The one answer when the phone or the ID number is registered already.
const REFUSED: &str = "无法使用这些信息注册。如您已经注册，请用注册时的手机号码直接登录；如身份证号码被他人冒用，请携带身份证件到信访部门处理。";

pub async fn register(state: &AppState, ip: IpAddr, req: &RegisterRequest) -> AppResult<CitizenId> {
    state.limiters.register(ip)?;
    let account = req.validate(today())?;
    if let Err(e) = state.passwords.check(&account.password) {
        return Err(AppError::field("password", e.to_string()));
    }
    let code = verification::check(
        state,
        &account.phone,
        CodePurpose::Register,
        &account.sms_code,
    )
    .await?;
    // Used up by this attempt, whatever comes of it: one code, one answer.
    if !db::verification::burn(&state.db.writer, code.0, now_ms()).await? {
        return Err(AppError::field("sms_code", "验证码已使用，请重新获取"));
    }
    let vault = &state.vault;
    let phone_idx = vault.blind_index(Field::Phone, account.phone.as_str());
    let id_number_idx = vault.blind_index(Field::IdNumber, account.id_number.as_str());
    // Read before the password is hashed, so a refused attempt costs no hashing.
    let mut read = state.db.pool.acquire().await?;
    let (phone_taken, id_taken) =
        db::citizens::taken(&mut read, &phone_idx, &id_number_idx).await?;
    drop(read);
    if phone_taken || id_taken {
        return Err(AppError::Conflict(REFUSED.into()));
    }
    let password_hash = state.passwords.hash(&account.password).await?;

    let mut tx = state.db.begin_write().await?;
    let email_enc = account
        .email
        .as_ref()
        .map(|e| vault.encrypt(Field::Email, e.as_str()));
    let address_enc = account
        .address
        .as_ref()
        .map(|a| vault.encrypt(Field::Address, a.as_str()));
    let inserted = db::citizens::insert(
        &mut tx,
        NewCitizenRow {
            real_name_enc: &vault.encrypt(Field::RealName, account.real_name.as_str()),
            id_number_enc: &vault.encrypt(Field::IdNumber, account.id_number.as_str()),
            id_number_idx: &id_number_idx,
            phone_enc: &vault.encrypt(Field::Phone, account.phone.as_str()),
            phone_idx: &phone_idx,
            email_enc: email_enc.as_deref(),
            address_enc: address_enc.as_deref(),
            password_hash: &password_hash,
            created_at: now_ms(),
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) => {
            return Err(match db::unique_violation(&e) {
                // Registered meanwhile by a request racing this one.
                Some(_) => AppError::Conflict(REFUSED.into()),
                None => e.into(),
            });
        }
    };
    // Matters staff registered for this person (same ID number and phone) are theirs now.
    let claimed = db::petitions::claim_offline(&mut tx, id, &id_number_idx, &phone_idx).await?;
    tx.commit()
        .await
        .context("failed to commit the registration")?;
    tracing::info!(citizen.id = %id, offline_matters = claimed, "citizen registered");
    Ok(id)
}
