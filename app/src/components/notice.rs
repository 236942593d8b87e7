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

/// A summary that screen readers announce, listing every problem.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<UiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let items =
                e.0.fields
                    .iter()
                    .map(|f| view! { <li>{f.message.clone()}</li> })
                    .collect_view();
            let class = if e.0.kind == ErrorKind::Validation {
                "notice error"
            } else {
                "notice error plain"
            };
            view! {
                <div class=class role="alert">
                    <p>{e.0.message.clone()}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A success or information message.
#[component]
pub fn Info(children: Children) -> impl IntoView {
    view! { <div class="notice info" role="status">{children()}</div> }
}
