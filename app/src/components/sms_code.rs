//! 短信验证码 field with its 获取验证码 button: sends a code to the number typed in the
//! form's phone field, then counts down the 60 seconds before another may be asked.

use leptos::prelude::*;

use crate::api::SendCode;
use crate::error::UiError;

/// Whether this page was reached after the button posted the form without JavaScript
/// (`?code_sent=1`); read on the server and handed to the island holding the field.
pub fn code_sent() -> bool {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("code_sent")
        .is_some()
}

/// `phone_input` is the id of the phone input in the same form; `back` is this page's
/// path. Used inside an island: the button and its countdown run in the browser.
#[component]
pub fn SmsCodeField(
    purpose: &'static str,
    phone_input: &'static str,
    back: &'static str,
    code_sent: bool,
    #[prop(into)] server_error: Signal<Option<UiError>>,
) -> impl IntoView {
    let send = ServerAction::<SendCode>::new();
    let wait = RwSignal::new(0_i64);
    let status = move || match send.value().get() {
        Some(Ok(v)) => Some(format!("验证码已发送，{}分钟内有效。", v.expires_in / 60)),
        _ if code_sent => Some("验证码已发送，请输入收到的验证码。".to_owned()),
        _ => None,
    };
    let message = move || {
        send.value()
            .get()
            .and_then(Result::err)
            .map(|e| e.field("phone").unwrap_or_else(|| e.to_string()))
            .or_else(|| server_error.get().and_then(|e| e.field("sms_code")))
    };
    Effect::new(move |_| {
        if let Some(Ok(v)) = send.value().get() {
            wait.set(v.resend_after);
            let handle = std::rc::Rc::new(std::cell::Cell::new(None::<IntervalHandle>));
            let h = handle.clone();
            let interval = set_interval_with_handle(
                move || {
                    wait.update(|w| *w -= 1);
                    if wait.get_untracked() <= 0
                        && let Some(i) = h.take()
                    {
                        i.clear();
                    }
                },
                std::time::Duration::from_secs(1),
            );
            handle.set(interval.ok());
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let phone = phone_value(phone_input);
        send.dispatch(SendCode {
            phone,
            purpose: purpose.to_owned(),
            back: None,
            real_name: None,
            id_number: None,
            email: None,
            address: None,
        });
    };
    let label = move || {
        let w = wait.get();
        if w > 0 {
            format!("{w}秒后可重新获取")
        } else {
            "获取验证码".to_owned()
        }
    };
    let invalid = move || if message().is_some() { "true" } else { "false" };
    let disabled = move || wait.get() > 0 || send.pending().get();
    view! {
        <div class="field">
            <label for="f-sms_code">"短信验证码"</label>
            <div class="code-row">
                <input id="f-sms_code" name="sms_code" inputmode="numeric" autocomplete="one-time-code"
                    maxlength=6 required=true aria-describedby="f-sms_code-hint f-sms_code-err"
                    aria-invalid=invalid />
                <input type="hidden" name="purpose" value=purpose />
                <input type="hidden" name="back" value=back />
                <button type="submit" class="button" formaction="/ui/send-code" formnovalidate=true
                    disabled=disabled on:click=on_click>
                    {label}
                </button>
            </div>
            <p class="hint" id="f-sms_code-hint" aria-live="polite">{status}</p>
            <p class="error" id="f-sms_code-err" aria-live="polite">{message}</p>
        </div>
    }
}

/// The phone number typed so far (read when the button is pressed).
fn phone_value(id: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        String::new()
    }
}
