//! Server functions of 对接系统 and 消息投递: webhooks, partner systems, dead letters.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::{admin, caller, id};
use crate::error::UiError;

/// 对接系统: webhook subscriptions and partner systems.
#[server(prefix = "/ui", endpoint = "admin-integrations")]
pub async fn admin_integrations() -> Result<
    (
        Vec<shared::notice::SubscriptionView>,
        Vec<shared::partner::PartnerView>,
    ),
    UiError,
> {
    Ok(crate::api::ssr::apply(
        admin()?.integrations(&caller()?).await?,
    ))
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
    Ok(crate::api::ssr::apply(
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
    Ok(crate::api::ssr::apply(
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
    crate::api::ssr::apply(admin()?.set_unit_partner(&caller()?, unit, req).await?);
    Ok(())
}

/// 消息投递: the dead letters (messages that could not be delivered and stopped retrying).
#[server(prefix = "/ui", endpoint = "admin-outbox")]
pub async fn admin_outbox() -> Result<Vec<shared::notice::OutboxMessageView>, UiError> {
    Ok(crate::api::ssr::apply(
        admin()?.outbox(&caller()?, "dead".to_owned()).await?,
    ))
}

/// Sends a dead message again.
#[server(prefix = "/ui", endpoint = "admin-retry-message")]
pub async fn admin_retry_message(message_id: String) -> Result<(), UiError> {
    crate::api::ssr::apply(
        admin()?
            .retry_message(&caller()?, id("message_id", &message_id)?)
            .await?,
    );
    Ok(())
}
