//! Tencent Cloud SMS (`SendSms`, API 2021-01-11), signed with TC3-HMAC-SHA256: a canonical
//! request hashed with SHA-256, signed with a key derived from the date, service and
//! `tc3_request`.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{Sms, SmsProvider, answer, transport_error};
use crate::notify::SendError;

fn hmac(key: &[u8], msg: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// What a request is signed over.
pub struct SignInput<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub service: &'a str,
    pub host: &'a str,
    pub timestamp: i64,
    pub payload: &'a str,
}

pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// The `Authorization` header of a JSON POST to `/` (signed headers: content-type, host).
pub fn authorization(i: &SignInput<'_>) -> String {
    let date = chrono::DateTime::from_timestamp(i.timestamp, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string();
    let canonical = format!(
        "POST\n/\n\ncontent-type:{CONTENT_TYPE}\nhost:{}\n\ncontent-type;host\n{}",
        i.host,
        hex::encode(Sha256::digest(i.payload.as_bytes()))
    );
    let scope = format!("{date}/{}/tc3_request", i.service);
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{}\n{scope}\n{}",
        i.timestamp,
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(format!("TC3{}", i.secret_key).as_bytes(), &date);
    let k_service = hmac(&k_date, i.service);
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex::encode(hmac(&k_signing, &to_sign));
    format!(
        "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host, Signature={signature}",
        i.secret_id
    )
}

pub struct Tencent {
    pub client: reqwest::Client,
    /// `https://sms.tencentcloudapi.com/` (configurable for a stand-in).
    pub endpoint: String,
    pub host: String,
    pub secret_id: String,
    pub secret_key: String,
    pub sdk_app_id: String,
    pub sign_name: String,
}

impl Tencent {
    pub fn new(
        endpoint: String,
        secret_id: String,
        secret_key: String,
        sdk_app_id: String,
        sign_name: String,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        let host = reqwest::Url::parse(&endpoint)?
            .host_str()
            .unwrap_or("sms.tencentcloudapi.com")
            .to_owned();
        Ok(Self {
            client: reqwest::Client::builder().timeout(timeout).build()?,
            endpoint,
            host,
            secret_id,
            secret_key,
            sdk_app_id,
            sign_name,
        })
    }
}

#[async_trait::async_trait]
impl SmsProvider for Tencent {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        // Template parameters are positional ({1}, {2}, ...): in the order of their names.
        let values: Vec<&String> = sms.params.values().collect();
        let payload = serde_json::json!({
            "PhoneNumberSet": [format!("+86{}", sms.phone)],
            "SmsSdkAppId": self.sdk_app_id,
            "SignName": self.sign_name,
            "TemplateId": sms.template_code,
            "TemplateParamSet": values,
            "SessionContext": sms.idem_key,
        })
        .to_string();
        let timestamp = chrono::Utc::now().timestamp();
        let auth = authorization(&SignInput {
            secret_id: &self.secret_id,
            secret_key: &self.secret_key,
            service: "sms",
            host: &self.host,
            timestamp,
            payload: &payload,
        });
        let res = self
            .client
            .post(&self.endpoint)
            .header("Authorization", auth)
            .header("Content-Type", CONTENT_TYPE)
            .header("Host", &self.host)
            .header("X-TC-Action", "SendSms")
            .header("X-TC-Version", "2021-01-11")
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Region", "ap-guangzhou")
            .body(payload)
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        answer(&res)?;
        let body: serde_json::Value = res.json().await.map_err(|_| SendError::Retry {
            reason: "unreadable answer".into(),
            retry_after: None,
        })?;
        let r = &body["Response"];
        if let Some(code) = r["Error"]["Code"].as_str() {
            return Err(
                if code.starts_with("RequestLimitExceeded") || code.starts_with("InternalError") {
                    SendError::Retry {
                        reason: code.to_owned(),
                        retry_after: Some(60),
                    }
                } else {
                    SendError::Permanent(code.to_owned())
                },
            );
        }
        match r["SendStatusSet"][0]["Code"].as_str() {
            Some("Ok") => Ok(()),
            Some(code) if code.contains("LimitExceeded") => Err(SendError::Retry {
                reason: code.to_owned(),
                retry_after: Some(60),
            }),
            Some(code) => Err(SendError::Permanent(code.to_owned())),
            None => Err(SendError::Retry {
                reason: "answer without a status".into(),
                retry_after: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of Tencent Cloud's signature v3 documentation (DescribeInstances on CVM,
    /// the documentation's EXAMPLE credentials).
    #[test]
    fn matches_the_published_tc3_example() {
        let auth = authorization(&SignInput {
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            timestamp: 1_551_113_065,
            payload: r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
        });
        assert_eq!(
            auth,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }
}
