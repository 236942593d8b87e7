//! 待办: the petitions the staff member's unit must act on, filtered, counted and ordered.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::ErrorKind;
use shared::petition::{
    ClockState, PetitionKind, PetitionStatus, QueueCounts, QueuePage as Page, QueueSort,
};

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{load_reference, staff_me, staff_queue};

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let me = Resource::new(|| (), |_| staff_me());
    let page = Resource::new(
        move || {
            (
                (
                    get("status"),
                    get("kind"),
                    get("clock"),
                    get("after"),
                    get("mine"),
                ),
                (
                    get("category_id"),
                    get("region_id"),
                    get("channel"),
                    get("sort"),
                    get("unit"),
                ),
            )
        },
        |((status, kind, clock, after, mine), (category, region, channel, sort, unit))| {
            staff_queue(
                status, kind, clock, after, mine, category, region, channel, sort, unit,
            )
        },
    );
    let data = Resource::new(|| (), |_| load_reference());
    let mine = move || get("mine").is_some();
    view! {
        <Title text="工作台 · 待办" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => Either::Left(view! {
                        <StaffBar me />
                        {get("bound").is_some().then(|| view! {
                            <p class="notice success" role="status">"动态口令已绑定。以后登录时，除密码外还须输入身份验证器中显示的6位数字。"</p>
                        })}
                        <h1>{if mine() { "我的待办" } else { "待办信访事项" }}</h1>
                        {match (data.await, page.await) {
                            (Ok(data), Ok(p)) => Either::Left(view! {
                                {p.unit.clone().map(|name| view! {
                                    <p class="meta">{format!("只看{name}的事项 · ")}<a href="/staff">"查看全部单位"</a></p>
                                })}
                                <Filters data counts=p.counts />
                                <div class="wide"><Rows page=p /></div>
                            }),
                            (Ok(data), Err(e)) => Either::Right(Either::Left(view! {
                                <Filters data counts=None />
                                <p class="notice error" role="alert">{e.0.message}</p>
                            })),
                            (Err(e), _) => Either::Right(Either::Right(view! {
                                <p class="notice error" role="alert">{e.0.message}</p>
                            })),
                        }}
                    }),
                    Ok(None) => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    Err(e) if e.0.kind == ErrorKind::Unauthenticated => Either::Right(view! { <StaffLoginPrompt /> }.into_any()),
                    Err(e) => Either::Right(view! { <p class="notice error">{e.0.message}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}

/// A GET form: the filters and the order live in the address, so a filtered queue can be
/// bookmarked. Each clock state says how many of the matching matters are in it.
#[component]
fn Filters(data: shared::reference::ReferenceData, counts: Option<QueueCounts>) -> impl IntoView {
    let query = use_query_map();
    let current = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let option = move |key: &'static str, code: &'static str, label: &'static str| {
        let selected = current(key) == code;
        view! { <option value=code selected=selected>{label}</option> }
    };
    let statuses = [
        PetitionStatus::Submitted,
        PetitionStatus::Forwarded,
        PetitionStatus::Objected,
        PetitionStatus::Handling,
        PetitionStatus::AwaitingApproval,
        PetitionStatus::Replied,
        PetitionStatus::Closed,
    ]
    .into_iter()
    .map(|s| option("status", s.code(), s.label()))
    .collect_view();
    let kinds = [
        PetitionKind::Suggestion,
        PetitionKind::Accusation,
        PetitionKind::Appeal,
        PetitionKind::Inquiry,
    ]
    .into_iter()
    .map(|k| option("kind", k.code(), k.label()))
    .collect_view();
    let clocks = [
        ClockState::DueSoon,
        ClockState::Overdue,
        ClockState::Running,
    ]
    .into_iter()
    .map(|c| {
        let selected = current("clock") == c.code();
        let label = match counts {
            Some(n) => format!("{}（{}）", c.label(), n.of(c)),
            None => c.label().to_owned(),
        };
        view! { <option value=c.code() selected=selected>{label}</option> }
    })
    .collect_view();
    let sorts = QueueSort::ALL
        .iter()
        .map(|s| option("sort", s.code(), s.label()))
        .collect_view();
    let categories = data
        .categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| {
            let id = c.id.0.to_string();
            let selected = current("category_id") == id;
            view! { <option value=id selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    let regions = data
        .regions
        .iter()
        .filter(|r| r.level <= shared::reference::Level::Township)
        .map(|r| {
            let id = r.id.0.to_string();
            let selected = current("region_id") == id;
            view! { <option value=id selected=selected>{r.path.clone()}</option> }
        })
        .collect_view();
    let channels = shared::petition::Channel::ALL
        .iter()
        .map(|c| option("channel", c.code(), c.label()))
        .collect_view();
    // The same filters, every page, as a spreadsheet.
    let export = format!(
        "/api/v1/staff/petitions.csv{}",
        query.read_untracked().to_query_string()
    );
    view! {
        <form method="get" action="/staff" class="filters">
            <label>"状态" <select name="status"><option value="">"待办（全部）"</option>{statuses}</select></label>
            <label>"性质" <select name="kind"><option value="">"全部"</option>{kinds}</select></label>
            <label>"期限" <select name="clock"><option value="">"全部"</option>{clocks}</select></label>
            <label>"类别" <select name="category_id"><option value="">"全部"</option>{categories}</select></label>
            <label>"地区" <select name="region_id"><option value="">"全部"</option>{regions}</select></label>
            <label>"渠道" <select name="channel"><option value="">"全部"</option>{channels}</select></label>
            <label>"排序" <select name="sort">{sorts}</select></label>
            <label class="check"><input type="checkbox" name="mine" value="1" checked=!current("mine").is_empty() />"只看我的待办"</label>
            // The unit the 督查看板 narrowed the queue to stays through a new filter.
            {(!current("unit").is_empty()).then(|| view! { <input type="hidden" name="unit" value=current("unit") /> })}
            <button type="submit" class="button">"筛选"</button>
            <a href=export class="button" download="">"导出CSV"</a>
        </form>
    }
}

/// The queue as a table a clerk scans: one dense line per case in the chosen order (by
/// due date unless asked otherwise: the order the regulation's clocks set), the title a
/// link; on a phone each line becomes a card (the table's CSS), with the same reading order.
#[component]
fn Rows(page: Page) -> impl IntoView {
    let query = use_query_map().read_untracked().clone();
    let sort = query
        .get("sort")
        .and_then(|s| QueueSort::from_code(&s))
        .unwrap_or_default();
    // The same filters in another order, from the first page.
    let sorted = |by: QueueSort| {
        let mut q = query.clone();
        q.remove("after");
        q.replace("sort", by.code().to_owned());
        format!("/staff{}", q.to_query_string())
    };
    let count = page.items.len();
    let more = page.next.is_some();
    let items = page
        .items
        .into_iter()
        .map(|i| {
            let href = format!("/staff/petitions/{}", i.number);
            let due = i
                .due_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into());
            let badge = format!("clock {}", i.clock.code());
            let received = shared::clock::shanghai_date(i.submitted_at).to_string();
            view! {
                <tr>
                    <td class="mono" data-label="编号">{i.number.to_string()}</td>
                    <th scope="row" data-label="标题"><a href=href>{i.title}</a>
                        {i.group_matter.then(|| view! { <span class="tag">"集体访"</span> })}</th>
                    <td data-label="性质">{i.kind.label()}</td>
                    <td data-label="类别">{i.category}</td>
                    <td data-label="地区">{i.region}</td>
                    <td data-label="渠道">{i.channel.label()}</td>
                    <td data-label="状态"><span class="status">{i.status_label}</span></td>
                    <td class="dated" data-label="登记">{received}</td>
                    <td data-label="期限"><span class=badge>{due}" "{i.clock.label()}</span></td>
                </tr>
            }
        })
        .collect_view();
    let next = page.next.map(|n| {
        let mut q = query.clone();
        q.replace("after", n);
        view! { <A href=format!("/staff{}", q.to_query_string()) attr:class="button">"下一页"</A> }
    });
    let first = query.get("after").is_some().then(|| {
        let mut q = query.clone();
        q.remove("after");
        view! { <A href=format!("/staff{}", q.to_query_string()) attr:class="button">"回到第一页"</A> }
    });
    // With a clock state chosen, its own count; otherwise the whole and the urgent part.
    let clock = query.get("clock").and_then(|c| ClockState::from_code(&c));
    let total = page.counts.map(|c| match clock {
        Some(clock) => format!("共{}件符合条件。", c.of(clock)),
        None => format!(
            "共{}件符合条件（超期{}件，临期{}件）。",
            c.total, c.overdue, c.due_soon
        ),
    });
    if count == 0 {
        return view! { <p role="status">{total}"没有符合条件的待办事项。"</p> }.into_any();
    }
    // Two headers sort: 期限 (by due date) and 登记 (newest first, then oldest first).
    let (due_sort, received_sort) = match sort {
        QueueSort::Due => ("ascending", "none"),
        QueueSort::Newest => ("none", "descending"),
        QueueSort::Oldest => ("none", "ascending"),
    };
    let received_next = if sort == QueueSort::Newest {
        QueueSort::Oldest
    } else {
        QueueSort::Newest
    };
    let arrow = |on: &str| match on {
        "ascending" => " ↑",
        "descending" => " ↓",
        _ => "",
    };
    view! {
        <p class="meta" role="status">{total}{format!(
            "本页{count}件{}，{}。",
            if more { "，还有更多" } else { "" },
            sort.label()
        )}</p>
        <div class="table-wrap">
            <table class="queue">
                <caption class="visually-hidden">"待办信访事项"</caption>
                <thead><tr>
                    <th scope="col">"编号"</th><th scope="col">"标题"</th><th scope="col">"性质"</th>
                    <th scope="col">"类别"</th><th scope="col">"地区"</th><th scope="col">"渠道"</th>
                    <th scope="col">"状态"</th>
                    <th scope="col" aria-sort=received_sort>
                        <a href=sorted(received_next) class="sort">"登记"<span aria-hidden="true">{arrow(received_sort)}</span></a>
                    </th>
                    <th scope="col" aria-sort=due_sort>
                        <a href=sorted(QueueSort::Due) class="sort">"期限"<span aria-hidden="true">{arrow(due_sort)}</span></a>
                    </th>
                </tr></thead>
                <tbody>{items}</tbody>
            </table>
        </div>
        <p class="actions">{first}{next}</p>
    }
    .into_any()
}
