//! The pieces every case-page action form is made of: the form posting one step (with its
//! confirmation when the step cannot be taken back) and its common fields.

use leptos::prelude::*;
use shared::petition::{CommandKind, UnitOption};

use super::confirm;
use crate::api::StaffAct;

/// The step the case page offers first (see `ActionForms`), provided to its forms.
#[derive(Clone, Copy)]
pub(super) struct Primary(pub Option<CommandKind>);

/// One form posting one action; `children` are its fields.
#[component]
pub(super) fn Step(
    action: ServerAction<StaffAct>,
    number: String,
    version: i64,
    kind: CommandKind,
    title: &'static str,
    button: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let primary = use_context::<Primary>().is_some_and(|p| p.0 == Some(kind));
    view! {
        <section class=if primary { "step primary-step" } else { "step" } aria-label=title>
            <h3>{title}</h3>
            <ActionForm action attr:class="form">
                <input type="hidden" name="number" value=number />
                <input type="hidden" name="action" value=kind.code() />
                <input type="hidden" name="version" value=version />
                {children.map(|c| c())}
                {confirm::preview(kind).map(|told| view! {
                    <div class="confirm">
                        <p class="hint">{told}</p>
                        <label class="choice">
                            <input type="checkbox" name="confirmed" value="1" required=true />
                            {format!("我已核对，确认{button}")}
                        </label>
                    </div>
                })}
                <button type="submit" class=if primary { "button primary" } else { "button" }>{button}</button>
            </ActionForm>
        </section>
    }
}

pub(super) fn unit_select(
    units: &[UnitOption],
    selected: Option<i64>,
    label: &'static str,
    id: &'static str,
) -> impl IntoView + use<> {
    let options = units
        .iter()
        .map(|u| {
            let chosen = Some(u.id.0) == selected;
            view! { <option value=u.id.0 selected=chosen>{u.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name="unit_id" required=true>
                <option value="">"请选择单位"</option>
                {options}
            </select>
        </div>
    }
}

pub(super) fn text_area(
    id: &'static str,
    name: &'static str,
    label: &'static str,
) -> impl IntoView {
    area(id, name, label, true)
}

pub(super) fn text_area_optional(
    id: &'static str,
    name: &'static str,
    label: &'static str,
) -> impl IntoView {
    area(id, name, label, false)
}

fn area(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id name=name rows="3" required=required></textarea>
        </div>
    }
}

pub(super) fn number_field(id: &'static str, label: &'static str, max: u32) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name="days" type="number" inputmode="numeric" min="1" max=max required=true />
        </div>
    }
}
