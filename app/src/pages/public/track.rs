//! 办理进度: what a successful look-up shows: status, due dates and public history, no personal data.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::tracked;
use crate::components::local_time;
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
