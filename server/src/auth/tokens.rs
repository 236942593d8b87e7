//! Short-lived access tokens (JWT, HS256) and opaque refresh tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const AUDIENCE: &str = "petition-portal";
const ISSUER: &str = "petition-portal";

/// The claims of an access token. `sub` is `citizen:<id>` or `staff:<id>`; `sid` names
/// the session so that logout and password change revoke the token at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub sid: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub aud: String,
    pub iss: String,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
}

impl TokenKeys {
    pub fn new(key: &[u8; 32], access_minutes: i64, refresh_days: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "nbf", "aud", "iss", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        Self {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            validation,
            access_ttl_secs: access_minutes * 60,
            refresh_ttl_secs: refresh_days * 86_400,
        }
    }

    pub fn issue(&self, sub: &str, sid: &str, now_secs: i64) -> String {
        let claims = Claims {
            sub: sub.to_owned(),
            sid: sid.to_owned(),
            iat: now_secs,
            nbf: now_secs,
            exp: now_secs + self.access_ttl_secs,
            aud: AUDIENCE.to_owned(),
            iss: ISSUER.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 encoding cannot fail")
    }

    /// The claims of a valid, unexpired token of this issuer; anything else is `None`.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|d| d.claims)
    }
}

/// A new opaque refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> String {
    URL_SAFE_NO_PAD.encode(crate::crypto::random_bytes::<32>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_its_own_tokens_and_refuses_tampered_or_foreign_ones() {
        let keys = TokenKeys::new(&[3; 32], 15, 30);
        let now = chrono::Utc::now().timestamp();
        let token = keys.issue("citizen:1", "s1", now);
        assert_eq!(keys.verify(&token).unwrap().sub, "citizen:1");
        let other = TokenKeys::new(&[4; 32], 15, 30);
        assert!(other.verify(&token).is_none());
        let mut tampered = token.clone();
        tampered.pop();
        assert!(keys.verify(&tampered).is_none());
        assert!(
            keys.verify(&keys.issue("citizen:1", "s1", now - 3600))
                .is_none(),
            "expired"
        );
    }
}
