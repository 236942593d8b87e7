//! 系统管理: the jurisdiction's division codes, units with their jurisdiction and
//! competences, staff and roles, categories, the holiday calendar and the 信访指数 weights,
//! for administrators.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::admin::{StaffAccountView, UnitView};
use shared::staff::Role;

use super::{StaffBar, StaffLoginPrompt};
use crate::api::{
    AdminCloseUnit, AdminCompetence, AdminCreateCategory, AdminCreateStaff, AdminCreateUnit,
    AdminDisableStaff, AdminEnableStaff, AdminPutCalendar, AdminPutIndexWeights,
    AdminResetPassword, AdminResetTotp, AdminRetryMessage, AdminUnitPartner, AdminUpdateCategory,
    AdminUpdateStaff, AdminUpdateUnit, admin_calendar, admin_categories, admin_index_weights,
    admin_integrations, admin_outbox, admin_staff, admin_units, staff_me,
};
use crate::components::notice::{ErrorSummary, action_error, posted_error};
use crate::error::UiError;

mod links;
mod reference;
mod regions;
mod units;
mod weights;

use links::{DeadLetters, Integrations};
use reference::{Calendar, Categories};
use regions::Regions;
use units::Units;
use weights::IndexWeights;

/// The administration forms rendered on the server: each posts, and the server answers
/// with this page again, current. (创建账户 is an island of its own: see [`NewStaff`].)
#[derive(Clone, Copy)]
pub(super) struct Forms {
    pub(super) unit: ServerAction<AdminCreateUnit>,
    pub(super) edit: ServerAction<AdminUpdateUnit>,
    pub(super) close: ServerAction<AdminCloseUnit>,
    pub(super) competence: ServerAction<AdminCompetence>,
    pub(super) update: ServerAction<AdminUpdateStaff>,
    pub(super) reset: ServerAction<AdminResetTotp>,
    pub(super) disable: ServerAction<AdminDisableStaff>,
    pub(super) enable: ServerAction<AdminEnableStaff>,
    pub(super) category: ServerAction<AdminCreateCategory>,
    pub(super) category_edit: ServerAction<AdminUpdateCategory>,
    pub(super) retry: ServerAction<AdminRetryMessage>,
    pub(super) unit_partner: ServerAction<AdminUnitPartner>,
    pub(super) calendar: ServerAction<AdminPutCalendar>,
    pub(super) weights: ServerAction<AdminPutIndexWeights>,
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let f = Forms {
        unit: ServerAction::new(),
        edit: ServerAction::new(),
        close: ServerAction::new(),
        competence: ServerAction::new(),
        update: ServerAction::new(),
        reset: ServerAction::new(),
        disable: ServerAction::new(),
        enable: ServerAction::new(),
        category: ServerAction::new(),
        category_edit: ServerAction::new(),
        retry: ServerAction::new(),
        unit_partner: ServerAction::new(),
        calendar: ServerAction::new(),
        weights: ServerAction::new(),
    };
    let me = Resource::new(|| (), |_| staff_me());
    let units = Resource::new(|| (), |_| admin_units());
    let staff = Resource::new(|| (), |_| admin_staff());
    let years = Resource::new(|| (), |_| admin_calendar());
    let categories = Resource::new(|| (), |_| admin_categories());
    let dead = Resource::new(|| (), |_| admin_outbox());
    let links = Resource::new(|| (), |_| admin_integrations());
    let weights = Resource::new(|| (), |_| admin_index_weights());
    view! {
        <Title text="系统管理" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                let me = match me.await {
                    Ok(Some(me)) => me,
                    _ => return Either::Right(view! { <StaffLoginPrompt /> }),
                };
                match (units.await, staff.await, years.await, categories.await) {
                    (Ok((units, reference)), Ok(staff), Ok(years), Ok(categories)) => Either::Left(view! {
                        <StaffBar me />
                        <h1>"系统管理"</h1>
                        <Regions reference=reference.clone() />
                        <Units units=units.clone() reference=reference.clone() f />
                        <Staff staff units=units.iter().filter(|u| !u.closed).cloned().collect() f />
                        <Categories reference categories f />
                        <Calendar years f />
                        {match weights.await {
                            Ok(weights) => Either::Left(view! { <IndexWeights weights f /> }),
                            Err(_) => Either::Right(()),
                        }}
                        {match dead.await {
                            Ok(dead) => Either::Left(view! { <DeadLetters dead f /> }),
                            Err(_) => Either::Right(()),
                        }}
                        {match links.await {
                            Ok((hooks, partners)) => Either::Left(view! { <Integrations hooks partners units=units.clone() f /> }),
                            Err(_) => Either::Right(()),
                        }}
                    }.into_any()),
                    (Err(e), _, _, _) | (_, Err(e), _, _) | (_, _, Err(e), _) | (_, _, _, Err(e)) => {
                        Either::Left(view! { <StaffBar me /><p class="notice error" role="alert">{e.0.message}</p> }.into_any())
                    }
                }
            })}
        </Suspense>
    }
}

pub(super) fn unit_options(units: &[UnitView], selected: Option<i64>) -> impl IntoView + use<> {
    units
        .iter()
        .map(|u| view! { <option value=u.id.0 selected=Some(u.id.0) == selected>{u.name.clone()}</option> })
        .collect_view()
}

