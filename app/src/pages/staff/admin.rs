//! 系统管理: the jurisdiction's division codes, units with their jurisdiction and
//! competences, staff and roles, categories, the holiday calendar and the 信访指数 weights,
//! for administrators.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::admin::{StaffAccountView, UnitKind, UnitView};
use shared::reference::ReferenceData;
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
mod weights;

use links::{DeadLetters, Integrations};
use reference::{Calendar, Categories};
use regions::Regions;
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

#[component]
fn Units(units: Vec<UnitView>, reference: ReferenceData, f: Forms) -> impl IntoView {
    let error = posted_error::<AdminCreateUnit>();
    let competence_error = posted_error::<AdminCompetence>();
    let edit_error = posted_error::<AdminUpdateUnit>();
    let close_error = posted_error::<AdminCloseUnit>();
    let regions = region_options(&reference.regions, None);
    let open: Vec<UnitView> = units.iter().filter(|u| !u.closed).cloned().collect();
    let tops: Vec<_> = reference
        .categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .cloned()
        .collect();
    let parent_options = unit_options(&open, None);
    let rows = units
        .iter()
        .map(|u| {
            if u.closed {
                return view! {
                    <li class="card"><p class="title">{u.name.clone()}</p><p class="meta">"已撤销"</p></li>
                }
                .into_any();
            }
            let held: Vec<String> = tops
                .iter()
                .filter(|c| u.competences.contains(&c.id))
                .map(|c| c.name.clone())
                .collect();
            let toggles = tops
                .iter()
                .map(|c| {
                    let on = u.competences.contains(&c.id);
                    let label = format!("{}{}", if on { "移除 " } else { "添加 " }, c.name);
                    let (unit, category) = (u.id.0, c.id.0);
                    view! {
                        <ActionForm action=f.competence attr:class="inline">
                            <input type="hidden" name="unit_id" value=unit />
                            <input type="hidden" name="category_id" value=category />
                            <input type="hidden" name="add" value=(!on).to_string() />
                            <button type="submit" class="link">{label}</button>
                        </ActionForm>
                    }
                })
                .collect_view();
            let kind = UnitKind::from_code(&u.kind);
            let level = shared::reference::Level::from_code(&u.level).map_or("", |l| l.label());
            let others: Vec<UnitView> = open.iter().filter(|o| o.id != u.id).cloned().collect();
            let id = u.id.0;
            let field = move |name: &'static str| format!("u{id}-{name}");
            let r = u.reception.clone();
            let parents = unit_options(&others, u.parent_id.map(|p| p.0));
            let intos = unit_options(&others, None);
            let places = region_options(&reference.regions, Some(u.region_id.0));
            let (name, kinds, rec) = (u.name.clone(), kind_options(kind), reception_fields(&field("r"), &r));
            view! {
                <li class="card">
                    <p class="title">{u.name.clone()}</p>
                    <p class="meta">{format!("{} · {} · 职能：{}", kind.map_or(u.kind.as_str(), |k| k.label()), level, if held.is_empty() { "—".to_owned() } else { held.join("、") })}</p>
                    {(!r.address.is_empty()).then(|| view! { <p class="meta">{format!("接待：{} · {} · {}", r.address, r.hours, r.phone)}</p> })}
                    <details><summary>"调整职能"</summary><div class="actions">{toggles}</div></details>
                    <details><summary>"编辑单位（名称、隶属、辖区、接待信息）"</summary>
                        <ActionForm action=f.edit attr:class="form">
                            <input type="hidden" name="unit_id" value=id />
                            <div class="field"><label for=field("name")>"单位名称"</label><input id=field("name") name="name" required=true value=name /></div>
                            <div class="field"><label for=field("kind")>"类型"</label><select id=field("kind") name="kind">{kinds}</select></div>
                            <div class="field"><label for=field("parent")>"上级单位"</label>
                                <select id=field("parent") name="parent_id"><option value="">"（无）"</option>{parents}</select>
                            </div>
                            <div class="field"><label for=field("region")>"辖区"</label>
                                <select id=field("region") name="region_id" required=true>{places}</select>
                            </div>
                            {rec}
                            <button type="submit" class="button">"保存"</button>
                        </ActionForm>
                    </details>
                    <details><summary>"合并或撤销"</summary>
                        <ActionForm action=f.close attr:class="form">
                            <input type="hidden" name="unit_id" value=id />
                            <div class="field"><label for=field("into")>"并入单位（本单位未办结的事项、工作人员、下级单位和职能随之移交；不选则直接撤销，须无未办结事项）"</label>
                                <select id=field("into") name="into"><option value="">"（不合并，直接撤销）"</option>{intos}</select>
                            </div>
                            <button type="submit" class="button danger">"合并或撤销本单位"</button>
                        </ActionForm>
                    </details>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <section aria-labelledby="units-h">
            <h2 id="units-h">"单位"</h2>
            <ErrorSummary error=competence_error />
            <ErrorSummary error=edit_error />
            <ErrorSummary error=close_error />
            <ul class="cards">{rows}</ul>
            <h3>"新增单位"</h3>
            <ErrorSummary error />
            <ActionForm action=f.unit attr:class="form">
                <div class="field"><label for="u-name">"单位名称"</label><input id="u-name" name="name" required=true /></div>
                <div class="field"><label for="u-kind">"类型"</label>
                    <select id="u-kind" name="kind">{kind_options(None)}</select>
                </div>
                <div class="field"><label for="u-parent">"上级单位"</label>
                    <select id="u-parent" name="parent_id"><option value="">"（无）"</option>{parent_options}</select>
                </div>
                <div class="field"><label for="u-region">"辖区"</label>
                    <select id="u-region" name="region_id" required=true>{regions}</select>
                </div>
                {reception_fields("u-r", &shared::admin::Reception::default())}
                <button type="submit" class="button primary">"新增单位"</button>
            </ActionForm>
        </section>
    }
}

fn region_options(
    regions: &[shared::reference::RegionView],
    selected: Option<i64>,
) -> impl IntoView + use<> {
    regions
        .iter()
        .map(|r| view! { <option value=r.id.0 selected=Some(r.id.0) == selected>{r.path.clone()}</option> })
        .collect_view()
}

fn kind_options(selected: Option<UnitKind>) -> impl IntoView + use<> {
    UnitKind::ALL
        .iter()
        .map(
            |k| view! { <option value=k.code() selected=Some(*k) == selected>{k.label()}</option> },
        )
        .collect_view()
}

/// 接待信息 (art. 18: published on the portal's 信访接待 page).
fn reception_fields(prefix: &str, r: &shared::admin::Reception) -> impl IntoView + use<> {
    let id = |name: &str| format!("{prefix}-{name}");
    view! {
        <div class="field"><label for=id("address")>"接待地址（公开）"</label><input id=id("address") name="address" value=r.address.clone() /></div>
        <div class="field"><label for=id("hours")>"接待时间（公开）"</label><input id=id("hours") name="hours" value=r.hours.clone() placeholder="例如 工作日 9:00-12:00，13:30-17:00" /></div>
        <div class="field"><label for=id("phone")>"咨询电话（公开）"</label><input id=id("phone") name="phone" inputmode="tel" value=r.phone.clone() /></div>
    }
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
