//! `/api/v1/sessions`: log in, refresh, log out.

pub mod login;
pub mod logout;
pub mod refresh;

use actix_web::HttpResponse;
use shared::account::TokenView;

use crate::auth::cookies::{self, Kind};
use crate::auth::sessions::Issued;
use crate::state::AppState;

/// The tokens as JSON for API clients, and as cookies for browsers.
pub fn issued_response(state: &AppState, issued: Issued) -> HttpResponse {
    let secure = state.settings.server.secure_cookies;
    let refresh = issued.refresh.unwrap_or_default();
    let mut res = HttpResponse::Ok();
    res.cookie(cookies::build(
        Kind::Access,
        secure,
        issued.access.clone(),
        state.tokens.access_ttl_secs,
    ));
    if !refresh.is_empty() {
        res.cookie(cookies::build(
            Kind::Refresh,
            secure,
            refresh.clone(),
            state.tokens.refresh_ttl_secs,
        ));
    }
    res.insert_header(("Cache-Control", "no-store"))
        .json(TokenView {
            access_token: issued.access,
            refresh_token: refresh,
            token_type: "Bearer".into(),
            expires_in: state.tokens.access_ttl_secs,
        })
}
