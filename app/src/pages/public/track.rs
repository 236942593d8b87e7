//! 办理进度: what a successful look-up shows: status, due dates and public history, no
//! personal data; the petition itself and its replies only after a code texted to the
//! petitioner's phone on file (查看详情), and then the rating and 复查 forms too.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{LookupCode, Rate, RequestReview, UnlockDetail, tracked, tracked_detail};
use crate::components::field::Field;
use crate::components::local_time;
use crate::components::notice::{ErrorSummary, posted_error};
use crate::components::reply::Replies;
use crate::components::timeline::{DeadlineList, PetitionTimeline};

#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let progress = Resource::new(
        move || params.read().get("number").unwrap_or_default(),
        tracked,
    );
    view! {
        <Title text="办理进度" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match progress.await {
                    Ok(p) => Either::Left(view! {
                        <h1>"办理进度"</h1>
                        <dl class="facts">
                            <dt>"信访件编号"</dt><dd class="mono">{p.number.to_string()}</dd>
                            <dt>"当前状态"</dt><dd><span class="status">{p.status_label}</span></dd>
                            <dt>"信访形式"</dt><dd>{p.channel_label}</dd>
                            <dt>"事项性质"</dt><dd>{p.kind_label}</dd>
                            <dt>"类别"</dt><dd>{p.category}</dd>
                            <dt>"问题发生地"</dt><dd>{p.region}</dd>
                            <dt>"提交时间"</dt><dd>{local_time(p.submitted_at)}</dd>
                        </dl>
                        <DeadlineList deadlines=p.deadlines />
                        <PetitionTimeline entries=p.timeline />
                        <Details number=p.number.to_string() />
                    }),
                    Err(_) => Either::Right(view! {
                        <h1>"请先查询"</h1>
                        <p>"查询结果只在本浏览器保留30分钟。请" <A href="/lookup">"输入信访件编号和查询码"</A>"。"</p>
                    }),
                }
            })}
        </Suspense>
    }
}

/// 查看详情: the petition and its replies once unlocked, else the two small forms that
/// text a code to the phone on file and take it.
#[component]
fn Details(number: String) -> impl IntoView {
    // Rendered on the server only: both forms post, and the server answers with this
    // page again (`?code_sent=…` after the first; unlocked after the second).
    let send = ServerAction::<LookupCode>::new();
    let unlock = ServerAction::<UnlockDetail>::new();
    // Unlocked, the petitioner rates the reply and asks for 复查 here: someone who wrote a
    // letter has no account to do it from.
    let rate = ServerAction::<Rate>::new();
    let review = ServerAction::<RequestReview>::new();
    let n = number.clone();
    let detail = Resource::new(|| (), move |_| tracked_detail(n.clone()));
    let sent_to = use_query_map().read_untracked().get("code_sent");
    let send_error = Signal::stored(posted_error::<LookupCode>());
    let unlock_error = Signal::stored(posted_error::<UnlockDetail>());
    view! {
        <section aria-labelledby="detail-h">
            <h2 id="detail-h">"诉求内容与答复"</h2>
            <Suspense fallback=|| ()>
                {move || {
                    let number = number.clone();
                    let number_for_send = number.clone();
                    let sent_to = sent_to.clone();
                    Suspend::new(async move {
                        match detail.await {
                            Ok(Some(p)) => Either::Left(view! {
                                <h3>{p.title.clone()}</h3>
                                <p><strong>"事实和理由："</strong>{p.facts.clone()}</p>
                                <p><strong>"诉求："</strong>{p.request.clone()}</p>
                                <Replies p rate review />
                            }),
                            _ => Either::Right(view! {
                                <p class="hint">"诉求内容和答复只向信访人本人显示：我们将向登记的手机发送验证码。"</p>
                                <ErrorSummary error=send_error />
                                <ActionForm action=send attr:class="form">
                                    <input type="hidden" name="number" value=number_for_send />
                                    <input type="hidden" name="back" value="1" />
                                    <button type="submit" class="button">"发送验证码到登记的手机"</button>
                                </ActionForm>
                                {sent_to.map(|to| view! {
                                    <p class="notice success" role="status">{format!("验证码已发送至{to}，5分钟内有效。")}</p>
                                })}
                                <ErrorSummary error=unlock_error />
                                <ActionForm action=unlock attr:class="form" attr:novalidate=true>
                                    <input type="hidden" name="number" value=number />
                                    <Field name="sms_code" label="短信验证码" inputmode="numeric"
                                        autocomplete="one-time-code" maxlength=6 server_error=unlock_error />
                                    <button type="submit" class="button primary">"查看详情"</button>
                                </ActionForm>
                            }),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
