//! 类别 and 节假日安排 on the administration page.

use leptos::prelude::*;
use shared::admin::CalendarYearView;
use shared::reference::ReferenceData;

use super::Forms;
use crate::api::{AdminCreateCategory, AdminPutCalendar, AdminUpdateCategory};
use crate::components::notice::{ErrorSummary, posted_error};

#[component]
pub(super) fn Categories(
    reference: ReferenceData,
    categories: Vec<shared::admin::CategoryAdminView>,
    f: Forms,
) -> impl IntoView {
    let error = posted_error::<AdminCreateCategory>();
    let edit_error = posted_error::<AdminUpdateCategory>();
    // Each top-level category, then its children, each with its own small form.
    let mut ordered = Vec::new();
    for top in categories.iter().filter(|c| c.parent_id.is_none()) {
        ordered.push((top.clone(), false));
        ordered.extend(
            categories
                .iter()
                .filter(|c| c.parent_id == Some(top.id))
                .map(|c| (c.clone(), true)),
        );
    }
    let rows = ordered
        .into_iter()
        .map(|(c, child)| {
            let id = c.id.0;
            let field = move |name: &str| format!("cat{id}-{name}");
            view! {
                <li class=if child { "category child" } else { "category" }>
                    <ActionForm action=f.category_edit attr:class="inline-form">
                        <input type="hidden" name="category_id" value=id />
                        <label for=field("name") class="visually-hidden">"类别名称"</label>
                        <input id=field("name") name="name" value=c.name required=true size="10" />
                        <label for=field("pos")>"顺序"</label>
                        <input id=field("pos") name="position" type="number" min="0" max="10000" value=c.position size="3" />
                        <label class="check"><input type="checkbox" name="retired" value="on" checked=c.retired />"停用"</label>
                        <button type="submit" class="link">"保存"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let tops = reference
        .categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| view! { <option value=c.id.0>{c.name.clone()}</option> })
        .collect_view();
    let all = reference
        .categories
        .iter()
        .map(|c| c.path.clone())
        .collect::<Vec<_>>()
        .join("；");
    view! {
        <section aria-labelledby="cat-h">
            <h2 id="cat-h">"类别"</h2>
            <p class="meta">{all}</p>
            <details><summary>"改名、调整顺序或停用（停用的类别不再供选择，已有信访事项不受影响）"</summary>
                <ErrorSummary error=edit_error />
                <ul class="categories">{rows}</ul>
            </details>
            <ErrorSummary error />
            <ActionForm action=f.category attr:class="form">
                <div class="field"><label for="c-parent">"上级类别"</label>
                    <select id="c-parent" name="parent_id"><option value="">"（一级类别）"</option>{tops}</select>
                </div>
                <div class="field"><label for="c-name">"类别名称"</label><input id="c-name" name="name" required=true /></div>
                <button type="submit" class="button primary">"新增类别"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub(super) fn Calendar(years: Vec<CalendarYearView>, f: Forms) -> impl IntoView {
    let error = posted_error::<AdminPutCalendar>();
    let gaps = years
        .iter()
        .filter(|y| !y.missing.is_empty())
        .map(|y| {
            view! {
                <p class="warning" role="alert">
                    {format!(
                        "⚠ {}年的节假日安排尚未完整载入（尚缺：{}）。落入该年度的期限暂按周末计算，载入后自动重新计算。",
                        y.year,
                        y.missing.join("、")
                    )}
                </p>
            }
        })
        .collect_view();
    let entered = years
        .iter()
        .filter(|y| !y.text.is_empty())
        .map(|y| {
            let state = if y.missing.is_empty() { "已完整载入" } else { "部分载入" };
            view! { <details><summary>{format!("{}年（{state}）", y.year)}</summary><pre>{y.text.clone()}</pre></details> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="cal-h">
            <h2 id="cal-h">"节假日安排"</h2>
            {gaps}
            <p>"国务院办公厅公布次年安排后，在此录入；所有期限随即按新安排重新计算，受影响的信访事项在办理过程中注明。每行一条：“2027-02-06..2027-02-12 rest 春节”或“2027-02-14 work 春节调休上班”。元旦、春节、清明节、劳动节、端午节、中秋节、国庆节七个节日齐全，该年度才算载入。"</p>
            {entered}
            <ErrorSummary error />
            <ActionForm action=f.calendar attr:class="form">
                <div class="field"><label for="y-year">"年度"</label><input id="y-year" name="year" inputmode="numeric" required=true /></div>
                <div class="field"><label for="y-text">"安排"</label><textarea id="y-text" name="text" rows="8" required=true></textarea></div>
                <button type="submit" class="button primary">"保存"</button>
            </ActionForm>
        </section>
    }
}
