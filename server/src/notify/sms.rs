//! SMS behind a provider trait. Mainland providers only send pre-registered templates, so
//! every message carries its template code and parameters beside the rendered text.
//! Providers: the embedded inbox, a generic HTTP JSON webhook, Aliyun and Tencent Cloud.

pub mod aliyun;
pub mod tencent;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

pub use super::{SendError, answer, transport_error};
use crate::crypto::{Field, Vault};
use crate::db;

/// One text message.
#[derive(Serialize)]
pub struct Sms<'a> {
    pub phone: &'a str,
    pub template_code: &'a str,
    pub params: &'a BTreeMap<String, String>,
    pub text: &'a str,
    #[serde(skip)]
    pub idem_key: &'a str,
    #[serde(skip)]
    pub template: &'a str,
}

#[async_trait::async_trait]
pub trait SmsProvider: Send + Sync {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError>;
}

/// The embedded default: texts are kept in the database (phone encrypted) and listed on
/// the development inbox page.
pub struct Inbox {
    pub pool: sqlx::AnyPool,
    pub vault: std::sync::Arc<Vault>,
}

#[async_trait::async_trait]
impl SmsProvider for Inbox {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        let phone = self.vault.encrypt(Field::Phone, sms.phone);
        let now = crate::time::now_ms();
        db::notifications::insert_sms(
            &self.pool,
            &phone,
            sms.template,
            sms.text,
            sms.idem_key,
            now,
        )
        .await
        .map_err(|e| SendError::Retry {
            reason: format!("database: {e}"),
            retry_after: None,
        })
    }
}

/// A generic provider: `POST url` with the message as JSON and an `Idempotency-Key`.
pub struct HttpJson {
    pub client: reqwest::Client,
    pub url: String,
}

impl HttpJson {
    pub fn new(url: String, timeout: Duration) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(Self { client, url })
    }
}

#[async_trait::async_trait]
impl SmsProvider for HttpJson {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SendError> {
        let res = self
            .client
            .post(&self.url)
            .header("Idempotency-Key", sms.idem_key)
            .json(sms)
            .send()
            .await
            .map_err(|e| transport_error(&e))?;
        answer(&res)
    }
}
