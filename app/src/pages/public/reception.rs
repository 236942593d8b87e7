//! 信访接待: where and when each petition bureau and department receives people, and its
//! phone (《信访工作条例》 art. 18 wants them public), for anyone, without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reception_units;

#[component]
pub fn ReceptionPage() -> impl IntoView {
    let units = Resource::new(|| (), |_| reception_units());
    view! {
        <Title text="信访接待" />
        <h1>"信访接待"</h1>
        <p>"各级信访部门和有关单位的接待场所、接待时间和咨询电话（《信访工作条例》第十八条）。也可以"<a href="/file">"网上信访"</a>"。"</p>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(units) if units.is_empty() => view! { <p>"尚未公布接待信息。"</p> }.into_any(),
                    Ok(units) => {
                        let rows = units
                            .into_iter()
                            .map(|u| view! {
                                <li class="card">
                                    <p class="title">{u.unit}</p>
                                    <p class="meta">{format!("{} · {}", u.kind.label(), u.region)}</p>
                                    <dl class="reception">
                                        <dt>"接待地址"</dt><dd>{u.reception.address}</dd>
                                        <dt>"接待时间"</dt><dd>{u.reception.hours}</dd>
                                        <dt>"咨询电话"</dt><dd>{u.reception.phone}</dd>
                                    </dl>
                                </li>
                            })
                            .collect_view();
                        view! { <ul class="cards">{rows}</ul> }.into_any()
                    }
                    Err(e) => view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
