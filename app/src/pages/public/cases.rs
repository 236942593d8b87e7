//! 公开案例: closed matters published with the petitioner's consent and every personal
//! detail taken out, searchable by category and county; for anyone, without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::cases::{CaseList, Choice, PublishedCase};

use crate::api::{published_case, published_cases};

#[component]
pub fn CasesPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let list = Resource::new(
        move || {
            (
                get("category_id"),
                get("region_id"),
                get("adopted"),
                get("after"),
            )
        },
        |(category, region, adopted, after)| published_cases(category, region, adopted, after),
    );
    view! {
        <Title text="公开案例" />
        <h1>"公开案例"</h1>
        <p>"经信访人同意、隐去个人信息后公开的已办结信访事项，包括被采纳的人民建议。检举控告事项一律不公开。"</p>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => cases(l, get("category_id"), get("region_id"), get("adopted").is_some()).into_any(),
                    Err(e) => view! { <p class="notice error" role="alert">{e.0.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn options(choices: &[Choice], chosen: Option<String>) -> AnyView {
    choices
        .iter()
        .map(|c| {
            let id = c.id.to_string();
            let selected = chosen.as_deref() == Some(id.as_str());
            view! { <option value=id selected=selected>{c.name.clone()}</option> }
        })
        .collect_view()
        .into_any()
}

fn cases(l: CaseList, category: Option<String>, region: Option<String>, adopted: bool) -> AnyView {
    let next = l.next.as_ref().map(|n| {
        let mut q = vec![format!("after={n}")];
        q.extend(adopted.then(|| "adopted=1".to_owned()));
        q.extend(category.as_ref().map(|c| format!("category_id={c}")));
        q.extend(region.as_ref().map(|r| format!("region_id={r}")));
        format!("/cases?{}", q.join("&"))
    });
    let empty = l.items.is_empty();
    let items = l
        .items
        .into_iter()
        .map(|c| {
            view! {
                <li class="card">
                    <p class="title"><a href=format!("/cases/{}", c.id)>{c.title}</a>
                        {c.adopted.map(|d| view! { " "<span class="status">{format!("人民建议·{d}")}</span> })}</p>
                    <p class="meta">{format!("{} · {} · {}答复", c.category, c.region, c.answered_on)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <form method="get" action="/cases" class="filters">
            <label>"问题类别" <select name="category_id"><option value="">"全部"</option>{options(&l.categories, category)}</select></label>
            <label>"地区" <select name="region_id"><option value="">"全部"</option>{options(&l.regions, region)}</select></label>
            <label class="check"><input type="checkbox" name="adopted" value="1" checked=adopted />"只看被采纳的人民建议"</label>
            <button type="submit" class="button">"查找"</button>
        </form>
        {empty.then(|| view! { <p>"没有符合条件的公开案例。"</p> })}
        <ul class="cards">{items}</ul>
        {next.map(|href| view! { <p><a href=href class="button">"下一页"</a></p> })}
    }
    .into_any()
}

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse::<i64>().ok())
        .unwrap_or(0);
    let case = Resource::new(move || id, published_case);
    view! {
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(c) => detail(c).into_any(),
                    Err(e) => view! {
                        <Title text="公开案例" />
                        <h1>"公开案例"</h1>
                        <p class="notice error" role="alert">{e.0.message}</p>
                        <p><a href="/cases">"查看全部公开案例"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn detail(c: PublishedCase) -> AnyView {
    let unit = c.unit.clone().unwrap_or_default();
    view! {
        <Title text=c.title.clone() />
        <p class="crumbs"><a href="/cases">"公开案例"</a></p>
        <h1>{c.title}</h1>
        <p class="meta">{format!("{} · {} · {}答复 · {}公开", c.category, c.region, c.answered_on, c.published_on)}</p>
        {c.adopted.map(|d| view! { <p class="notice info">{format!("这是一条{d}的人民建议。")}</p> })}
        <section aria-labelledby="facts-h">
            <h2 id="facts-h">"反映的问题"</h2>
            <p class="prose">{c.facts}</p>
        </section>
        <section aria-labelledby="request-h">
            <h2 id="request-h">"诉求"</h2>
            <p class="prose">{c.request}</p>
        </section>
        <section aria-labelledby="answer-h" class="letter">
            <h2 id="answer-h">{format!("办理结果（{unit}）")}</h2>
            <p class="prose">{c.answer}</p>
        </section>
    }
    .into_any()
}
