//! The filing form's two helpers in the browser: 核对 (the answers shown for checking
//! before anything is sent) and the draft kept in this browser as the citizen types.

use leptos::prelude::*;

use crate::components::kept::Form;

/// 核对: every answer as it will be sent, with 确认提交 and 返回修改. It takes the focus
/// when it appears, so a screen reader starts reading it from its heading.
#[component]
pub fn AnswersReview(
    answers: Vec<(String, String)>,
    registering: bool,
    #[prop(into)] pending: Signal<bool>,
    confirm: Callback<()>,
    change: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
            h.scroll_into_view();
        }
    });
    let rows = answers
        .into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd class="prose">{value}</dd> })
        .collect_view();
    view! {
        <section class="check-answers" aria-labelledby="check-h">
            <h2 id="check-h" tabindex="-1" node_ref=heading>"请核对您填写的内容"</h2>
            <p>{if registering {
                "确认无误后登记，系统将生成信访件编号和查询码，并以短信发送给信访人。"
            } else {
                "确认无误后提交，系统将生成信访件编号和查询码。提交后不能修改，但可以补充材料。"
            }}</p>
            <dl class="answers">{rows}</dl>
            <p class="actions">
                <button type="button" class="button primary" disabled=move || pending.get()
                    on:click=move |_| confirm.run(())>
                    {move || match (pending.get(), registering) {
                        (true, _) => "正在提交……",
                        (false, true) => "确认登记并生成回执",
                        (false, false) => "确认提交",
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| change.run(())>"返回修改"</button>
            </p>
        </section>
    }
}

/// The answers of `form`: each input marked `data-answer="<label>"`, as a person reads it
/// (the chosen option's words, the ticked radio's `data-text`, the files' names).
pub fn answers_of(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    use leptos::wasm_bindgen::JsCast;
    let mut answers = Vec::new();
    let Ok(nodes) = form.query_selector_all("[data-answer]") else {
        return answers;
    };
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let label = el.get_attribute("data-answer").unwrap_or_default();
        let value = if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            match input.type_().as_str() {
                "radio" if !input.checked() => continue,
                "radio" => el.get_attribute("data-text").unwrap_or_default(),
                "checkbox" => if input.checked() { "是" } else { "否" }.to_owned(),
                "file" => {
                    let files = input.files();
                    let names: Vec<String> = (0..files.as_ref().map_or(0, |f| f.length()))
                        .filter_map(|i| files.as_ref()?.item(i).map(|f| f.name()))
                        .collect();
                    if names.is_empty() {
                        "无".to_owned()
                    } else {
                        names.join("、")
                    }
                }
                _ => input.value(),
            }
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            // The chosen option's words, the empty choice's too ("个人或未列出的单位").
            select
                .selected_options()
                .item(0)
                .and_then(|o| o.text_content())
                .unwrap_or_default()
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.value()
        } else {
            continue;
        };
        let value = if value.trim().is_empty() {
            "（未填写）".to_owned()
        } else {
            value
        };
        answers.push((label, value));
    }
    answers
}

/// 草稿: what the citizen has typed, kept in this browser's storage as they type and put
/// back when they return within a week; never sent anywhere until they submit, and
/// cleared then. Stored under the account's draft key, so that another person signed in
/// on the same browser never sees it. Files and the form's one-time key are not kept.
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<String>,
    form: NodeRef<leptos::html::Form>,
    restored: RwSignal<bool>,
    enabled: bool,
}

impl Draft {
    /// Drafts are kept for a citizen's own filing only: a clerk's desk is shared, and the
    /// petitioner's details must not stay in it. `restore` is false when the page came
    /// back with a refused form's contents, which are newer.
    pub fn new(form: Form, owner: &str, node: NodeRef<leptos::html::Form>, restore: bool) -> Self {
        let draft = Draft {
            key: StoredValue::new(format!("draft:{}:{owner}", form.name())),
            form: node,
            restored: RwSignal::new(false),
            enabled: form == Form::Filing && !owner.is_empty(),
        };
        if draft.enabled && restore {
            Effect::new(move |_| {
                if let Some(form) = node.get() {
                    draft.restore(&form);
                }
            });
        }
        draft
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// Saves what the form holds now.
    pub fn save(&self) {
        let (true, Some(form), Some(store)) =
            (self.enabled, self.form.get_untracked(), Self::storage())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(saved) = web_sys::UrlSearchParams::new() else {
            return;
        };
        saved.append(SAVED_AT, &js_now().to_string());
        for name in FIELDS {
            if let Some(value) = data.get(name).as_string() {
                saved.append(name, &value);
            }
        }
        let _ = store.set_item(&self.key.get_value(), &String::from(saved.to_string()));
    }

    /// Forgets the draft (the petition went in, or the citizen asked).
    pub fn clear(&self) {
        if let (true, Some(store)) = (self.enabled, Self::storage()) {
            let _ = store.remove_item(&self.key.get_value());
        }
    }

    fn restore(&self, form: &web_sys::HtmlFormElement) {
        use leptos::wasm_bindgen::JsCast;
        let key = self.key.get_value();
        let Some(saved) = Self::storage().and_then(|s| s.get_item(&key).ok().flatten()) else {
            return;
        };
        let Ok(saved) = web_sys::UrlSearchParams::new_with_str(&saved) else {
            return;
        };
        // A draft left for more than a week is forgotten rather than put back.
        let at: u64 = saved
            .get(SAVED_AT)
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        if js_now().saturating_sub(at) > DRAFT_DAYS * 86_400_000 {
            self.clear();
            return;
        }
        for name in FIELDS {
            let Some(value) = saved.get(name) else {
                continue;
            };
            let Ok(inputs) = form.query_selector_all(&format!("[name={name}]")) else {
                continue;
            };
            for i in 0..inputs.length() {
                let node = inputs.item(i);
                if let Some(input) = node
                    .clone()
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    match input.type_().as_str() {
                        "radio" | "checkbox" => input.set_checked(input.value() == value),
                        _ => input.set_value(&value),
                    }
                } else if let Some(select) = node
                    .clone()
                    .and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
                {
                    select.set_value(&value);
                } else if let Some(area) =
                    node.and_then(|n| n.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                {
                    area.set_value(&value);
                }
            }
        }
        self.restored.set(true);
    }

    /// What the form says about its draft.
    pub fn note(&self) -> impl Fn() -> Option<&'static str> + use<> {
        let (enabled, restored) = (self.enabled, self.restored);
        move || {
            enabled.then(|| {
                if restored.get() {
                    "已恢复您上次在本浏览器中未提交的草稿。草稿只保存在本浏览器中，提交后自动清除。"
                } else {
                    "填写的内容会自动保存为草稿，只保存在本浏览器中，不会发送到服务器；提交后自动清除。"
                }
            })
        }
    }
}

/// When the draft was saved (milliseconds since 1970), and how long it is put back.
const SAVED_AT: &str = "saved_at";
const DRAFT_DAYS: u64 = 7;

/// Now, as the browser's clock has it, in whole milliseconds (integers: formatting and
/// parsing floats would add kilobytes to the bundle).
fn js_now() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        leptos::web_sys::js_sys::Date::now() as u64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

/// The fields a draft keeps: everything typed or chosen, not files or the one-time key.
const FIELDS: [&str; 11] = [
    "kind",
    "category_id",
    "region_q",
    "region_id",
    "title",
    "facts",
    "request",
    "accused_unit_id",
    "respondent",
    "other_procedure",
    "people_count",
];
