//! 办理页: one petition as this staff member may see it, with the actions open to them.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::ErrorKind;
use shared::petition::{CommandKind, PetitionerView, StaffPetitionView};

use super::actions::{ActionForms, said};
use super::{StaffBar, StaffLoginPrompt};
use crate::api::{StaffAct, StaffIdentity, staff_case, staff_me, staff_units};
use crate::components::local_time;
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::components::timeline::{DeadlineList, PetitionTimeline};

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let act = ServerAction::<StaffAct>::new();
    let me = Resource::new(|| (), |_| staff_me());
    // Rendered on the server only: every action posts its form and the server answers
    // with this page again, in the state the action produced.
    let case = Resource::new(number, staff_case);
    let units = Resource::new(|| (), |_| staff_units());
    let error = Signal::stored(posted_error::<StaffAct>());
    // After an action the server comes back here with `done`: say what happened.
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .and_then(|d| CommandKind::from_code(&d));
    view! {
        <Title text="工作台 · 办理" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match (me.await, case.await, units.await) {
                    (Ok(Some(me)), Ok(c), Ok(units)) => Either::Left(view! {
                        <StaffBar me />
                        {done.map(|k| view! { <p class="notice success" role="status">{said(k)}</p> })}
                        <ErrorSummary error />
                        // On a desktop the case reads on the left and the actions stay
                        // beside it; on a phone the actions follow the case.
                        <div class="wide case-page">
                            <div class="case-main"><Case c=c.clone() /></div>
                            <section class="case-side" aria-labelledby="actions-h">
                                <h2 id="actions-h">"办理"</h2>
                                <ActionForms case=c units action=act />
                            </section>
                        </div>
                    }),
                    (Ok(None), _, _) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    (Err(e), _, _) | (_, Err(e), _) if e.0.kind == ErrorKind::Unauthenticated => {
                        Either::Right(view! { <StaffLoginPrompt /> }.into_any())
                    }
                    (_, Err(e), _) if e.0.kind == ErrorKind::NotFound => Either::Right(view! {
                        <h1>"未找到该信访事项"</h1>
                        <p>"该事项不存在，或不在您的办理范围内。"</p>
                    }.into_any()),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                        Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any())
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Case(c: StaffPetitionView) -> impl IntoView {
    let number = c.number.to_string();
    let petitioner = c
        .petitioner
        .clone()
        .map(|masked| view! { <Petitioner number=number.clone() masked /> });
    let replies = c
        .replies
        .iter()
        .map(|r| {
            view! {
                <article class="reply">
                    <h3>{format!("{}意见（{}，{}）", r.round_label, r.unit, match r.state.as_str() {
                        "approved" => "已发布",
                        "draft" => "待审批",
                        "returned" => "已退回",
                        _ => "已作废",
                    })}</h3>
                    <p><strong>"查明事实："</strong>{r.facts.clone()}</p>
                    <p><strong>"理由："</strong>{r.reasons.clone()}</p>
                    <p><strong>"处理意见："</strong>{r.decision_label.clone()}</p>
                    <p><strong>"依据："</strong>{r.legal_basis.clone()}</p>
                    {r.comment.clone().map(|c| view! { <p><strong>"审批意见："</strong>{c}</p> })}
                </article>
            }
        })
        .collect_view();
    let notes = c
        .notes
        .iter()
        .map(|n| view! { <li>{format!("{} {}：{}", local_time(n.at), n.author, n.body)}</li> })
        .collect_view();
    let notices = c
        .supervision
        .iter()
        .map(|n| {
            let state = match (&n.answered_at, &n.answer) {
                (Some(at), Some(a)) => format!("{} 已答复：{a}", local_time(*at)),
                _ => format!("待答复，期限{}", n.answer_due),
            };
            view! { <li>{format!("{} 督办{}：{}（{state}）", local_time(n.issued_at), n.unit, n.body)}</li> }
        })
        .collect_view();
    let co = c
        .co_handlers
        .iter()
        .map(|h| {
            let state = match (&h.answered_at, &h.opinion) {
                (Some(at), Some(o)) => format!("{} 已回复：{o}", local_time(*at)),
                _ => format!("期限{}，待回复", h.due_on),
            };
            view! { <li>{format!("{}（{}）：{state}", h.unit, h.round.label())}</li> }
        })
        .collect_view();
    // 附件: opened through the staff door, which checks the case's own rule and records
    // each opening. An image previews in place once asked for: a lazy picture inside a
    // closed preview is not fetched (the browser test counts the requests), so merely
    // opening the case page records no file, and no script is needed for it.
    let files = c
        .attachments
        .iter()
        .map(|f| {
            let href = format!("/api/v1/staff/petitions/{number}/attachments/{}", f.id.0);
            let preview = f.content_type.starts_with("image/").then(|| {
                let alt = format!("附件图片：{}", f.file_name);
                view! {
                    <details class="preview">
                        <summary>"预览图片"</summary>
                        <img src=href.clone() alt=alt loading="lazy" />
                    </details>
                }
            });
            view! {
                <li>
                    <a href=href.clone() download=f.file_name.clone()>{f.file_name.clone()}</a>
                    " "<small>{format!("{} · {} KB", kind_of(&f.content_type), f.size.div_ceil(1024))}</small>
                    {preview}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{c.title.clone()}</h1>
        <dl class="facts">
            <dt>"信访件编号"</dt><dd class="mono">{number.clone()}</dd>
            <dt>"状态"</dt><dd><span class="status">{format!("{}（{}）", c.status_label, c.round.label())}</span></dd>
            <dt>"性质"</dt><dd>{c.kind.label()}</dd>
            <dt>"渠道"</dt><dd>{c.channel.label()}</dd>
            <dt>"类别"</dt><dd>{c.category.clone()}</dd>
            <dt>"问题发生地"</dt><dd>{c.region.clone()}</dd>
            <dt>"所在单位"</dt><dd>{c.unit.clone().unwrap_or_default()}</dd>
            {c.proposed_unit.clone().map(|(_, u)| view! { <dt>"建议承办单位"</dt><dd>{u}</dd> })}
            {c.accused_unit.clone().map(|u| view! { <dt>"被反映单位"</dt><dd>{u}</dd> })}
            {c.accused_none.then(|| view! { <dt>"被反映单位"</dt><dd>"经确认，没有被检举控告的单位"</dd> })}
            {c.accused_pending.then(|| view! { <dt>"被检举控告单位"</dt><dd class="warn">"待确认：确认前不能受理、转送或交办"</dd> })}
            {c.respondent.clone().map(|r| view! { <dt>"被反映人或单位"</dt><dd>{r}</dd> })}
            <dt>"涉及人数"</dt><dd>{format!("{}人{}", c.people_count, if c.people_count >= 5 { "（集体信访）" } else { "" })}</dd>
            <dt>"附件"</dt><dd>{if c.attachments.is_empty() { "无".to_owned() } else { format!("{}个（见下方）", c.attachments.len()) }}</dd>
            <dt>"期限状态"</dt><dd>{c.clock.label()}</dd>
        </dl>
        <DeadlineList deadlines=c.deadlines.clone() />
        {petitioner}
        <section>
            <h2>"事实和理由"</h2>
            <p class="prose">{c.facts.clone().unwrap_or_else(|| "（按保密规定不予显示）".into())}</p>
            <h2>"诉求"</h2>
            <p class="prose">{c.request.clone().unwrap_or_else(|| "（按保密规定不予显示）".into())}</p>
        </section>
        {(!c.attachments.is_empty()).then(|| view! { <section aria-labelledby="files-h"><h2 id="files-h">"附件"</h2><ul class="files">{files}</ul></section> })}
        {(!c.replies.is_empty()).then(|| view! { <section><h2>"答复"</h2>{replies}</section> })}
        {c.publishable.then(|| view! {
            <p class="notice info">"信访人同意公开，本事项已办结，可以隐去个人信息后作为案例公开。"
                <a href=format!("/staff/petitions/{number}/publish")>"整理公开案例"</a></p>
        })}
        {(!c.notes.is_empty()).then(|| view! { <section><h2>"内部备注"</h2><ul>{notes}</ul></section> })}
        {(!c.supervision.is_empty()).then(|| view! { <section><h2>"督办"</h2><ul>{notices}</ul></section> })}
        {(!c.co_handlers.is_empty()).then(|| view! { <section><h2>"协办"</h2><ul>{co}</ul></section> })}
        <PetitionTimeline entries=c.timeline.clone() />
    }
}

/// 信访人, masked until a reason is given (an island): the full identity comes back as
/// the answer to that form, shown on this page only and never put in an address.
#[island]
fn Petitioner(number: String, masked: PetitionerView) -> impl IntoView {
    let unmask = ServerAction::<StaffIdentity>::new();
    let error = action_error(unmask, None);
    let shown = move || {
        unmask
            .value()
            .get()
            .and_then(Result::ok)
            .flatten()
            .unwrap_or_else(|| masked.clone())
    };
    view! {
        <section aria-labelledby="who-h">
            <h2 id="who-h">"信访人"</h2>
            {move || {
                let shown = shown();
                view! {
                    <dl class="facts">
                        <dt>"姓名"</dt><dd>{shown.name}</dd>
                        <dt>"手机"</dt><dd>{shown.phone}</dd>
                        <dt>"身份证号码"</dt><dd>{shown.id_number}</dd>
                        {shown.address.map(|a| view! { <dt>"地址"</dt><dd>{a}</dd> })}
                    </dl>
                }
            }}
            <details>
                <summary>"查看完整身份信息（将记录在审计日志中）"</summary>
                <ErrorSummary error />
                <ActionForm action=unmask attr:class="form">
                    <input type="hidden" name="number" value=number />
                    <div class="field">
                        <label for="f-unmask">"查看理由"</label>
                        <input id="f-unmask" name="reason" required=true />
                    </div>
                    <button type="submit" class="button">"查看"</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// A file's type as a clerk names it.
fn kind_of(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "PDF文件",
        t if t.starts_with("image/") => "图片",
        _ => "文件",
    }
}
