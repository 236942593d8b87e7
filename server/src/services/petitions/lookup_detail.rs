//! 查看详情 after a look-up: whoever holds the number and the query code may also read the
//! petition itself and its replies, once a code texted to the petitioner's phone on file
//! proves they are the petitioner (or someone the petitioner trusts with that phone). In
//! the browser that proof also lets them rate the reply and ask for 复查 (a petitioner
//! without an account has no other way of their own; see `ui::portal::track`).

use std::net::IpAddr;

use shared::account::{CodePurpose, SendCodeRequest, SmsCode};
use shared::person::{MobilePhone, mask_phone};
use shared::petition::{LookupCodeView, LookupDetailRequest, LookupRequest, PetitionView};

use crate::crypto::Field;
use crate::db::{self, petitions::PetitionRow};
use crate::error::{AppError, AppResult};
use crate::services::verification;
use crate::state::AppState;

/// The petition behind a valid number and query code, or "not found" (as the look-up).
async fn row(state: &AppState, number: &str, code: &str) -> AppResult<PetitionRow> {
    let req = LookupRequest {
        number: number.to_owned(),
        query_code: code.to_owned(),
    };
    super::lookup::checked(state, &req).await
}

/// The phone the petitioner gave: their account's, or the one staff registered.
async fn phone_of(state: &AppState, row: &PetitionRow) -> AppResult<MobilePhone> {
    let pool = &state.db.pool;
    let enc = match row.citizen_id {
        Some(c) => db::citizens::by_id(pool, c).await?.map(|c| c.phone_enc),
        None => db::petitions::petitioner(pool, row.id)
            .await?
            .map(|p| p.phone),
    }
    .ok_or_else(|| AppError::Conflict("该信访事项没有登记手机号码，无法发送验证码。".into()))?;
    let phone = state
        .vault
        .decrypt(Field::Phone, &enc)
        .map_err(|e| anyhow::anyhow!("cannot open a petitioner's phone: {e}"))?;
    MobilePhone::parse(&phone).map_err(|_| {
        AppError::Conflict("登记的手机号码无法接收短信，请携带身份证件到信访部门查询。".into())
    })
}

/// Texts a code to the petitioner's phone for a look-up that proved number and code.
pub async fn send_code(
    state: &AppState,
    ip: IpAddr,
    req: &LookupRequest,
) -> AppResult<LookupCodeView> {
    let row = row(state, &req.number, &req.query_code).await?;
    send_code_for(state, ip, &row).await
}

/// As [`send_code`], for a browser whose look-up grant already proved the code.
pub async fn send_code_for(
    state: &AppState,
    ip: IpAddr,
    row: &PetitionRow,
) -> AppResult<LookupCodeView> {
    let phone = phone_of(state, row).await?;
    let sent = verification::send(
        state,
        ip,
        &SendCodeRequest {
            phone: phone.as_str().to_owned(),
            purpose: CodePurpose::Lookup,
        },
    )
    .await?;
    Ok(LookupCodeView {
        sent_to: mask_phone(phone.as_str()),
        expires_in: sent.expires_in,
    })
}

/// The petition and its replies, for number, query code and the texted code.
pub async fn detail(state: &AppState, req: &LookupDetailRequest) -> AppResult<PetitionView> {
    let row = row(state, &req.number, &req.query_code).await?;
    unlock(state, &row, &req.sms_code).await?;
    // This door only reads: rating and review requests are made in the browser.
    read(state, row, false).await
}

/// Checks and spends the texted code for `row`.
pub async fn unlock(state: &AppState, row: &PetitionRow, sms_code: &str) -> AppResult<()> {
    let code = SmsCode::parse(sms_code).map_err(|e| AppError::field("sms_code", e))?;
    let phone = phone_of(state, row).await?;
    let id = verification::check(state, &phone, CodePurpose::Lookup, &code).await?;
    let mut tx = state.db.begin_write().await?;
    verification::spend(&mut tx, id).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

/// The petition as its owner reads it. Withdrawing and adding material stay with the
/// account (or the desk); `answers`: whether this door also takes the petitioner's rating
/// and review request, which the look-up page does once the texted code unlocked it.
pub async fn read(state: &AppState, row: PetitionRow, answers: bool) -> AppResult<PetitionView> {
    let mut view = super::view::full(state, row).await?;
    view.can_withdraw = false;
    view.can_add_material = false;
    view.can_rate &= answers;
    view.can_request_review &= answers;
    Ok(view)
}
