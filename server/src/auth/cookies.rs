//! The browser's session cookies: `HttpOnly`, `Secure`, `SameSite=Lax`, `__Host-` prefixed.

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpMessage, HttpRequest};

/// Cookies to add to the response of the current request (set when a session is
/// refreshed while serving it); a middleware moves them onto the response.
#[derive(Default, Clone)]
pub struct PendingCookies(pub Vec<Cookie<'static>>);

#[derive(Clone, Copy)]
pub enum Kind {
    Access,
    Refresh,
    /// The receipt shown once after filing (it holds the query code).
    Receipt,
    /// A look-up's grant to see one petition's progress for a while.
    Track,
    /// Finds a refused form's contents again (see `ui::kept`).
    Kept,
}

/// The cookie's name. `__Host-` requires `Secure`, so plain-http test setups drop the prefix.
pub fn name(kind: Kind, secure: bool) -> &'static str {
    match (kind, secure) {
        (Kind::Access, true) => "__Host-access",
        (Kind::Access, false) => "access",
        (Kind::Refresh, true) => "__Host-refresh",
        (Kind::Refresh, false) => "refresh",
        (Kind::Receipt, true) => "__Host-receipt",
        (Kind::Receipt, false) => "receipt",
        (Kind::Track, true) => "__Host-track",
        (Kind::Track, false) => "track",
        (Kind::Kept, true) => "__Host-kept",
        (Kind::Kept, false) => "kept",
    }
}

/// `SameSite=Lax` rather than `Strict`: a citizen who taps the link in an SMS must
/// arrive logged in. Cross-site form posts are still refused by the origin check.
pub fn build(kind: Kind, secure: bool, value: String, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build(name(kind, secure), value)
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(Duration::seconds(max_age_secs))
        .finish()
}

/// An expired cookie that makes the browser forget `kind`.
pub fn clear(kind: Kind, secure: bool) -> Cookie<'static> {
    build(kind, secure, String::new(), 0)
}

pub fn read(req: &HttpRequest, kind: Kind, secure: bool) -> Option<String> {
    req.cookie(name(kind, secure))
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// Queues cookies for the response of `req`.
pub fn queue(req: &HttpRequest, cookies: impl IntoIterator<Item = Cookie<'static>>) {
    let mut ext = req.extensions_mut();
    let pending = ext.get_mut::<PendingCookies>();
    match pending {
        Some(p) => p.0.extend(cookies),
        None => {
            ext.insert(PendingCookies(cookies.into_iter().collect()));
        }
    }
}

/// Middleware: moves cookies queued while serving a request onto its response.
pub async fn apply_pending(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let pending = res.request().extensions_mut().remove::<PendingCookies>();
    if let Some(PendingCookies(cookies)) = pending {
        for c in cookies {
            res.response_mut().add_cookie(&c)?;
        }
    }
    Ok(res)
}
