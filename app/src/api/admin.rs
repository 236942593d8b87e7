//! Server functions of the administration pages (系统管理).

// The staff forms post one checkbox per role; the server function macro copies the
// argument list into the client stub, where a local allow does not reach.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field, in both builds"
)]

use leptos::prelude::*;
use shared::admin::{CalendarYearView, NewStaffView, StaffAccountView, UnitView};
use shared::reference::ReferenceData;

use crate::error::UiError;

#[cfg(feature = "ssr")]
fn admin() -> Result<std::sync::Arc<dyn crate::ports::AdminDesk>, UiError> {
    use_context::<std::sync::Arc<dyn crate::ports::AdminDesk>>()
        .ok_or_else(|| UiError(shared::ApiError::internal()))
}

#[cfg(feature = "ssr")]
fn caller() -> Result<crate::ports::Caller, UiError> {
    Ok(super::ssr::caller(&*super::ssr::portal()?))
}

#[cfg(feature = "ssr")]
fn id(field: &str, value: &str) -> Result<i64, UiError> {
    value.trim().parse().map_err(|_| {
        UiError(shared::ApiError::validation(vec![shared::FieldError::new(
            field,
            "请选择",
        )]))
    })
}

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

#[server(prefix = "/ui", endpoint = "admin-units")]
pub async fn admin_units() -> Result<(Vec<UnitView>, ReferenceData), UiError> {
    Ok(super::ssr::apply(admin()?.units(&caller()?).await?))
}

