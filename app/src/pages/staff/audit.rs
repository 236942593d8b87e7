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
                            <input id="a-number" name="number" value=number autocomplete="off" />
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
                    <td>{action_label(&r.action).to_owned()}<br /><small>{r.action.clone()}</small></td>
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

/// 操作 in words; a code without one is shown as it is.
fn action_label(code: &str) -> &str {
    match code {
        "submit" => "提交信访事项",
        "add_material" => "补充材料",
        "withdraw" => "撤回",
        "rate" => "评价",
        "request_review" => "申请复查/复核",
        "unmask_identity" => "查看完整身份信息",
        "view_case" => "查阅案卷",
        "accept_here" => "受理并自办",
        "forward" => "转送",
        "assign" => "交办",
        "not_accept" => "不予受理",
        "link_repeat" => "关联重复件",
        "mark_group" => "标记集体访",
        "set_accused" => "记录被检举控告单位",
        "no_accused_unit" => "确认无被检举控告单位",
        "receive_accept" => "签收受理",
        "object" => "提出异议",
        "uphold_objection" => "同意异议",
        "dismiss_objection" => "不同意异议",
        "add_note" => "内部备注",
        "record_hearing" => "登记听证",
        "submit_draft" => "提交答复草稿",
        "return_draft" => "退回草稿",
        "approve_reply" => "审批答复",
        "extend" => "延期",
        "supervise" => "督办",
        "answer_supervision" => "答复督办",
        "recuse" => "回避",
        "add_co_handler" => "商请协办",
        "co_opinion" => "协办意见",
        "staff_login" => "工作人员登录",
        "staff_password_change" => "修改密码",
        "staff_totp_bound" => "绑定动态口令",
        "staff_totp_reset" => "重置动态口令",
        "staff_create" => "创建账户",
        "staff_update" => "调整单位和角色",
        "staff_disable" => "停用账户",
        "staff_enable" => "启用账户",
        "unit_create" => "新增单位",
        "unit_competences" => "调整职能",
        "unit_partner" => "设置对接系统",
        "category_create" => "新增类别",
        "calendar_put" => "录入节假日安排",
        "webhook_create" => "新增事件订阅",
        "partner_create" => "新增对接系统",
        "clock_overdue" => "超期",
        "clock_warning" => "临期提醒",
        other => other,
    }
}
