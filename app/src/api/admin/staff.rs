//! Server functions of 人员管理: staff accounts, their roles, second factor and password.

// The staff forms post one checkbox per role; the server function macro copies the
// argument list into the client stub, where a local allow does not reach.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field, in both builds"
)]

use leptos::prelude::*;
use shared::admin::{NewStaffView, StaffAccountView};

#[cfg(feature = "ssr")]
use super::{admin, caller, id};
use crate::error::UiError;

/// The roles ticked on a staff form (one checkbox per role, named `role_<code>`).
#[cfg(feature = "ssr")]
fn ticked(roles: [Option<String>; 7]) -> Vec<shared::staff::Role> {
    shared::staff::Role::ALL
        .iter()
        .copied()
        .zip(roles)
        .filter_map(|(r, on)| on.is_some().then_some(r))
        .collect()
}

#[server(prefix = "/ui", endpoint = "admin-staff")]
pub async fn admin_staff() -> Result<Vec<StaffAccountView>, UiError> {
    Ok(crate::api::ssr::apply(admin()?.staff(&caller()?).await?))
}

#[server(prefix = "/ui", endpoint = "admin-create-staff")]
pub async fn admin_create_staff(
    username: String,
    display_name: String,
    unit_id: String,
    role_intake: Option<String>,
    role_handler: Option<String>,
    role_unit_head: Option<String>,
    role_supervisor: Option<String>,
    role_leader: Option<String>,
    role_administrator: Option<String>,
    role_auditor: Option<String>,
) -> Result<NewStaffView, UiError> {
    let roles = ticked([
        role_intake,
        role_handler,
        role_unit_head,
        role_supervisor,
        role_leader,
        role_administrator,
        role_auditor,
    ]);
    let req = shared::admin::NewStaffRequest {
        username,
        display_name,
        unit_id: shared::ids::UnitId(id("unit_id", &unit_id)?),
        roles,
    };
    Ok(crate::api::ssr::apply(
        admin()?.create_staff(&caller()?, req).await?,
    ))
}

#[server(prefix = "/ui", endpoint = "admin-update-staff")]
pub async fn admin_update_staff(
    staff_id: String,
    unit_id: String,
    role_intake: Option<String>,
    role_handler: Option<String>,
    role_unit_head: Option<String>,
    role_supervisor: Option<String>,
    role_leader: Option<String>,
    role_administrator: Option<String>,
    role_auditor: Option<String>,
) -> Result<(), UiError> {
    let roles = ticked([
        role_intake,
        role_handler,
        role_unit_head,
        role_supervisor,
        role_leader,
        role_administrator,
        role_auditor,
    ]);
    let req = shared::admin::StaffUpdateRequest {
        unit_id: shared::ids::UnitId(id("unit_id", &unit_id)?),
        roles,
    };
    crate::api::ssr::apply(
        admin()?
            .update_staff(&caller()?, id("staff_id", &staff_id)?, req)
            .await?,
    );
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-reset-totp")]
pub async fn admin_reset_totp(staff_id: String) -> Result<(), UiError> {
    crate::api::ssr::apply(
        admin()?
            .reset_totp(&caller()?, id("staff_id", &staff_id)?)
            .await?,
    );
    Ok(())
}

/// 重设密码: the one-time password comes back to show once.
#[server(prefix = "/ui", endpoint = "admin-reset-password")]
pub async fn admin_reset_password(staff_id: String) -> Result<NewStaffView, UiError> {
    Ok(crate::api::ssr::apply(
        admin()?
            .reset_staff_password(&caller()?, id("staff_id", &staff_id)?)
            .await?,
    ))
}

#[server(prefix = "/ui", endpoint = "admin-disable-staff")]
pub async fn admin_disable_staff(staff_id: String) -> Result<(), UiError> {
    let id = id("staff_id", &staff_id)?;
    crate::api::ssr::apply(admin()?.set_staff_disabled(&caller()?, id, true).await?);
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-enable-staff")]
pub async fn admin_enable_staff(staff_id: String) -> Result<(), UiError> {
    let id = id("staff_id", &staff_id)?;
    crate::api::ssr::apply(admin()?.set_staff_disabled(&caller()?, id, false).await?);
    Ok(())
}
