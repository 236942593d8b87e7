//! 代为登记: a clerk registers a letter, visit or call (or an e-mail, a 市长信箱 message, a
//! 12345 transfer) with the day it arrived and its scanned pages, and prints the 登记回执
//! with the number and query code for the petitioner.

use std::collections::HashMap;

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::petition::{Channel, OfflineFilingRequest, OfflinePetitioner};
use shared::{ApiError, FieldError};

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{StaffRegister, form_key, load_reference, receipt, staff_me};
use crate::components::kept::{Form, kept_resource};
use crate::components::local_time;
use crate::components::notice::posted_error;
use crate::components::timeline::DeadlineList;
use crate::pages::citizen::file_form::request_from_form;
use crate::pages::citizen::{FileForm, FormFor, ReceiptTools, WhatHappensNext};

/// Reads the posted registration: the channel, the day it arrived, the petitioner as the
/// clerk wrote them down, and the petition itself; every problem is reported at once.
pub fn offline_from_form(f: &HashMap<String, String>) -> Result<OfflineFilingRequest, ApiError> {
    let text = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut problems: Vec<FieldError> = Vec::new();
    let channel = Channel::from_code(&text("channel")).filter(|c| *c != Channel::Online);
    if channel.is_none() {
        problems.push(FieldError::new("channel", "请选择信访渠道"));
    }
    let received_on = match text("received_on").as_str() {
        "" => None,
        day => match day.parse() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(FieldError::new("received_on", "请填写收到日期"));
                None
            }
        },
    };
    let optional = |k: &str| Some(text(k)).filter(|v| !v.is_empty());
    let petition = match request_from_form(f) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.extend(e.fields);
            None
        }
    };
    match (channel, petition) {
        (Some(channel), Some(petition)) if problems.is_empty() => Ok(OfflineFilingRequest {
            channel,
            petitioner: OfflinePetitioner {
                real_name: text("real_name"),
                phone: text("phone"),
                id_number: optional("id_number"),
                address: optional("address"),
            },
            petition,
            received_on,
        }),
        _ => Err(ApiError::validation(problems)),
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| staff_me());
    let data = Resource::new(|| (), |_| load_reference());
    let key = Resource::new(|| (), |_| form_key());
    let posted = posted_error::<StaffRegister>();
    let kept = kept_resource(Form::Registration, posted.is_some());
    view! {
        <Title text="工作台 · 代为登记" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    let kept = kept.await;
                    match (me.await, data.await, key.await) {
                        (Ok(Some(me)), Ok(data), Ok(key)) => Either::Left(view! {
                            <StaffBar me />
                            <h1>"代为登记"</h1>
                            <p>"登记来信、来访、电话等渠道提出的信访事项。受理期限自收到之日起计算；登记后请打印登记回执交给信访人。"</p>
                            <FileForm data=data.for_form() key posted kept form_for=FormFor::Registration draft_key=String::new() />
                        }.into_any()),
                        (Ok(None), _, _) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                        _ => Either::Right(view! { <p class="notice error">"暂时无法加载表单，请刷新页面重试。"</p> }.into_any()),
                    }
                })
            }}
        </Suspense>
    }
}

/// 登记回执: what the clerk prints or reads out to the petitioner, once.
#[component]
pub fn RegistrationReceiptPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| receipt());
    view! {
        <Title text="登记回执" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match data.await.ok().flatten() {
                    Some(r) => Either::Left(view! {
                        <h1>"信访事项登记回执"</h1>
                        <div class="receipt">
                            <dl class="facts">
                                <dt>"信访件编号"</dt><dd class="mono big" id="receipt-number">{r.number.to_string()}</dd>
                                <dt>"查询码"</dt><dd class="mono big" id="receipt-code">{r.query_code.clone()}</dd>
                                <dt>"登记时间"</dt><dd>{local_time(r.submitted_at)}</dd>
                            </dl>
                            <p>"凭信访件编号和查询码，可在阳光信访网站“办理查询”或到信访接待场所查询办理进度；查询码也已通过短信发送到登记的手机号码。请妥善保管，不要告诉他人。"</p>
                        </div>
                        <ReceiptTools number=r.number.to_string() code=r.query_code.clone() />
                        {r.other_procedure_guidance.clone().map(|g| view! { <p class="notice info">{g}</p> })}
                        <h2>"接下来"</h2>
                        <WhatHappensNext />
                        <DeadlineList deadlines=vec![r.acceptance_due.clone()] />
                        <p class="actions no-print">
                            <a href=format!("/staff/petitions/{}", r.number) class="button">"查看该事项"</a>
                            <a href="/staff/register" class="button primary">"继续登记"</a>
                        </p>
                    }),
                    None => Either::Right(view! {
                        <h1>"回执已不再显示"</h1>
                        <p>"为保护查询码，登记回执只在登记后的30分钟内、在登记所用的浏览器中显示。"</p>
                    }),
                }
            })}
        </Suspense>
    }
}
