//! 单位: the units of the jurisdiction, each with its kind, parent, place, competences and
//! reception details, to add, edit, merge or close.

use leptos::prelude::*;
use shared::admin::{UnitKind, UnitView};
use shared::reference::ReferenceData;

use super::{Forms, unit_options};
use crate::api::{AdminCloseUnit, AdminCompetence, AdminCreateUnit, AdminUpdateUnit};
use crate::components::notice::{ErrorSummary, posted_error};

#[component]
pub(super) fn Units(units: Vec<UnitView>, reference: ReferenceData, f: Forms) -> impl IntoView {
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
