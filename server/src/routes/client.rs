//! Facts about the calling client that several routes need: its address and whether it wants HTML.

use std::net::IpAddr;

use actix_web::http::header::ACCEPT;
use actix_web::{HttpRequest, HttpResponse};

/// The client's address, as the door-keeper names it (`crate::doorkeeper`: the peer, or
/// `X-Forwarded-For` behind a trusted proxy).
pub fn ip(req: &HttpRequest) -> IpAddr {
    crate::doorkeeper::client(req)
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
