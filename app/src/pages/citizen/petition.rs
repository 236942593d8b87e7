//! 信访详情: one petition for its owner: text, due dates, history, files, and what can be done next.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::ErrorKind;
use shared::petition::PetitionView;

use super::LoginPrompt;
use crate::api::{Rate, RequestReview, petition};
use crate::components::local_time;
use crate::components::reply::Replies;
use crate::components::timeline::{DeadlineList, PetitionTimeline};

#[component]
pub fn PetitionPage() -> impl IntoView {
    let params = use_params_map();
    let rate = ServerAction::<Rate>::new();
    let review = ServerAction::<RequestReview>::new();
    // Rendered on the server only: a rating or a review request posts its form and the
    // server answers with this page again, showing what followed.
    let view_data = Resource::new(
        move || params.read().get("number").unwrap_or_default(),
        petition,
    );
    view! {
        <Title text="信访详情" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(p) => Either::Left(view! { <Detail p rate review /> }),
                    Err(e) if e.0.kind == ErrorKind::Unauthenticated => Either::Right(view! { <LoginPrompt /> }.into_any()),
                    Err(_) => Either::Right(view! {
                        <h1>"未找到该信访事项"</h1>
                        <p>"请从“我的信访”中打开您提交的事项。"</p>
                    }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    p: PetitionView,
    rate: ServerAction<Rate>,
    review: ServerAction<RequestReview>,
) -> impl IntoView {
    let number = p.progress.number.to_string();
    let query = use_query_map();
    let uploaded = query.read_untracked().get("uploaded").is_some();
    let upload_error = query.read_untracked().get("upload_error");
    let files = p
        .attachments
        .iter()
        .map(|f| {
            let href = format!("/api/v1/petitions/{number}/attachments/{}", f.id.0);
            view! { <li><a href=href>{f.file_name.clone()}</a> <small>{format!("{} KB", f.size.div_ceil(1024))}</small></li> }
        })
        .collect_view();
    view! {
        <h1>{p.title.clone()}</h1>
        <dl class="facts">
            <dt>"信访件编号"</dt><dd class="mono">{number.clone()}</dd>
            <dt>"当前状态"</dt><dd><span class="status">{p.progress.status_label.clone()}</span></dd>
            <dt>"事项性质"</dt><dd>{p.progress.kind_label.clone()}</dd>
            <dt>"类别"</dt><dd>{p.progress.category.clone()}</dd>
            <dt>"问题发生地"</dt><dd>{p.progress.region.clone()}</dd>
            <dt>"涉及人数"</dt><dd>{p.people_count}</dd>
            <dt>"提交时间"</dt><dd>{local_time(p.progress.submitted_at)}</dd>
            {p.respondent.clone().map(|r| view! { <dt>"被反映人或单位"</dt><dd>{r}</dd> })}
        </dl>
        {p.other_procedure_guidance.clone().map(|g| view! { <p class="notice info">{g}</p> })}
        <DeadlineList deadlines=p.progress.deadlines.clone() />
        <Replies p=p.clone() rate review />
        <PetitionTimeline entries=p.progress.timeline.clone() />
        <section>
            <h2>"事实和理由"</h2>
            <p class="prose">{p.facts.clone()}</p>
            <h2>"诉求"</h2>
            <p class="prose">{p.request.clone()}</p>
        </section>
        <section aria-labelledby="files-h">
            <h2 id="files-h">"材料附件"</h2>
            {uploaded.then(|| view! { <p class="notice info" role="status">"材料已上传。"</p> })}
            {upload_error.map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            {if p.attachments.is_empty() { Some(view! { <p>"暂无附件。"</p> }) } else { None }}
            <ul class="files">{files}</ul>
            {p.can_add_material.then(|| view! {
                <form method="post" enctype="multipart/form-data" class="form"
                    action=format!("/api/v1/petitions/{number}/attachments")>
                    <div class="field">
                        <label for="f-more">"补充材料"</label>
                        <input id="f-more" type="file" name="attachments" multiple=true
                            accept="image/jpeg,image/png,application/pdf" required=true />
                        <p class="hint">"JPG、PNG或PDF，每件事项最多9个附件，每个不超过10MB。"</p>
                    </div>
                    <button type="submit" class="button">"上传"</button>
                </form>
            })}
        </section>
        {p.can_withdraw.then(|| view! {
            <section aria-labelledby="withdraw-h">
                <h2 id="withdraw-h">"撤回"</h2>
                <details>
                    <summary>"我要撤回这件信访事项"</summary>
                    <p>"撤回后办理程序终止，且不能恢复。"</p>
                    <form method="post" action=format!("/api/v1/petitions/{number}/withdraw")>
                        <button type="submit" class="button danger">"确认撤回"</button>
                    </form>
                </details>
            </section>
        })}
    }
}
