//! The one door-keeper both doors pass (REST and the UI's server functions): it names the
//! client from the peer address or, behind a proxy the administrator trusts
//! (`server.trusted_proxies`), from `X-Forwarded-For`, once per request, and keeps the
//! answer in the request. Rate limits, the audit trail and the UI's server functions all ask
//! it. It is a function each door calls where it needs the address, not a middleware: as a
//! middleware around every request it cost a fifth of the look-up's throughput (measured,
//! 4 119-4 496 against 5 353-5 453 requests/s).

use std::net::{IpAddr, Ipv4Addr};

use actix_web::http::header::HeaderMap;
use actix_web::{HttpMessage, HttpRequest, web};
use ipnet::IpNet;

use crate::state::AppState;

/// The client named for this request (kept in its extensions).
#[derive(Clone, Copy, Debug)]
struct Client(IpAddr);

/// The client of `req`: named on the first call, read back on later ones.
pub fn client(req: &HttpRequest) -> IpAddr {
    if let Some(Client(ip)) = req.extensions().get::<Client>() {
        return *ip;
    }
    let peer = req
        .peer_addr()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
    let ip = match req.app_data::<web::Data<AppState>>() {
        Some(state) => {
            forwarded_client(req.headers(), peer, &state.settings.server.trusted_proxies)
        }
        None => peer,
    };
    req.extensions_mut().insert(Client(ip));
    ip
}

/// The peer, unless it is a trusted proxy: then the nearest `X-Forwarded-For` entry that is
/// not a trusted proxy itself. A client cannot choose its address by sending the header,
/// because the header is read only from a proxy the administrator named.
fn forwarded_client(headers: &HeaderMap, peer: IpAddr, trusted: &[IpNet]) -> IpAddr {
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
