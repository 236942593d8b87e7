//! The security headers of every response, and the nonce-bound Content-Security-Policy of
//! each rendered page.

use actix_web::http::header::{CONTENT_SECURITY_POLICY, HeaderValue};
use actix_web::middleware::DefaultHeaders;

/// What every response carries unless it sets its own. Nothing but a rendered page needs
/// to run or embed anything, so the default policy allows nothing at all.
pub fn defaults() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ))
        // Browsers honour it only over https; a plain-http development portal is unaffected.
        .add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        // Pages and answers carry personal data (receipts with query codes, case files,
        // accounts): no shared cache or back button on a kiosk keeps them.
        .add(("Cache-Control", "no-store"))
}

/// The policy of a rendered page: the portal's own script files and the inline scripts
/// that carry this response's nonce (so an injected `<script>` or handler attribute never
/// runs; the portal's other same-origin answers are JSON with `nosniff`, never scripts),
/// its own styles, images and fetches, and forms that post back to the portal.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Called in each page render's context: sets the page policy for this response's nonce.
pub fn apply_page_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        leptos::prelude::use_context::<leptos_actix::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
