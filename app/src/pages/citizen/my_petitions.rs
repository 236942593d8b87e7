//! 我的信访: the citizen's petitions, newest first.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use shared::ErrorKind;

use super::LoginPrompt;
use crate::api::my_petitions;
use crate::components::local_time;

#[component]
pub fn MyPetitionsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| my_petitions());
    view! {
        <Title text="我的信访" />
        <h1>"我的信访"</h1>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => Either::Left(view! {
                        <p>"您还没有提交过信访事项。" <A href="/file">"我要信访"</A></p>
                    }.into_any()),
                    Ok(items) => Either::Left(view! {
                        <ul class="cards">
                            {items.into_iter().map(|p| view! {
                                <li class="card">
                                    <A href=format!("/my/petitions/{}", p.number)>
                                        <span class="title">{p.title}</span>
                                    </A>
                                    <p class="meta">
                                        <span class="mono">{p.number.to_string()}</span>
                                        <span class="status">{p.status_label}</span>
                                    </p>
                                    <p class="meta">"提交于 " {local_time(p.submitted_at)} "，受理告知期限 " {p.acceptance_due.to_string()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()),
                    Err(e) if e.0.kind == ErrorKind::Unauthenticated => Either::Right(view! { <LoginPrompt /> }),
                    Err(e) => Either::Left(view! { <p class="notice error">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}
