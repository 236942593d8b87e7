//! 审计 (auditors): the audit trail, newest first, filtered by petition, with the chain's
//! check: who did what to which petition, when, from where, and why they unmasked someone.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::admin::{AuditRecordsPage, AuditReport};

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{audit_records, audit_verify, staff_me};

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let me = Resource::new(|| (), |_| staff_me());
    let page = Resource::new(
        move || (get("before"), get("number")),
        |(before, number)| audit_records(before, number),
    );
    let report = Resource::new(|| (), |_| audit_verify());
    view! {
        <Title text="工作台 · 审计" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = me.await else {
                    return Either::Right(view! { <StaffLoginPrompt /> });
                };
                let number = get("number").unwrap_or_default();
                Either::Left(view! {
                    <StaffBar me />
                    <h1>"审计记录"</h1>
                    {match report.await {
                        Ok(r) => Either::Left(view! { <Check r /> }),
                        Err(e) => Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }),
                    }}
                    <form method="get" action="/staff/audit" class="form filters">
                        <div class="field">
                            <label for="a-number">"信访件编号"</label>
                            <input id="a-number" name="number" value=number inputmode="numeric" />
                        </div>
                        <button type="submit" class="button">"筛选"</button>
                    </form>
                    {match page.await {
                        Ok(p) => Either::Left(view! { <Records page=p /> }),
                        Err(e) => Either::Right(view! { <p class="notice error" role="alert">{e.0.message}</p> }),
                    }}
                })
            })}
        </Suspense>
    }
}

#[component]
fn Check(r: AuditReport) -> impl IntoView {
    if r.intact {
        Either::Left(view! {
            <p class="notice info">{format!("审计链完整：共校验{}条记录，与库外检查点一致。", r.checked)}</p>
        })
    } else {
        Either::Right(view! {
            <p class="notice error" role="alert">{format!(
                "审计链已被破坏：{}（此前{}条记录完好）。",
                r.problem.unwrap_or_default(),
                r.checked
            )}</p>
        })
    }
}

#[component]
fn Records(page: AuditRecordsPage) -> impl IntoView {
    if page.records.is_empty() {
        return Either::Right(view! { <p>"没有符合条件的审计记录。"</p> });
    }
    let rows = page
        .records
        .into_iter()
        .map(|r| {
            let at =
                r.at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string();
            view! {
                <tr>
                    <td>{r.seq}</td>
                    <td>{at}</td>
                    <td>{r.actor}<br /><small>{r.role.unwrap_or_default()}</small></td>
                    <td>{r.unit.unwrap_or_default()}</td>
                    <td>{r.action}</td>
                    <td>{r.number.unwrap_or_default()}</td>
                    <td>{r.detail.unwrap_or_default()}</td>
                    <td>{r.client.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let next = page.next.map(|n| {
        view! { <p><A href=format!("/staff/audit?before={n}")>"更早的记录"</A></p> }
    });
    Either::Left(view! {
        <div class="table-wrap">
            <table class="audit">
                <caption>"审计记录（最新在前）"</caption>
                <thead><tr>
                    <th scope="col">"序号"</th><th scope="col">"时间"</th><th scope="col">"操作人"</th>
                    <th scope="col">"单位"</th><th scope="col">"操作"</th><th scope="col">"信访件"</th>
                    <th scope="col">"内容"</th><th scope="col">"来源地址"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {next}
    })
}