#[server(prefix = "/ui", endpoint = "admin-create-unit")]
pub async fn admin_create_unit(
    parent_id: String,
    region_id: String,
    name: String,
    kind: String,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<(), UiError> {
    let u = unit_fields(&parent_id, &region_id, &kind, address, hours, phone)?;
    let req = shared::admin::NewUnitRequest {
        parent_id: u.parent_id,
        region_id: u.region_id,
        name,
        kind: u.kind,
        reception: u.reception,
    };
    super::ssr::apply(admin()?.create_unit(&caller()?, req).await?);
    Ok(())
}

/// The posted parts of a unit's record that need reading.
#[cfg(feature = "ssr")]
struct UnitFields {
    parent_id: Option<shared::ids::UnitId>,
    region_id: shared::ids::RegionId,
    kind: shared::admin::UnitKind,
    reception: shared::admin::Reception,
}

#[cfg(feature = "ssr")]
fn unit_fields(
    parent_id: &str,
    region_id: &str,
    kind: &str,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<UnitFields, UiError> {
    use shared::admin::UnitKind;
    let kind =
        UnitKind::from_code(kind).ok_or_else(|| super::ssr::refused("kind", "请选择单位类型"))?;
    let parent_id = if parent_id.is_empty() {
        None
    } else {
        Some(shared::ids::UnitId(id("parent_id", parent_id)?))
    };
    Ok(UnitFields {
        parent_id,
        region_id: shared::ids::RegionId(id("region_id", region_id)?),
        kind,
        reception: shared::admin::Reception {
            address: address.unwrap_or_default(),
            hours: hours.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
        },
    })
}

/// 改名, 调整隶属, 接待信息.
#[server(prefix = "/ui", endpoint = "admin-update-unit")]
pub async fn admin_update_unit(
    unit_id: String,
    parent_id: String,
    region_id: String,
    name: String,
    kind: String,
    address: Option<String>,
    hours: Option<String>,
    phone: Option<String>,
) -> Result<(), UiError> {
    let unit = shared::ids::UnitId(id("unit_id", &unit_id)?);
    let u = unit_fields(&parent_id, &region_id, &kind, address, hours, phone)?;
    let req = shared::admin::UnitUpdateRequest {
        parent_id: u.parent_id,
        region_id: u.region_id,
        name,
        kind: u.kind,
        reception: u.reception,
    };
    super::ssr::apply(admin()?.update_unit(&caller()?, unit, req).await?);
    Ok(())
}

/// 合并 (with `into`) or 撤销 (without) a unit.
#[server(prefix = "/ui", endpoint = "admin-close-unit")]
pub async fn admin_close_unit(unit_id: String, into: Option<String>) -> Result<(), UiError> {
    let unit = shared::ids::UnitId(id("unit_id", &unit_id)?);
    let into = match into.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(i) => Some(shared::ids::UnitId(id("into", i)?)),
    };
    super::ssr::apply(admin()?.close_unit(&caller()?, unit, into).await?);
    Ok(())
}

/// Adds or removes one competence of a unit.
#[server(prefix = "/ui", endpoint = "admin-competence")]
pub async fn admin_competence(
    unit_id: String,
    category_id: String,
    add: bool,
) -> Result<(), UiError> {
    use shared::admin::CompetencesRequest;
    use shared::ids::{CategoryId, UnitId};
    let (unit, category) = (id("unit_id", &unit_id)?, id("category_id", &category_id)?);
    let (units, _) = super::ssr::apply(admin()?.units(&caller()?).await?);
    let mut current: Vec<CategoryId> = units
        .into_iter()
        .find(|u| u.id.0 == unit)
        .map(|u| u.competences)
        .unwrap_or_default();
    current.retain(|c| c.0 != category);
    if add {
        current.push(CategoryId(category));
    }
    let req = CompetencesRequest {
        category_ids: current,
    };
    super::ssr::apply(
        admin()?
            .set_competences(&caller()?, UnitId(unit), req)
            .await?,
    );
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-staff")]
pub async fn admin_staff() -> Result<Vec<StaffAccountView>, UiError> {
    Ok(super::ssr::apply(admin()?.staff(&caller()?).await?))
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
    Ok(super::ssr::apply(
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
    super::ssr::apply(
        admin()?
            .update_staff(&caller()?, id("staff_id", &staff_id)?, req)
            .await?,
    );
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-reset-totp")]
pub async fn admin_reset_totp(staff_id: String) -> Result<(), UiError> {
    super::ssr::apply(
        admin()?
            .reset_totp(&caller()?, id("staff_id", &staff_id)?)
            .await?,
    );
    Ok(())
}

/// 重设密码: the one-time password comes back to show once.
#[server(prefix = "/ui", endpoint = "admin-reset-password")]
pub async fn admin_reset_password(staff_id: String) -> Result<NewStaffView, UiError> {
    Ok(super::ssr::apply(
        admin()?
            .reset_staff_password(&caller()?, id("staff_id", &staff_id)?)
            .await?,
    ))
}

#[server(prefix = "/ui", endpoint = "admin-disable-staff")]
pub async fn admin_disable_staff(staff_id: String) -> Result<(), UiError> {
    let id = id("staff_id", &staff_id)?;
    super::ssr::apply(admin()?.set_staff_disabled(&caller()?, id, true).await?);
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-enable-staff")]
pub async fn admin_enable_staff(staff_id: String) -> Result<(), UiError> {
    let id = id("staff_id", &staff_id)?;
    super::ssr::apply(admin()?.set_staff_disabled(&caller()?, id, false).await?);
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-create-category")]
pub async fn admin_create_category(parent_id: String, name: String) -> Result<(), UiError> {
    let parent_id = if parent_id.is_empty() {
        None
    } else {
        Some(shared::ids::CategoryId(id("parent_id", &parent_id)?))
    };
    let req = shared::admin::NewCategoryRequest { parent_id, name };
    super::ssr::apply(admin()?.create_category(&caller()?, req).await?);
    Ok(())
}

/// 导入行政区划 from the administration page (multipart: `within` and the files). Without
/// JavaScript the browser comes back to the page, which shows what the import changed.
#[server(prefix = "/ui", endpoint = "admin-import-regions", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn admin_import_regions(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(), UiError> {
    use super::ssr::{apply, read_multipart};
    let admin = admin()?;
    let caller = caller()?;
    // Who is asking comes first: only an administrator's upload is read at all.
    apply(admin.calendar(&caller).await?);
    let (fields, uploads) = read_multipart(data, "file", "文件").await?;
    let mut files = Vec::new();
    for f in uploads {
        files.push(String::from_utf8(f.bytes).map_err(|_| {
            super::ssr::refused("file", &format!("{}不是UTF-8编码的文本", f.file_name))
        })?);
    }
    if files.is_empty() {
        return Err(super::ssr::refused("file", "请选择区划代码文件"));
    }
    let within = fields.get("within").cloned();
    let done = apply(admin.import_regions(&caller, files, within).await?);
    leptos_actix::redirect(&format!(
        "/admin?imported={},{},{},{},{},{}#regions-h",
        done.added, done.renamed, done.moved, done.retired, done.restored, done.unchanged
    ));
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-categories")]
pub async fn admin_categories() -> Result<Vec<shared::admin::CategoryAdminView>, UiError> {
    Ok(super::ssr::apply(admin()?.categories(&caller()?).await?))
}

/// 改名, 调整顺序, 停用 or 恢复 a category (the checkbox `retired`).
#[server(prefix = "/ui", endpoint = "admin-update-category")]
pub async fn admin_update_category(
    category_id: String,
    name: String,
    position: String,
    retired: Option<String>,
) -> Result<(), UiError> {
    let category = shared::ids::CategoryId(id("category_id", &category_id)?);
    let position = position
        .trim()
        .parse()
        .map_err(|_| super::ssr::refused("position", "顺序应为整数"))?;
    let req = shared::admin::CategoryUpdateRequest {
        name,
        position,
        retired: retired.is_some(),
    };
    super::ssr::apply(admin()?.update_category(&caller()?, category, req).await?);
    Ok(())
}

/// 对接系统: webhook subscriptions and partner systems.
#[server(prefix = "/ui", endpoint = "admin-integrations")]
pub async fn admin_integrations() -> Result<
    (
        Vec<shared::notice::SubscriptionView>,
        Vec<shared::partner::PartnerView>,
    ),
    UiError,
> {
    Ok(super::ssr::apply(admin()?.integrations(&caller()?).await?))
}

/// 新增事件订阅; `events` is a comma-separated list (`*` for all). The secret comes back
/// to show once.
#[server(prefix = "/ui", endpoint = "admin-create-webhook")]
pub async fn admin_create_webhook(
    name: String,
    url: String,
    events: String,
) -> Result<shared::notice::SubscriptionView, UiError> {
    let events = events
        .split([',', '，', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect();
    let req = shared::notice::NewSubscriptionRequest { name, url, events };
    Ok(super::ssr::apply(
        admin()?.create_webhook(&caller()?, req).await?,
    ))
}

/// 接入对接系统; the secret comes back to show once.
#[server(prefix = "/ui", endpoint = "admin-create-partner")]
pub async fn admin_create_partner(
    name: String,
    url: String,
) -> Result<shared::partner::PartnerView, UiError> {
    let req = shared::partner::NewPartnerRequest { name, url };
    Ok(super::ssr::apply(
        admin()?.create_partner(&caller()?, req).await?,
    ))
}

/// A unit handled in a partner system, or (no partner chosen) in the portal again.
#[server(prefix = "/ui", endpoint = "admin-unit-partner")]
pub async fn admin_unit_partner(unit_id: String, partner_id: String) -> Result<(), UiError> {
    let unit = shared::ids::UnitId(id("unit_id", &unit_id)?);
    let partner_id = if partner_id.trim().is_empty() {
        None
    } else {
        Some(id("partner_id", &partner_id)?)
    };
    let req = shared::partner::UnitPartnerRequest { partner_id };
    super::ssr::apply(admin()?.set_unit_partner(&caller()?, unit, req).await?);
    Ok(())
}

/// 消息投递: the dead letters (messages that could not be delivered and stopped retrying).
#[server(prefix = "/ui", endpoint = "admin-outbox")]
pub async fn admin_outbox() -> Result<Vec<shared::notice::OutboxMessageView>, UiError> {
    Ok(super::ssr::apply(
        admin()?.outbox(&caller()?, "dead".to_owned()).await?,
    ))
}

/// Sends a dead message again.
#[server(prefix = "/ui", endpoint = "admin-retry-message")]
pub async fn admin_retry_message(message_id: String) -> Result<(), UiError> {
    super::ssr::apply(
        admin()?
            .retry_message(&caller()?, id("message_id", &message_id)?)
            .await?,
    );
    Ok(())
}

#[server(prefix = "/ui", endpoint = "admin-calendar")]
pub async fn admin_calendar() -> Result<Vec<CalendarYearView>, UiError> {
    Ok(super::ssr::apply(admin()?.calendar(&caller()?).await?))
}

#[server(prefix = "/ui", endpoint = "admin-put-calendar")]
pub async fn admin_put_calendar(year: String, text: String) -> Result<(), UiError> {
    let year = i32::try_from(id("year", &year)?).unwrap_or_default();
    let req = shared::admin::CalendarYearRequest { text };
    super::ssr::apply(admin()?.put_calendar(&caller()?, year, req).await?);
    Ok(())
}

/// 审计记录: a page of the trail, newest first (auditors only).
#[server(prefix = "/ui", endpoint = "audit-records")]
pub async fn audit_records(
    before: Option<String>,
    number: Option<String>,
) -> Result<shared::admin::AuditRecordsPage, UiError> {
    let before = before.and_then(|b| b.parse::<i64>().ok());
    let number = number.filter(|n| !n.trim().is_empty());
    Ok(super::ssr::apply(
        admin()?.audit_records(&caller()?, before, number).await?,
    ))
}

/// 校验审计链 (auditors only).
#[server(prefix = "/ui", endpoint = "audit-verify")]
pub async fn audit_verify() -> Result<shared::admin::AuditReport, UiError> {
    Ok(super::ssr::apply(admin()?.audit_verify(&caller()?).await?))
}