fn role_boxes(prefix: &str, held: &[Role]) -> impl IntoView + use<> {
    Role::ALL
        .iter()
        .copied()
        .map(|r| {
            let id = format!("{prefix}-{}", r.code());
            let label_for = id.clone();
            view! {
                <label for=label_for class="choice">
                    <input type="checkbox" id=id name=format!("role_{}", r.code()) checked=held.contains(&r) />
                    {r.label()}
                </label>
            }
        })
        .collect_view()
}

#[component]
fn Staff(staff: Vec<StaffAccountView>, units: Vec<UnitView>, f: Forms) -> impl IntoView {
    let error = posted_error::<AdminCreateStaff>();
    let update_error = posted_error::<AdminUpdateStaff>();
    let new_unit_options = unit_options(&units, None);
    let rows = staff
        .iter()
        .map(|s| {
            let prefix = format!("s{}", s.id);
            let unit_field = format!("{prefix}-unit");
            let options = unit_options(&units, s.unit_id.map(|u| u.0));
            let boxes = role_boxes(&prefix, &s.roles);
            let (id, totp, disabled) = (s.id, s.totp_enabled, s.disabled);
            view! {
                <li class="card">
                    <p class="title">{format!("{}（{}）", s.display_name, s.username)}</p>
                    <p class="meta">{format!("{} · {} · 动态口令{}{}", s.unit.clone().unwrap_or_default(),
                        s.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、"),
                        if s.totp_enabled { "已绑定" } else { "未绑定" },
                        if disabled { " · 已停用" } else { "" })}</p>
                    <details>
                        <summary>"调整单位和角色"</summary>
                        <ActionForm action=f.update attr:class="form">
                            <input type="hidden" name="staff_id" value=id />
                            <div class="field"><label for=unit_field.clone()>"所属单位"</label>
                                <select id=unit_field name="unit_id">{options}</select>
                            </div>
                            <fieldset><legend>"角色"</legend>{boxes}</fieldset>
                            <button type="submit" class="button">"保存"</button>
                        </ActionForm>
                        <ResetStaffPassword staff_id=id />
                        {totp.then(|| view! {
                            <ActionForm action=f.reset attr:class="inline">
                                <input type="hidden" name="staff_id" value=id />
                                <button type="submit" class="button danger">"重置动态口令"</button>
                            </ActionForm>
                        })}
                        {if disabled {
                            Either::Left(view! {
                                <ActionForm action=f.enable attr:class="inline">
                                    <input type="hidden" name="staff_id" value=id />
                                    <button type="submit" class="button">"启用账户"</button>
                                </ActionForm>
                            })
                        } else {
                            Either::Right(view! {
                                <ActionForm action=f.disable attr:class="inline">
                                    <input type="hidden" name="staff_id" value=id />
                                    <button type="submit" class="button danger">"停用账户（立即退出其所有登录）"</button>
                                </ActionForm>
                            })
                        }}
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="staff-h">
            <h2 id="staff-h">"人员"</h2>
            <ErrorSummary error=update_error />
            <ul class="cards">{rows}</ul>
            <h3>"新增人员"</h3>
            <NewStaff posted=error>
                <div class="field"><label for="n-username">"用户名"</label><input id="n-username" name="username" required=true autocomplete="off" /></div>
                <div class="field"><label for="n-display">"姓名"</label><input id="n-display" name="display_name" required=true /></div>
                <div class="field"><label for="n-unit">"所属单位"</label>
                    <select id="n-unit" name="unit_id" required=true>{new_unit_options}</select>
                </div>
                <fieldset><legend>"角色"</legend>{role_boxes("n", &[])}</fieldset>
            </NewStaff>
        </section>
    }
}

/// 创建账户 (an island around the server-rendered fields): the initial password comes
/// back as the answer and is shown once, here, never in an address.
#[island]
fn NewStaff(posted: Option<UiError>, children: Children) -> impl IntoView {
    let create = ServerAction::<AdminCreateStaff>::new();
    let error = action_error(create, posted);
    view! {
        <ErrorSummary error />
        {move || create.value().get().and_then(Result::ok).map(|n| view! {
            <div class="receipt" role="status">
                <p>{format!("已创建账户 {}。初始密码（仅显示这一次，请当面交给本人）：", n.username)}</p>
                <p class="mono big">{n.initial_password}</p>
            </div>
        })}
        <ActionForm action=create attr:class="form">
            {children()}
            <button type="submit" class="button primary">"创建账户"</button>
        </ActionForm>
    }
}

/// 重设密码 (an island): the one-time password is shown here once, never in an address.
#[island]
fn ResetStaffPassword(staff_id: i64) -> impl IntoView {
    let reset = ServerAction::<AdminResetPassword>::new();
    let error = action_error(reset, None);
    view! {
        <ErrorSummary error />
        {move || reset.value().get().and_then(Result::ok).map(|n| view! {
            <div class="receipt" role="status">
                <p>{format!("已为 {} 重设密码。一次性密码（仅显示这一次，请当面交给本人；登录后须立即设置新密码）：", n.username)}</p>
                <p class="mono big">{n.initial_password}</p>
            </div>
        })}
        <ActionForm action=reset attr:class="inline">
            <input type="hidden" name="staff_id" value=staff_id />
            <button type="submit" class="button">"重设密码"</button>
        </ActionForm>
    }
}
