//! 整理公开案例: a closed case's texts with what looks personal already replaced, for the
//! clerk to check against the originals, edit and publish; the server refuses texts that
//! still hold a number, a plate or the petitioner's name.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::cases::CaseDraft;

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{PublishCase, staff_me, staff_publication};
use crate::components::field::Field;
use crate::components::kept::{Form, Kept, KeptNote, kept_resource};
use crate::components::notice::{ErrorSummary, action_error, posted_error};

#[component]
pub fn PublishPage() -> impl IntoView {
    let number = use_params_map()
        .read_untracked()
        .get("number")
        .unwrap_or_default();
    let me = Resource::new(|| (), |_| staff_me());
    let n = number.clone();
    let draft = Resource::new(|| (), move |_| staff_publication(n.clone()));
    let kept = kept_resource(Form::Publish, posted_error::<PublishCase>().is_some());
    view! {
        <Title text="工作台 · 整理公开案例" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match (me.await, draft.await) {
                    (Ok(Some(me)), Ok(d)) => {
                        let kept = kept.await;
                        Either::Left(view! { <StaffBar me /> <Publish draft=d kept /> })
                    }
                    (Ok(None), _) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    (Ok(Some(me)), Err(e)) => Either::Right(view! {
                        <StaffBar me />
                        <h1>"整理公开案例"</h1>
                        <p class="notice error" role="alert">{e.0.message}</p>
                    }.into_any()),
                    (Err(e), _) => Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Publish(draft: CaseDraft, kept: Kept) -> impl IntoView {
    let action = ServerAction::<PublishCase>::new();
    let error = action_error(action, posted_error::<PublishCase>());
    let back = format!("/staff/petitions/{}", draft.number);
    if let Some(id) = draft.published {
        return view! {
            <h1>"整理公开案例"</h1>
            <p class="notice info">"该事项已经作为案例公开。" <a href=format!("/cases/{id}")>"查看公开案例"</a></p>
            <p><a href=back>"返回案件"</a></p>
        }
        .into_any();
    }
    let found = if draft.found.is_empty() {
        "系统没有发现明显的个人信息，请仍逐句核对。".to_owned()
    } else {
        format!(
            "系统已自动隐去：{}。请逐句核对，并隐去其他可能识别出个人的内容（如单位内部称呼、小区名和门牌）。",
            draft.found.join("、")
        )
    };
    let o = draft.original.clone();
    // A refused post comes back with the clerk's own texts (kept for this case only).
    let kept = if kept.is("number", &draft.number) {
        kept
    } else {
        Kept::default()
    };
    let s = draft.suggested;
    let text = |name: &str, suggested: String| Some(kept.text(name).unwrap_or(suggested));
    let (title, facts, request, answer) = (
        text("title", s.title),
        text("facts", s.facts),
        text("request", s.request),
        text("answer", s.answer),
    );
    view! {
        <h1>"整理公开案例"</h1>
        <p>{format!("信访件{}，信访人同意公开。公开的内容任何人都能看到，请确保其中没有姓名、电话、身份证号、住址、车牌等个人信息。", draft.number)}</p>
        <p class="notice info">{found}</p>
        <details class="card">
            <summary>"查看原文"</summary>
            <dl class="reception">
                <dt>"标题"</dt><dd class="prose">{o.title}</dd>
                <dt>"事实和理由"</dt><dd class="prose">{o.facts}</dd>
                <dt>"诉求"</dt><dd class="prose">{o.request}</dd>
                <dt>"办理结果"</dt><dd class="prose">{o.answer}</dd>
            </dl>
        </details>
        <ErrorSummary error />
        <KeptNote kept=kept.clone() redo="" />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="number" value=draft.number.clone() />
            <Field name="title" label="标题" maxlength=60 value=title server_error=error />
            <Field name="facts" label="反映的问题" rows=8 maxlength=5000 value=facts server_error=error />
            <Field name="request" label="诉求" rows=3 maxlength=1000 value=request server_error=error />
            <Field name="answer" label="办理结果" rows=10 maxlength=10000 value=answer server_error=error />
            <label class="check"><input type="checkbox" id="checked" name="checked" value="1" required=true />"我已逐句核对，公开内容不含个人信息"</label>
            <button type="submit" class="button primary">"公开"</button>
            " "<a href=back>"取消"</a>
        </ActionForm>
    }
    .into_any()
}
