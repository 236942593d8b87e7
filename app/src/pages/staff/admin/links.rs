//! 消息投递 and 对接系统 on the administration page: dead letters, webhook subscriptions
//! and partner systems.

use leptos::prelude::*;
use shared::admin::UnitView;

use super::{Forms, unit_options};
use crate::api::{AdminCreatePartner, AdminCreateWebhook, AdminRetryMessage, AdminUnitPartner};
use crate::components::notice::{ErrorSummary, action_error, posted_error};

/// 消息投递: messages that could not be delivered and stopped retrying (content withheld:
/// channel, event, attempts and the last error), each sent again on request.
#[component]
pub(super) fn DeadLetters(dead: Vec<shared::notice::OutboxMessageView>, f: Forms) -> impl IntoView {
    let error = posted_error::<AdminRetryMessage>();
    let empty = dead.is_empty();
    let rows = dead
        .into_iter()
        .map(|m| {
            view! {
                <li class="card">
                    <p class="title">{format!("{} · {}", m.channel_label, m.event_label)}</p>
                    <p class="meta">{format!("尝试{}次 · 最后错误：{}", m.attempts, m.last_error.unwrap_or_default())}</p>
                    <ActionForm action=f.retry attr:class="inline">
                        <input type="hidden" name="message_id" value=m.id />
                        <button type="submit" class="button">"重新发送"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="outbox-h">
            <h2 id="outbox-h">"消息投递"</h2>
            <p>"短信、邮件、站内消息和对接系统的推送按重试策略自动重发；以下为已停止重试的消息（不显示内容）。"</p>
            <ErrorSummary error />
            {empty.then(|| view! { <p>"没有投递失败的消息。"</p> })}
            <ul class="cards">{rows}</ul>
        </section>
    }
}

/// 对接系统: partner systems' event subscriptions (webhooks) and the handling systems some
/// units work in; a secret is shown once, when it is made.
#[component]
pub(super) fn Integrations(
    hooks: Vec<shared::notice::SubscriptionView>,
    partners: Vec<shared::partner::PartnerView>,
    units: Vec<UnitView>,
    f: Forms,
) -> impl IntoView {
    let error = posted_error::<AdminUnitPartner>();
    let hook_rows = hooks
        .iter()
        .map(|h| view! { <li>{format!("{}（{}）：{}{}", h.name, h.url, h.events.join("、"), if h.active { "" } else { "，已停用" })}</li> })
        .collect_view();
    let partner_rows = partners
        .iter()
        .map(|p| {
            let served: Vec<String> = units
                .iter()
                .filter(|u| u.partner_id == Some(p.id))
                .map(|u| u.name.clone())
                .collect();
            view! { <li>{format!("{}（{}）：回报地址 {}；对接单位：{}", p.name, p.url, p.inbound_path, if served.is_empty() { "—".to_owned() } else { served.join("、") })}</li> }
        })
        .collect_view();
    let partner_options = partners
        .iter()
        .map(|p| view! { <option value=p.id>{p.name.clone()}</option> })
        .collect_view();
    let open: Vec<UnitView> = units.into_iter().filter(|u| !u.closed).collect();
    view! {
        <section aria-labelledby="links-h">
            <h2 id="links-h">"对接系统"</h2>
            <h3>"事件订阅（Webhook）"</h3>
            <ul>{hook_rows}</ul>
            <NewWebhook />
            <h3>"对接办理系统"</h3>
            <ul>{partner_rows}</ul>
            <NewPartner />
            <h3>"指定单位在对接系统中办理"</h3>
            <ErrorSummary error />
            <ActionForm action=f.unit_partner attr:class="form">
                <div class="field"><label for="p-unit">"单位"</label><select id="p-unit" name="unit_id">{unit_options(&open, None)}</select></div>
                <div class="field"><label for="p-partner">"对接系统"</label>
                    <select id="p-partner" name="partner_id"><option value="">"（在本平台办理）"</option>{partner_options}</select>
                </div>
                <button type="submit" class="button">"保存"</button>
            </ActionForm>
        </section>
    }
}

/// 新增事件订阅 (an island): the signing secret is shown here once.
#[island]
fn NewWebhook() -> impl IntoView {
    let create = ServerAction::<AdminCreateWebhook>::new();
    let error = action_error(create, None);
    view! {
        <ErrorSummary error />
        {move || create.value().get().and_then(Result::ok).map(|h| view! {
            <div class="receipt" role="status">
                <p>{format!("已新增订阅“{}”。签名密钥（仅显示这一次，请交给对方系统保存）：", h.name)}</p>
                <p class="mono big">{h.secret.unwrap_or_default()}</p>
            </div>
        })}
        <ActionForm action=create attr:class="form">
            <div class="field"><label for="w-name">"名称"</label><input id="w-name" name="name" required=true /></div>
            <div class="field"><label for="w-url">"接收地址（https）"</label><input id="w-url" name="url" type="url" required=true /></div>
            <div class="field"><label for="w-events">"事件（逗号分隔，* 为全部）"</label><input id="w-events" name="events" value="*" required=true /></div>
            <button type="submit" class="button">"新增订阅"</button>
        </ActionForm>
    }
}

/// 接入对接系统 (an island): the shared secret is shown here once.
#[island]
fn NewPartner() -> impl IntoView {
    let create = ServerAction::<AdminCreatePartner>::new();
    let error = action_error(create, None);
    view! {
        <ErrorSummary error />
        {move || create.value().get().and_then(Result::ok).map(|p| view! {
            <div class="receipt" role="status">
                <p>{format!("已接入“{}”，回报地址 {}。共享密钥（仅显示这一次，请交给对方系统保存）：", p.name, p.inbound_path)}</p>
                <p class="mono big">{p.secret.unwrap_or_default()}</p>
            </div>
        })}
        <ActionForm action=create attr:class="form">
            <div class="field"><label for="x-name">"名称"</label><input id="x-name" name="name" required=true /></div>
            <div class="field"><label for="x-url">"系统地址（https，案件推送到其 /cases）"</label><input id="x-url" name="url" type="url" required=true /></div>
            <button type="submit" class="button">"接入"</button>
        </ActionForm>
    }
}
