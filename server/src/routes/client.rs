//! Facts about the calling client that several routes need: its address and whether it wants HTML.

use std::net::{IpAddr, Ipv4Addr};

use actix_web::http::header::ACCEPT;
use actix_web::{HttpRequest, HttpResponse, web};
use ipnet::IpNet;

use crate::state::AppState;

/// The client's address, which rate limits count by. The peer address, unless the peer is
/// one of `server.trusted_proxies`: then the nearest `X-Forwarded-For` entry that is not a
/// trusted proxy itself. A client cannot choose its address by sending the header, because
/// the header is read only from a proxy the administrator named.
pub fn ip(req: &HttpRequest) -> IpAddr {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return peer;
    };
    forwarded_client(req, peer, &state.settings.server.trusted_proxies)
}

fn forwarded_client(req: &HttpRequest, peer: IpAddr, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    // Proxies append, so the entries nearest the end were written by our own proxies.
    for value in req.headers().get_all("X-Forwarded-For").rev() {
        let Ok(text) = value.to_str() else {
            return client;
        };
        for entry in text.rsplit(',') {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) if is_trusted(&ip) => client = ip,
                Ok(ip) => return ip,
                // Garbage from beyond the last trusted hop: the last hop we trust is the client.
                Err(_) => return client,
            }
        }
    }
    client
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
