//! 短信验证码: six digits from the operating system's random source, valid five minutes,
//! single use, dead after five tries, bound to the phone and the purpose, at most one per
//! phone and purpose per minute and ten a day (and a per-address hourly limit). Only a keyed
//! hash is stored; the code itself travels encrypted in the outbox and is never logged.

use std::net::IpAddr;

use rand::RngExt;
use rand::rand_core::UnwrapErr;
use rand::rngs::SysRng;
use shared::account::verification::{CODE_MINUTES, CODES_PER_DAY, MAX_TRIES, RESEND_SECS};
use shared::account::{CodePurpose, SendCodeRequest, SendCodeView, SmsCode};
use shared::ids::CodeId;
use shared::person::MobilePhone;

use crate::crypto::{Field, same};
use crate::db::{self, Tx};
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient, enqueue};
use crate::notify::templates::Event;
use crate::state::AppState;
use crate::time::now_ms;

const DAY_MS: i64 = 24 * 3600 * 1000;

fn mac(state: &AppState, phone: &MobilePhone, purpose: CodePurpose, code: &str) -> Vec<u8> {
    let bound = format!("{}:{}:{code}", purpose.code(), phone.as_str());
    state.vault.blind_index(Field::VerificationCode, &bound)
}

/// Sends a code to `req.phone` for `req.purpose`.
pub async fn send(state: &AppState, ip: IpAddr, req: &SendCodeRequest) -> AppResult<SendCodeView> {
    let phone =
        MobilePhone::parse(&req.phone).map_err(|e| AppError::field("phone", e.to_string()))?;
    state.limiters.sms(ip)?;
    let phone_idx = state.vault.blind_index(Field::Phone, phone.as_str());
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let purpose = req.purpose.code();
    if db::verification::sent_since(&mut tx, &phone_idx, purpose, now - RESEND_SECS * 1000).await?
        > 0
    {
        return Err(AppError::Throttled(format!(
            "验证码已发送，请{RESEND_SECS}秒后再获取。"
        )));
    }
    if db::verification::sent_since(&mut tx, &phone_idx, purpose, now - DAY_MS).await?
        >= CODES_PER_DAY
    {
        return Err(AppError::Throttled(format!(
            "该手机号码今日获取验证码已达{CODES_PER_DAY}次，请明天再试。"
        )));
    }
    let code = format!("{:06}", UnwrapErr(SysRng).random_range(0..1_000_000));
    let id = db::verification::insert(
        &mut tx,
        &phone_idx,
        req.purpose.code(),
        &mac(state, &phone, req.purpose, &code),
        now + CODE_MINUTES * 60_000,
        now,
    )
    .await?;
    let notice = Notice::new(
        Event::VerificationCode,
        Recipient::Phone(phone.as_str().to_owned()),
        &[("code", code), ("minutes", CODE_MINUTES.to_string())],
    );
    enqueue(&mut tx, &state.vault, None, &format!("v{id}"), &notice, now).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.outbox_wake.notify_one();
    Ok(SendCodeView {
        expires_in: CODE_MINUTES * 60,
        resend_after: RESEND_SECS,
    })
}

/// Checks `code` for the phone and purpose; every check costs one of the five tries.
/// Returns the code's id, to be spent with [`spend`] in the transaction it proves.
pub async fn check(
    state: &AppState,
    phone: &MobilePhone,
    purpose: CodePurpose,
    code: &SmsCode,
) -> AppResult<CodeId> {
    let pool = &state.db.pool;
    let phone_idx = state.vault.blind_index(Field::Phone, phone.as_str());
    let live =
        db::verification::live(pool, &phone_idx, purpose.code(), now_ms(), MAX_TRIES).await?;
    let Some((id, stored, _)) = live else {
        return Err(AppError::field(
            "sms_code",
            "验证码已失效或未获取，请重新获取验证码",
        ));
    };
    let expired = || AppError::field("sms_code", "验证码错误次数过多，已失效，请重新获取");
    // The try is taken before the comparison, atomically, so concurrent guesses cannot all
    // slip in under the limit.
    let Some(tries) = db::verification::take_try(&state.db.writer, id, MAX_TRIES).await? else {
        return Err(expired());
    };
    if same(&stored, &mac(state, phone, purpose, code.as_str())) {
        return Ok(CodeId(id));
    }
    let left = MAX_TRIES - tries;
    Err(AppError::field(
        "sms_code",
        if left > 0 {
            format!("验证码不正确，还可以再试{left}次")
        } else {
            "验证码错误次数过多，已失效，请重新获取".to_owned()
        },
    ))
}

/// Spends a checked code with the change it proves: a code works once.
pub async fn spend(tx: &mut Tx, id: CodeId) -> AppResult<()> {
    if db::verification::spend(tx, id.0, now_ms()).await? {
        Ok(())
    } else {
        Err(AppError::field("sms_code", "验证码已使用，请重新获取"))
    }
}
