//! 绑定动态口令: a staff member binds an authenticator app; roles can make it mandatory.

use shared::ids::StaffId;
use shared::staff::{Role, TotpSetupView};

use crate::auth::totp;
use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Whether `roles` oblige the account to use a second factor.
pub fn required(state: &AppState, roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|r| state.settings.security.totp_required_roles.contains(r))
}

/// Step 1: a fresh secret for the app. Refused once a factor is bound (an administrator
/// resets a lost one), so a stolen session cannot swap the factor.
pub async fn setup(state: &AppState, id: StaffId) -> AppResult<TotpSetupView> {
    let staff = db::staff::by_id(&state.db.pool, id.0)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let current = db::staff::totp(&state.db.pool, id.0).await?;
    if current.is_some_and(|t| t.enabled) {
        return Err(AppError::Conflict(
            "您已绑定动态口令；如需更换，请联系系统管理员重置。".into(),
        ));
    }
    let secret = totp::new_secret();
    let enc = state.vault.encrypt(Field::TotpSecret, &base64_of(&secret));
    db::staff::set_totp_secret(&state.db.writer, id.0, &enc).await?;
    let (secret, url) = totp::enrolment(&secret, &staff.username);
    let qr_svg = totp::qr_svg(&url);
    Ok(TotpSetupView {
        secret,
        url,
        qr_svg,
    })
}

/// Step 2 (and every login after it): checks a code against the stored secret and uses
/// it up. Returns false for a wrong, stale or replayed code.
pub async fn check(state: &AppState, id: StaffId, code: &str) -> AppResult<bool> {
    let Some(row) = db::staff::totp(&state.db.pool, id.0).await? else {
        return Ok(false);
    };
    let Some(enc) = row.secret_enc else {
        return Ok(false);
    };
    let secret = from_base64(&state.vault.decrypt(Field::TotpSecret, &enc)?)?;
    let now = u64::try_from(crate::time::now_ms() / 1000).unwrap_or(0);
    match totp::verify(&secret, code, now, row.last_step) {
        Some(step) => Ok(db::staff::use_totp_step(&state.db.writer, id.0, step).await?),
        None => Ok(false),
    }
}

pub async fn confirm(state: &AppState, id: StaffId, client: &str, code: &str) -> AppResult<()> {
    if check(state, id, code).await? {
        let entry = crate::audit::Entry {
            at: crate::time::now_ms(),
            actor: format!("staff:{}", id.0),
            role: None,
            unit_id: None,
            action: "staff_totp_bound",
            petition_id: None,
            detail: None,
            client: Some(client),
        };
        crate::audit::record_alone(state, entry).await?;
        tracing::info!(staff.id = id.0, "second factor bound");
        Ok(())
    } else {
        Err(AppError::field(
            "code",
            "动态口令不正确或已过期，请输入应用中显示的最新6位数字",
        ))
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn from_base64(s: &str) -> anyhow::Result<Vec<u8>> {
    use base64::Engine;
    Ok(base64::engine::general_purpose::STANDARD.decode(s)?)
}
