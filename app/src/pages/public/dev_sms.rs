//! 短信收件箱（开发用）: the texts the embedded SMS provider kept, so a demo portal visibly
//! sends; a production portal has no such page.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::dev_sms;
use crate::components::local_time;

#[component]
pub fn DevSmsPage() -> impl IntoView {
    let inbox = Resource::new(|| (), |()| dev_sms());
    view! {
        <Title text="短信收件箱（开发用）" />
        <h1>"短信收件箱（开发用）"</h1>
        <p class="hint">"演示环境不真正发送短信，发出的短信都保存在这里（最新的在前）。正式部署时请配置短信服务商，本页随之关闭。"</p>
        <p><a href="/dev/sms" class="button">"刷新"</a></p>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(list) if list.is_empty() => Either::Left(view! { <p>"还没有短信。"</p> }.into_any()),
                    Ok(list) => Either::Left(view! {
                        <ol class="cards">
                            {list.into_iter().map(|m| view! {
                                <li class="card">
                                    <p class="meta"><span class="mono">{m.phone}</span>" · "{local_time(m.at)}</p>
                                    <p>{m.text}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()),
                    Err(_) => Either::Right(view! { <p>"本系统已配置短信服务商，没有开发用收件箱。"</p> }),
                }
            })}
        </Suspense>
    }
}
