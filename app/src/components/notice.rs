//! Messages at the top of a form, and errors that come back in the address after a
//! form was posted without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;
use shared::ErrorKind;

use crate::error::UiError;

/// The error server function `S` left in the address (`?__path=…&__err=…`) when its form
/// was posted without JavaScript. Read once, on the server, as the page is rendered:
/// pages render there only, and an island gets it as a prop (in the browser it has no
/// router to read the address from).
pub fn posted_error<S: ServerFn>() -> Option<UiError> {
    let endpoint = S::PATH.rsplit('/').next().unwrap_or_default();
    let query = use_query_map();
    let q = query.read_untracked();
    if !q.get("__path")?.ends_with(endpoint) {
        return None;
    }
    q.get("__err")
        .map(|e| ServerFnUrlError::<UiError>::decode_err(&e))
}

/// The error of an island's form: from its action once JavaScript has sent it, else the
/// one the server found in the address when it rendered the page.
pub fn action_error<S>(action: ServerAction<S>, posted: Option<UiError>) -> Signal<Option<UiError>>
where
    S: ServerFn<Error = UiError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| posted.clone())
    })
}

/// A summary that screen readers announce, naming every field that needs a change and
/// linking to it (GOV.UK's error summary). Once the browser runs the page it takes the
/// focus whenever a new refusal arrives, and a link puts the focus in its field.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<UiError>>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some()
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        error.get().map(|e| {
            let items =
                e.0.fields
                    .iter()
                    .map(|f| {
                        let target = field_id(&f.field);
                        let text = match field_label(&f.field) {
                            Some(label) if !f.message.contains(label) => {
                                format!("{label}：{}", f.message)
                            }
                            _ => f.message.clone(),
                        };
                        view! {
                            <li><a href=format!("#{target}") on:click=move |ev| focus_field(ev, &target)>{text}</a></li>
                        }
                    })
                    .collect_view();
            let class = if e.0.kind == ErrorKind::Validation {
                "notice error summary"
            } else {
                "notice error plain"
            };
            view! {
                <div class=class role="alert" tabindex="-1" id="error-summary" node_ref=summary>
                    <p>{e.0.message.clone()}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The id of the input that holds the posted field `name` (`petitioner.phone` is
/// `f-petitioner-phone`): every form names its inputs this way.
pub fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// Puts the focus in the field a summary link names, and its label in view; without
/// JavaScript the link still jumps there.
fn focus_field(ev: leptos::ev::MouseEvent, id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        use leptos::wasm_bindgen::JsCast;
        ev.prevent_default();
        if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
            let _ = el.focus();
            el.scroll_into_view_with_bool(false);
        }
    }
}

/// The label people see for a posted field, so that the summary names it ("标题：请填写此项").
fn field_label(name: &str) -> Option<&'static str> {
    Some(match name.rsplit('.').next().unwrap_or(name) {
        "kind" => "信访事项的性质",
        "category_id" => "类别",
        "region_id" => "问题发生地",
        "title" => "标题",
        "facts" => "事实和理由",
        "request" => "诉求",
        "accused_unit_id" => "被检举控告的单位",
        "respondent" => "被反映人或单位",
        "other_procedure" => "其他法定途径",
        "people_count" => "涉及人数",
        "attachments" => "材料附件",
        "channel" => "渠道",
        "received_on" => "收到日期",
        "real_name" => "姓名",
        "id_number" => "身份证号码",
        "phone" => "手机号码",
        "sms_code" => "短信验证码",
        "password" | "new_password" => "密码",
        "email" => "电子邮箱",
        "address" => "地址",
        _ => return None,
    })
}

/// A success or information message.
#[component]
pub fn Info(children: Children) -> impl IntoView {
    view! { <div class="notice info" role="status">{children()}</div> }
}
