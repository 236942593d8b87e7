//! Server functions of the administration pages (系统管理), a file per section; the audit
//! trail's two (auditors only) are here.

mod integrations;
mod reference;
mod staff;
mod units;

pub use integrations::*;
pub use reference::*;
pub use staff::*;
pub use units::*;

use leptos::prelude::*;

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
