//! 实名注册: a citizen registers with a real name, ID number, phone (proved by an SMS
//! code) and password.

use anyhow::Context;
use shared::account::{CodePurpose, RegisterRequest};
use shared::error::Problems;
use shared::ids::CitizenId;

use crate::crypto::Field;
use crate::db::{self, citizens::NewCitizenRow};
use crate::error::{AppError, AppResult};
use crate::services::verification;
use crate::state::AppState;
use crate::time::{now_ms, today};

pub async fn register(state: &AppState, req: &RegisterRequest) -> AppResult<CitizenId> {
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
    let vault = &state.vault;
    let phone_idx = vault.blind_index(Field::Phone, account.phone.as_str());
    let id_number_idx = vault.blind_index(Field::IdNumber, account.id_number.as_str());
    let password_hash = state.passwords.hash(&account.password).await?;

    let mut tx = state.db.begin_write().await?;
    let (phone_taken, id_taken) = db::citizens::taken(&mut tx, &phone_idx, &id_number_idx).await?;
    let mut problems = Problems::default();
    if phone_taken {
        problems.push("phone", "该手机号码已注册，请直接登录");
    }
    if id_taken {
        problems.push("id_number", "该身份证号码已注册，请用注册时的手机号码登录");
    }
    problems.finish()?;
    verification::spend(&mut tx, code).await?;
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
                Some(Some(c)) if c == "citizens_phone_key" => {
                    AppError::field("phone", "该手机号码已注册，请直接登录")
                }
                Some(Some(c)) if c == "citizens_id_number_key" => {
                    AppError::field("id_number", "该身份证号码已注册，请用注册时的手机号码登录")
                }
                Some(_) => {
                    AppError::Conflict("该手机号码或身份证号码刚刚被注册，请直接登录。".into())
                }
                None => e.into(),
            });
        }
    };
    tx.commit()
        .await
        .context("failed to commit the registration")?;
    tracing::info!(citizen.id = %id, "citizen registered");
    Ok(id)
}
