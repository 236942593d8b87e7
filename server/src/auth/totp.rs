//! 动态口令: time-based one-time passwords (RFC 6238, SHA-1, 6 digits, 30 s), each code
//! accepted once, one step of clock drift either way.

use totp_rs::{Algorithm, TOTP};

const STEP: u64 = 30;

/// A new 160-bit secret, the size RFC 4226 recommends.
pub fn new_secret() -> Vec<u8> {
    crate::crypto::random_bytes::<20>().to_vec()
}

fn totp(secret: Vec<u8>, account: &str) -> TOTP {
    // The otpauth label is "issuer:account"; a colon in either would break it.
    let account = account.replace(':', "_");
    TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        secret,
        Some("阳光信访".to_owned()),
        account,
    )
}

/// The base32 secret and the `otpauth://` URL for an authenticator app.
pub fn enrolment(secret: &[u8], account: &str) -> (String, String) {
    let t = totp(secret.to_vec(), account);
    (t.get_secret_base32(), t.get_url())
}

/// The enrolment URL as a QR code for the app to scan from the screen: SVG markup made
/// here, so the page needs no script or image service. Empty if the URL cannot be encoded
/// (it always can: a few hundred bytes at most).
pub fn qr_svg(url: &str) -> String {
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) else {
        return String::new();
    };
    let markup = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Inline in HTML: without the XML declaration, named for screen readers.
    markup.find("<svg").map_or_else(String::new, |at| {
        markup[at..].replacen(
            "<svg",
            "<svg role=\"img\" aria-label=\"动态口令绑定二维码\"",
            1,
        )
    })
}

/// The time step `code` belongs to, if it is valid at `now` (seconds) and newer than
/// `last_step`, so that a code seen once cannot be replayed.
pub fn verify(secret: &[u8], code: &str, now: u64, last_step: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret.to_vec(), "");
    let current = now / STEP;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .filter(|step| i64::try_from(*step).is_ok_and(|s| s > last_step))
        .find(|step| crate::crypto::same(t.generate(step * STEP).as_bytes(), code.as_bytes()))
        .and_then(|step| i64::try_from(step).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" gives 94287082 at
    /// T = 59 s (8 digits); its last 6 digits are the 6-digit code.
    #[test]
    fn matches_the_rfc_6238_test_vector_and_refuses_a_replay() {
        let secret = b"12345678901234567890";
        assert_eq!(verify(secret, "287082", 59, 0), Some(1));
        assert_eq!(verify(secret, "287082", 59, 1), None, "the same step twice");
        assert_eq!(verify(secret, "287082", 59 + 10 * STEP, 0), None, "too old");
        assert_eq!(verify(secret, "28708", 59, 0), None);
    }
}
