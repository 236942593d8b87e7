//! Aliyun SMS (dysmsapi `SendSms`), signed with the RPC signature version 1.0: the sorted,
//! percent-encoded query is signed with HMAC-SHA1 under `AccessKeySecret&`.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;

use super::{Sms, SmsProvider, answer, transport_error};
use crate::notify::SendError;

/// RFC 3986 unreserved characters stay; everything else (space as %20, `*` as %2A) is encoded.
const POP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, POP).to_string()
}

/// The canonical query string of `params` (sorted, encoded, without `Signature`).
pub fn canonical_query(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .filter(|(k, _)| k.as_str() != "Signature")
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `Signature` parameter of a GET request with `params`.
pub fn signature(params: &BTreeMap<String, String>, secret: &str) -> String {
    let to_sign = format!(
        "GET&{}&{}",
        percent_encode("/"),
        percent_encode(&canonical_query(params))
    );
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("any key length");
    mac.update(to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub struct Aliyun {
    pub client: reqwest::Client,
    /// `https://dysmsapi.aliyuncs.com/` (configurable for a stand-in).
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub sign_name: String,
}

impl Aliyun {
    pub fn new(
        endpoint: String,
        id: String,
        secret: String,
        sign_name: String,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            client: reqwest::Client::builder().timeout(timeout).build()?,
            endpoint,
            access_key_id: id,
            access_key_secret: secret,
            sign_name,
        })
    }

    /// The full parameter set of one message, signed.
    pub fn params(&self, sms: &Sms<'_>, nonce: &str, timestamp: &str) -> BTreeMap<String, String> {
        let mut p: BTreeMap<String, String> = [
            ("AccessKeyId", self.access_key_id.as_str()),
            ("Action", "SendSms"),
            ("Format", "JSON"),
            ("PhoneNumbers", sms.phone),
            ("RegionId", "cn-hangzhou"),
            ("SignName", self.sign_name.as_str()),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", nonce),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", sms.template_code),
            ("Timestamp", timestamp),
            ("Version", "2017-05-25"),
            // The outbox key lets the provider's records be matched to ours.
            ("OutId", sms.idem_key),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        p.insert(
            "TemplateParam".into(),
            serde_json::to_string(sms.params).expect("parameters serialise"),
        );
        let sig = signature(&p, &self.access_key_secret);
        p.insert("Signature".into(), sig);
        p
    }
}

#[async_trait::async_trait]
impl SmsProvider for Aliyun {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        let nonce = uuid::Uuid::new_v4().to_string();
        let timestamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let params = self.params(sms, &nonce, &timestamp);
        let res = self
            .client
            .get(&self.endpoint)
            .query(&params)
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        answer(&res)?;
        let body: serde_json::Value = res.json().await.map_err(|_| SendError::Retry {
            reason: "unreadable answer".into(),
            retry_after: None,
        })?;
        match body["Code"].as_str() {
            Some("OK") => Ok(()),
            // Flow control: the same text again later is fine.
            Some(code) if code.contains("LIMIT_CONTROL") => Err(SendError::Retry {
                reason: code.to_owned(),
                retry_after: Some(60),
            }),
            Some(code) => Err(SendError::Permanent(code.to_owned())),
            None => Err(SendError::Retry {
                reason: "answer without a code".into(),
                retry_after: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// The example of Aliyun's SMS signature documentation (AccessKeySecret `testSecret`).
    #[test]
    fn matches_the_published_send_sms_example() {
        let p = map(&[
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", r#"{"customer":"test"}"#),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]);
        assert_eq!(signature(&p, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    /// The example of Aliyun's RPC signature documentation (DescribeRegions).
    #[test]
    fn matches_the_published_rpc_example() {
        let p = map(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(signature(&p, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    #[test]
    fn encodes_as_the_pop_rules_say() {
        assert_eq!(percent_encode("a b*~"), "a%20b%2A~");
        assert_eq!(percent_encode("/=&+"), "%2F%3D%26%2B");
    }
}
