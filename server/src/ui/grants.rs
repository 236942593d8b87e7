//! Short-lived, encrypted cookies that carry a filing's receipt or a look-up's grant.
//!
//! Both are sealed with the vault (authenticated encryption), so the browser can hold
//! them but neither read nor forge them, and both expire after half an hour.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::crypto::{Field, Vault};
use crate::time::now_ms;

/// How long a receipt or a look-up stays visible in the browser that made it.
pub const TTL_SECS: i64 = 30 * 60;

#[derive(Serialize, Deserialize)]
struct Sealed<T> {
    exp: i64,
    value: T,
}

pub fn seal<T: Serialize>(vault: &Vault, field: Field, value: T) -> String {
    let sealed = Sealed {
        exp: now_ms() + TTL_SECS * 1000,
        value,
    };
    let json = serde_json::to_string(&sealed).expect("serialisable");
    URL_SAFE_NO_PAD.encode(vault.encrypt(field, &json))
}

/// The value, if the cookie is authentic and not expired.
pub fn open<T: DeserializeOwned>(vault: &Vault, field: Field, cookie: &str) -> Option<T> {
    let bytes = URL_SAFE_NO_PAD.decode(cookie).ok()?;
    let json = vault.decrypt(field, &bytes).ok()?;
    let sealed: Sealed<T> = serde_json::from_str(&json).ok()?;
    (sealed.exp > now_ms()).then_some(sealed.value)
}
