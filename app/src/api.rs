//! Server functions: the UI's private door (`/ui/...`, POST). Each one is thin: it reads
//! the caller from the request, calls the server through a port, and maps the result.

mod account;
mod admin;
mod petitions;
mod staff;

pub use account::*;
pub use admin::*;
pub use petitions::*;
pub use staff::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use std::sync::Arc;

    use actix_web::http::header::{HeaderValue, SET_COOKIE};
    use leptos::prelude::*;
    use shared::ApiError;

    use crate::error::UiError;
    use crate::ports::{Caller, Outcome, Portal};

    /// The server's implementation of the ports, provided as context by the server.
    pub fn portal() -> Result<Arc<dyn Portal>, UiError> {
        use_context::<Arc<dyn Portal>>().ok_or_else(|| UiError(ApiError::internal()))
    }

    /// The cookies and address of the current request.
    pub fn caller(portal: &dyn Portal) -> Caller {
        let Some(req) = use_context::<leptos_actix::Request>() else {
            return Caller::default();
        };
        let names = portal.cookie_names();
        let get = |name: &str| {
            req.cookie(name)
                .map(|c| c.value().to_owned())
                .filter(|v| !v.is_empty())
        };
        Caller {
            access: get(names.access),
            refresh: get(names.refresh),
            receipt: get(names.receipt),
            track: get(names.track),
            // Named by the server's door-keeper, through its trusted proxies, exactly as
            // the REST door reads it.
            ip: Some(portal.client_address(&req)),
        }
    }

    /// A posted field that is none of the values it may take.
    pub fn refused(field: &str, message: &str) -> UiError {
        UiError(ApiError::validation(vec![shared::FieldError::new(
            field, message,
        )]))
    }

    /// Adds the outcome's cookies to the response and returns its value.
    pub fn apply<T>(outcome: Outcome<T>) -> T {
        if let Some(res) = use_context::<leptos_actix::ResponseOptions>() {
            for cookie in outcome.set_cookies {
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    res.append_header(SET_COOKIE, value);
                }
            }
        }
        outcome.value
    }
}
