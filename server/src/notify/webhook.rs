//! Outbound webhooks as the Standard Webhooks specification defines them: `webhook-id`,
//! `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 over
//! `id.timestamp.body` under the `whsec_` secret), with a versioned JSON payload.

use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::{SendError, answer, transport_error};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A new secret: `whsec_` and 32 random bytes in base64, shown once to the partner.
pub fn new_secret() -> String {
    format!("whsec_{}", B64.encode(crate::crypto::random_bytes::<32>()))
}

/// The signing key of a `whsec_` secret.
pub fn decode_secret(secret: &str) -> anyhow::Result<Vec<u8>> {
    let raw = secret.strip_prefix("whsec_").unwrap_or(secret);
    Ok(B64.decode(raw)?)
}

/// The `webhook-signature` header value for one delivery.
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", B64.encode(mac.finalize().into_bytes()))
}

/// What partners receive (version 1). It names the petition and the step, never the
/// petitioner: partners that handle the case get it through the forwarding interface.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WebhookPayload {
    /// e.g. `petition.forwarded`
    #[serde(rename = "type")]
    pub kind: String,
    /// The payload schema version.
    pub version: u32,
    pub timestamp: DateTime<Utc>,
    pub data: WebhookData,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WebhookData {
    /// 信访件编号
    pub number: String,
}

/// Posts one signed delivery; `id` is the message's idempotency key.
pub async fn deliver(
    client: &reqwest::Client,
    url: &str,
    key: &[u8],
    id: &str,
    body: &str,
) -> Result<(), SendError> {
    post(client, url, key, id, body).await.map(|_| ())
}

/// Posts one signed delivery and returns the partner's successful answer.
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    key: &[u8],
    id: &str,
    body: &str,
) -> Result<reqwest::Response, SendError> {
    let timestamp = Utc::now().timestamp();
    let res = client
        .post(url)
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", sign(key, id, timestamp, body))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .map_err(|e| transport_error(&e))?;
    answer(&res)?;
    Ok(res)
}

/// Checks an inbound request signed the same way: the signature (any of the
/// space-separated `v1,` values, compared in constant time) and a timestamp within
/// `tolerance_secs` of `now`, so a captured request cannot be replayed later.
pub fn verify(
    key: &[u8],
    id: &str,
    timestamp: &str,
    signatures: &str,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<(), &'static str> {
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| "webhook-timestamp 不是整数秒")?;
    if (now - ts).abs() > tolerance_secs {
        return Err("请求已过期（webhook-timestamp 与当前时间相差超过5分钟）");
    }
    let body = std::str::from_utf8(body).map_err(|_| "请求内容不是 UTF-8 文本")?;
    let expected = sign(key, id, ts, body);
    let ok = signatures
        .split_whitespace()
        .any(|s| crate::crypto::same(s.as_bytes(), expected.as_bytes()));
    if ok { Ok(()) } else { Err("签名不正确") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Standard Webhooks specification's published test vector.
    #[test]
    fn matches_the_specification_test_vector() {
        let key = decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(
            sign(
                &key,
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1_614_265_330,
                r#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn an_inbound_request_is_checked_for_signature_and_age() {
        let key = decode_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let (id, ts, body) = (
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        );
        let good = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        let check = |sig: &str, body: &str, now: i64| {
            verify(&key, id, &ts.to_string(), sig, body.as_bytes(), now, 300)
        };
        assert!(check(good, body, ts + 299).is_ok());
        assert!(check(&format!("v1,bm90IGl0 {good}"), body, ts).is_ok());
        assert!(check(good, r#"{"test": 2432232315}"#, ts).is_err());
        assert!(check("v1,bm90IGl0", body, ts).is_err());
        assert!(check(good, body, ts + 301).is_err());
        assert!(check(good, body, ts - 301).is_err());
    }

    #[test]
    fn new_secrets_decode_to_32_bytes() {
        let s = new_secret();
        assert!(s.starts_with("whsec_"));
        assert_eq!(decode_secret(&s).unwrap().len(), 32);
    }
}
