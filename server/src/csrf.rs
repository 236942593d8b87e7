//! Cross-site request refusal: a state-changing request (anything but GET, HEAD, OPTIONS)
//! that a browser marks as coming from another site is refused before it reaches a handler.
//! Only the portal's own origin may change state: `same-site` is not enough, because
//! `gov.cn` is a public suffix and every department's site under it is a stranger that the
//! browser would still call same-site (and send our `SameSite=Lax` cookies from). Clients
//! that are not browsers send neither header and pass.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// Whether the browser's own headers say the request comes from another site.
fn cross_site(req: &ServiceRequest, public_url: &str) -> bool {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if let Some(site) = header("sec-fetch-site") {
        // `none` is the person typing or bookmarking.
        return !matches!(site.as_str(), "same-origin" | "none");
    }
    let Some(origin) = header("origin") else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    let authority = origin.split_once("://").map_or("", |(_, rest)| rest);
    let host = header("host").unwrap_or_default();
    let public = public_url
        .split_once("://")
        .map_or("", |(_, rest)| rest.trim_end_matches('/'));
    authority != host && authority != public
}

pub async fn refuse_cross_site(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // Partner systems sign their requests and carry no cookies: nothing to ride on.
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !req.path().starts_with("/api/v1/partners/");
    let public_url = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.server.public_url.clone())
        .unwrap_or_default();
    if unsafe_method && cross_site(&req, &public_url) {
        let body = shared::ApiError::new(
            shared::ErrorKind::Forbidden,
            "拒绝来自其他网站的请求。请直接在本网站上操作。",
        );
        let res = HttpResponse::Forbidden().json(body);
        return Ok(req.into_response(res).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}
