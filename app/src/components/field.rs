//! A labelled form field whose message comes from instant (browser) validation or from the server.

use leptos::prelude::*;

use crate::error::UiError;

/// The checks a field runs in the browser as soon as the person leaves it. They are
/// the same `shared` parse functions the server runs authoritatively.
pub type Check = fn(&str) -> Result<(), String>;

/// A field's message: the server's, until the person acts on the field; then the field's
/// own, set through the returned signal (`Some(None)` clears the server's, `Some(Some(m))`
/// says `m`), until the server answers again. A fixed field never stays marked.
pub fn field_message(
    name: &'static str,
    server_error: Signal<Option<UiError>>,
) -> (
    RwSignal<Option<Option<String>>>,
    impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) {
    let local = RwSignal::new(None::<Option<String>>);
    Effect::new(move |_| {
        server_error.track();
        local.set(None);
    });
    let message = move || match local.get() {
        Some(own) => own,
        None => server_error.get().and_then(|e| e.field(name)),
    };
    (local, message)
}

/// A text input (or a textarea when `rows > 0`) with its label, hint and error message.
#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = true)] required: bool,
    /// What the field holds when the page opens (a sensible default, never a guess).
    #[prop(default = None)]
    value: Option<String>,
    #[prop(optional)] check: Option<Check>,
    #[prop(into)] server_error: Signal<Option<UiError>>,
) -> impl IntoView {
    let (local, message) = field_message(name, server_error);
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let describedby = format!("{hint_id} {err_id}");
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if let Some(check) = check {
            let value = event_target_value(&ev);
            local.set(Some(if value.is_empty() && !required {
                None
            } else {
                check(&value).err()
            }));
        }
    };
    let invalid = move || if message().is_some() { "true" } else { "false" };
    let input = if rows > 0 {
        view! {
            <textarea id=id.clone() name=name rows=rows maxlength=maxlength required=required
                aria-describedby=describedby.clone() aria-invalid=invalid data-answer=label
                on:blur=on_blur>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=input_type autocomplete=autocomplete inputmode=inputmode
                maxlength=maxlength required=required value=value aria-describedby=describedby.clone()
                aria-invalid=invalid data-answer=(input_type != "password").then_some(label)
                on:blur=on_blur />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}{(!required).then_some(view! { <span class="optional">"（选填）"</span> })}</label>
            {input}
            <p class="hint" id=hint_id>{hint}</p>
            <p class="error" id=err_id aria-live="polite">{message}</p>
        </div>
    }
}
