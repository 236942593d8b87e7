//! The channels a worker delivers through, built from the settings: the mailer, the SMS
//! provider, and the HTTP client for webhooks and partner systems.

use std::sync::Arc;
use std::time::Duration;

use secrecy::ExposeSecret;

use super::SendError;
use crate::config::SmsProviderKind;
use crate::notify::email::Mailer;
use crate::notify::outbound::Destinations;
use crate::notify::sms::aliyun::Aliyun;
use crate::notify::sms::tencent::Tencent;
use crate::notify::sms::{HttpJson, Inbox, SmsProvider};
use crate::state::AppState;

/// The channels a worker delivers through.
pub struct Channels {
    pub mailer: Mailer,
    pub sms: Box<dyn SmsProvider>,
    /// For webhooks and partner systems: reaches only the permitted destinations.
    pub http: reqwest::Client,
    pub destinations: Arc<Destinations>,
}

impl Channels {
    /// Refuses, for good, a call to a destination that is not permitted (saved before the
    /// rules tightened, or an address literal).
    pub fn permitted(&self, url: &str) -> Result<(), SendError> {
        let url =
            reqwest::Url::parse(url).map_err(|_| SendError::Permanent("bad address".into()))?;
        match self.destinations.refuse(&url) {
            Some(_) => Err(SendError::Permanent("destination not permitted".into())),
            None => Ok(()),
        }
    }

    pub fn from_settings(state: &AppState) -> anyhow::Result<Self> {
        let n = &state.settings.notify;
        let timeout = Duration::from_secs(n.timeout_secs);
        let s = &n.sms;
        let or = |url: &str, public: &str| {
            if url.is_empty() {
                public.to_owned()
            } else {
                url.to_owned()
            }
        };
        let sms: Box<dyn SmsProvider> = match s.provider {
            SmsProviderKind::Http => Box::new(HttpJson::new(s.http_url.clone(), timeout)?),
            SmsProviderKind::Aliyun => Box::new(Aliyun::new(
                or(&s.endpoint, "https://dysmsapi.aliyuncs.com/"),
                s.key_id.clone(),
                s.key_secret.expose_secret().to_owned(),
                s.sign_name.clone(),
                timeout,
            )?),
            SmsProviderKind::Tencent => Box::new(Tencent::new(
                or(&s.endpoint, "https://sms.tencentcloudapi.com/"),
                s.key_id.clone(),
                s.key_secret.expose_secret().to_owned(),
                s.sdk_app_id.clone(),
                s.sign_name.clone(),
                timeout,
            )?),
            SmsProviderKind::Inbox => Box::new(Inbox {
                pool: state.db.writer.clone(),
                vault: state.vault.clone(),
            }),
        };
        let destinations = Arc::new(state.settings.destinations());
        Ok(Self {
            mailer: Mailer::from_settings(&n.email, &state.settings.data_dir, timeout)?,
            sms,
            http: destinations.client(timeout)?,
            destinations,
        })
    }
}
