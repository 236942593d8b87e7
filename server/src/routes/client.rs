//! Facts about the calling client that several routes need: its address and whether it wants HTML.

use std::net::{IpAddr, Ipv4Addr};

use actix_web::http::header::ACCEPT;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use app::ports::ClientAddress;

use crate::state::AppState;

/// The client's address, as the door-keeper named it for this request
/// (`crate::doorkeeper`: the peer, or `X-Forwarded-For` behind a trusted proxy).
pub fn ip(req: &HttpRequest) -> IpAddr {
    if let Some(ClientAddress(ip)) = req.extensions().get::<ClientAddress>() {
        return *ip;
    }
    // Only a request that bypassed the middleware (none in the portal) gets here.
    let peer = req
        .peer_addr()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => crate::doorkeeper::forwarded_client(
            req.headers(),
            peer,
            &state.settings.server.trusted_proxies,
        ),
        None => peer,
    }
}

/// A plain HTML form post (no JavaScript) asks for `text/html` and expects a redirect.
pub fn wants_html(req: &HttpRequest) -> bool {
    let accept = req
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    accept.contains("text/html") && !accept.contains("application/json")
}

/// 303 to `location`: where a plain form post lands after it was handled.
pub fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// The `Idempotency-Key` header, if sent; one that is not text is refused.
pub fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, crate::error::AppError> {
    match req.headers().get("Idempotency-Key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) => Ok(Some(k.to_owned())),
        Some(Err(_)) => Err(crate::error::AppError::field(
            "idempotency_key",
            "Idempotency-Key 应为1到100个可见ASCII字符",
        )),
    }
}
