//! 通知: the staff member's in-app notices (new matters for the unit, 临期, 超期, 督办,
//! system alerts), newest first; the unread ones are marked, and become read once shown.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{staff_me, staff_notices};
use crate::components::local_time;

#[component]
pub fn NoticesPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| staff_me());
    let notices = Resource::new(|| (), |_| staff_notices());
    view! {
        <Title text="工作台 · 通知" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match (me.await, notices.await) {
                    (Ok(Some(me)), Ok(list)) => {
                        let empty = list.is_empty();
                        let items = list
                            .into_iter()
                            .map(|n| view! {
                                <li class=if n.read { "card" } else { "card unread" }>
                                    <p class="title">{(!n.read).then_some("【未读】")}{n.title}</p>
                                    <p>{n.body}</p>
                                    <p class="meta"><time datetime=n.created_at.to_rfc3339()>{local_time(n.created_at)}</time></p>
                                </li>
                            })
                            .collect_view();
                        Either::Left(view! {
                            <StaffBar me />
                            <h1>"通知"</h1>
                            {empty.then(|| view! { <p>"暂无通知。"</p> })}
                            <ul class="cards">{items}</ul>
                        })
                    }
                    (Ok(None), _) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    (Err(e), _) | (_, Err(e)) => Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}
