//! The one door-keeper both doors pass (REST and the UI's server functions): it names the
//! client once per request, from the peer address or, behind a proxy the administrator
//! trusts (`server.trusted_proxies`), from `X-Forwarded-For`, and keeps it in the request.
//! Rate limits, the audit trail and the UI's server functions all read it from there.

use std::net::{IpAddr, Ipv4Addr};

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::HeaderMap;
use actix_web::middleware::Next;
use actix_web::web;
use app::ports::ClientAddress;
use ipnet::IpNet;

use crate::state::AppState;

/// Names the client and keeps it in the request's extensions.
pub async fn identify(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
    let client = match req.app_data::<web::Data<AppState>>() {
        Some(state) => {
            forwarded_client(req.headers(), peer, &state.settings.server.trusted_proxies)
        }
        None => peer,
    };
    req.extensions_mut().insert(ClientAddress(client));
    next.call(req).await
}

/// The peer, unless it is a trusted proxy: then the nearest `X-Forwarded-For` entry that is
/// not a trusted proxy itself. A client cannot choose its address by sending the header,
/// because the header is read only from a proxy the administrator named.
pub fn forwarded_client(headers: &HeaderMap, peer: IpAddr, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    // Proxies append, so the entries nearest the end were written by our own proxies.
    for value in headers.get_all("X-Forwarded-For").rev() {
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
