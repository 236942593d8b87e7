//! 人员管理: staff accounts, their unit and roles, resetting a lost second factor, and
//! disabling an account. A change of roles, a reset factor and a disabled account end
//! every session of that person at once, and each change is audited in its own
//! transaction.

use shared::admin::{NewStaffRequest, NewStaffView, StaffAccountView, StaffUpdateRequest};
use shared::ids::{StaffId, UnitId};
use shared::staff::Role;

use super::{administrator, record, record_in};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

fn role_codes(roles: &[Role]) -> AppResult<String> {
    if roles.is_empty() {
        return Err(AppError::field("roles", "请至少选择一个角色"));
    }
    Ok(roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(","))
}

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<StaffAccountView>> {
    administrator(state, staff).await?;
    let mut out = Vec::new();
    for s in db::staff::all(&state.db.pool).await? {
        let totp = db::staff::totp(&state.db.pool, s.id)
            .await?
            .is_some_and(|t| t.enabled);
        out.push(StaffAccountView {
            id: s.id,
            username: s.username,
            display_name: s.display_name,
            unit_id: s.unit_id.map(UnitId),
            unit: s.unit,
            roles: Role::parse_list(&s.roles),
            totp_enabled: totp,
            disabled: s.disabled,
        });
    }
    Ok(out)
}

#[tracing::instrument(skip_all, fields(staff = %staff))]
pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewStaffRequest,
) -> AppResult<NewStaffView> {
    let actor = administrator(state, staff).await?;
    let username = req.username.trim();
    if !(3..=32).contains(&username.len())
        || !username
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    {
        return Err(AppError::field(
            "username",
            "用户名为3到32位字母、数字、下划线或点",
        ));
    }
    let display = req.display_name.trim();
    if !(2..=30).contains(&display.chars().count()) {
        return Err(AppError::field("display_name", "姓名或称呼应为2到30个字"));
    }
    let roles = role_codes(&req.roles)?;
    if state.org.get().await?.unit(req.unit_id).is_none() {
        return Err(AppError::field("unit_id", "请选择所属单位"));
    }
    let Some(password) =
        crate::services::staff::create(state, Some(req.unit_id.0), username, display, &roles)
            .await?
    else {
        return Err(AppError::field("username", "该用户名已被使用"));
    };
    let id = db::staff::by_username(&state.db.pool, username)
        .await?
        .map(|s| s.id)
        .ok_or(AppError::NotFound)?;
    // The administrator saw this password: the new colleague replaces it at first sign-in.
    db::staff::require_password_change(&state.db.writer, id).await?;
    record(
        state,
        &actor,
        client,
        "staff_create",
        format!("staff={id} roles={roles}"),
    )
    .await?;
    Ok(NewStaffView {
        id,
        username: username.to_owned(),
        initial_password: password,
    })
}

#[tracing::instrument(skip_all, fields(staff = %staff, target = %target))]
pub async fn update(
    state: &AppState,
    staff: StaffId,
    client: &str,
    target: StaffId,
    req: &StaffUpdateRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let roles = role_codes(&req.roles)?;
    if target == actor.id && !req.roles.contains(&Role::Administrator) {
        return Err(AppError::field("roles", "不能取消自己的系统管理员角色"));
    }
    if state.org.get().await?.unit(req.unit_id).is_none() {
        return Err(AppError::field("unit_id", "请选择所属单位"));
    }
    let mut tx = state.db.begin_write().await?;
    if !db::staff::update_unit_and_roles(&mut tx, target.0, req.unit_id.0, &roles).await? {
        return Err(AppError::NotFound);
    }
    db::sessions::revoke_all(&mut tx, "staff", target.0, now_ms()).await?;
    let detail = format!("staff={target} unit={} roles={roles}", req.unit_id.0);
    record_in(&mut tx, state, &actor, client, "staff_update", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

/// 停用 (`disable`) or 启用 an account; disabling ends its sessions at once.
#[tracing::instrument(skip_all, fields(staff = %staff, target = %target))]
pub async fn set_disabled(
    state: &AppState,
    staff: StaffId,
    client: &str,
    target: StaffId,
    disable: bool,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    if target == actor.id && disable {
        return Err(AppError::Conflict("不能停用自己的账户。".into()));
    }
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::staff::set_disabled(&mut tx, target.0, disable.then_some(now)).await? {
        return Err(AppError::NotFound);
    }
    db::sessions::revoke_all(&mut tx, "staff", target.0, now).await?;
    let action = if disable {
        "staff_disable"
    } else {
        "staff_enable"
    };
    record_in(
        &mut tx,
        state,
        &actor,
        client,
        action,
        format!("staff={target}"),
    )
    .await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(staff = %staff, target = %target))]
pub async fn reset_totp(
    state: &AppState,
    staff: StaffId,
    client: &str,
    target: StaffId,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let mut tx = state.db.begin_write().await?;
    if !db::staff::reset_totp(&mut tx, target.0).await? {
        return Err(AppError::NotFound);
    }
    db::sessions::revoke_all(&mut tx, "staff", target.0, now_ms()).await?;
    let detail = format!("staff={target}");
    record_in(&mut tx, state, &actor, client, "staff_totp_reset", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

/// 重设密码: a staff member who forgot theirs gets a one-time password from an
/// administrator, good only to choose a new one at the next sign-in; their sessions end.
#[tracing::instrument(skip_all, fields(staff = %staff, target = %target))]
pub async fn reset_password(
    state: &AppState,
    staff: StaffId,
    client: &str,
    target: StaffId,
) -> AppResult<NewStaffView> {
    let actor = administrator(state, staff).await?;
    let Some(row) = db::staff::by_id(&state.db.pool, target.0).await? else {
        return Err(AppError::NotFound);
    };
    let password = crate::services::staff::handed_out_password();
    let parsed = shared::person::Password::parse(&password)
        .map_err(|e| anyhow::anyhow!("a generated password: {e}"))?;
    let hash = state.passwords.hash(&parsed).await?;
    let mut tx = state.db.begin_write().await?;
    if !db::staff::set_handed_out_password(&mut tx, target.0, &hash).await? {
        return Err(AppError::NotFound);
    }
    db::sessions::revoke_all(&mut tx, "staff", target.0, now_ms()).await?;
    let detail = format!("staff={target}");
    record_in(
        &mut tx,
        state,
        &actor,
        client,
        "staff_password_reset",
        detail,
    )
    .await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(NewStaffView {
        id: target.0,
        username: row.username,
        initial_password: password,
    })
}
