//! A refusal as the UI's server functions answer it: logged once, and with the status the
//! REST API would give it.

use leptos::prelude::use_context;
use shared::ApiError;

use crate::error::AppError;

/// The client's view of a server error; unexpected causes are logged here, once.
pub fn api(e: AppError) -> ApiError {
    e.log();
    let body = e.to_api();
    // A server function's refusal keeps its own status (422, 404, 429...), like the REST
    // API's, instead of the framework's blanket 500; a no-JavaScript form post keeps its
    // redirect back to the form.
    let form_post = use_context::<leptos_actix::Request>()
        .is_some_and(|req| crate::routes::client::wants_html(&req));
    if !form_post && let Some(res) = use_context::<leptos_actix::ResponseOptions>() {
        res.set_status(crate::error::status_of(body.kind));
    }
    body
}
