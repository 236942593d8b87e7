//! 我的账户: the in-app notices (站内消息), the channels they also come by (通知方式), and
//! moving the account to a new phone number (更换手机号码).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorKind;
use shared::person::MobilePhone;

use super::LoginPrompt;
use crate::api::{ChangePhone, SaveChannels, my_channels, my_notifications};
use crate::components::field::Field;
use crate::components::local_time;
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::components::sms_code::{SmsCodeField, code_sent};
use crate::error::UiError;

fn check_phone(v: &str) -> Result<(), String> {
    MobilePhone::parse(v).map(|_| ()).map_err(|e| e.to_string())
}

#[component]
pub fn AccountPage() -> impl IntoView {
    // Rendered on the server only: each form posts and the server answers with this
    // page again, saying in the address what was saved.
    let save = ServerAction::<SaveChannels>::new();
    let notices = Resource::new(|| (), |()| my_notifications());
    let channels = Resource::new(|| (), |_| my_channels());
    let saved = use_query_map()
        .read_untracked()
        .get("saved")
        .map(|d| match d.as_str() {
            "phone" => "手机号码已更换，今后请用新号码登录。",
            _ => "通知方式已保存。",
        });
    let posted = posted_error::<ChangePhone>();
    let code_sent = code_sent();
    view! {
        <Title text="我的账户" />
        <h1>"我的账户"</h1>
        {saved.map(|m| view! { <p class="notice success" role="status">{m}</p> })}
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match (channels.await, notices.await) {
                    (Ok(c), Ok(list)) => Either::Left(view! {
                        <section aria-labelledby="channels-h">
                            <h2 id="channels-h">"通知方式"</h2>
                            <p class="hint">"办理进展都会保存在下方的站内消息中；您还可以选择同时通过以下方式接收。"</p>
                            <ActionForm action=save attr:class="form">
                                <label class="check"><input type="checkbox" name="sms" value="on" checked=c.sms />" 短信"</label>
                                <label class="check">
                                    <input type="checkbox" name="email" value="on" checked=c.email && c.has_email disabled=!c.has_email />
                                    " 电子邮件"
                                    {(!c.has_email).then_some(view! { <span class="hint">"（注册时未填写邮箱）"</span> })}
                                </label>
                                <button type="submit" class="button">"保存"</button>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="inbox-h">
                            <h2 id="inbox-h">"站内消息"</h2>
                            {if list.is_empty() {
                                Either::Left(view! { <p>"还没有消息。"</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="cards">
                                        {list.into_iter().map(|n| view! {
                                            <li class="card">
                                                <span class="title">{n.title}</span>
                                                <p>{n.body}</p>
                                                <p class="meta">{local_time(n.created_at)}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })
                            }}
                        </section>
                    }.into_any()),
                    (Err(e), _) | (_, Err(e)) if e.0.kind == ErrorKind::Unauthenticated => {
                        Either::Right(view! { <LoginPrompt /> })
                    }
                    (Err(e), _) | (_, Err(e)) => Either::Left(view! { <p class="notice error">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
        <section aria-labelledby="phone-h">
            <h2 id="phone-h">"更换手机号码"</h2>
            <ChangePhoneForm posted code_sent />
        </section>
    }
}

/// 更换手机号码 (an island): the code button works without losing what is typed.
#[island]
fn ChangePhoneForm(posted: Option<UiError>, code_sent: bool) -> impl IntoView {
    let change = ServerAction::<ChangePhone>::new();
    let phone_error = action_error(change, posted);
    view! {
        <ErrorSummary error=phone_error />
        <ActionForm action=change attr:class="form" attr:novalidate=true>
            <Field name="phone" label="新手机号码" input_type="tel" autocomplete="tel" inputmode="tel"
                check=check_phone server_error=phone_error />
            <SmsCodeField purpose="change_phone" phone_input="f-phone" back="/my/account" code_sent
                server_error=phone_error />
            <Field name="password" label="登录密码" input_type="password" autocomplete="current-password"
                server_error=phone_error />
            <button type="submit" class="button primary">"更换"</button>
        </ActionForm>
    }
}
