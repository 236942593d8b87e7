//! Layered configuration: built-in defaults, an optional TOML file, then `APP_*` environment variables.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;
use shared::clock::{Clock, ClockRule};

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub site_root: PathBuf,
    pub demo: bool,
    /// Holiday arrangements loaded in addition to the shipped ones.
    pub calendar_files: Vec<PathBuf>,
    pub clocks: ClockSettings,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub security: SecuritySettings,
    pub limits: LimitSettings,
    pub log: LogSettings,
    pub notify: NotifySettings,
    pub statistics: StatisticsSettings,
}

/// The figures' settings.
#[derive(Clone, Debug, Deserialize)]
pub struct StatisticsSettings {
    /// 信访指数 weights, by figure code; a figure of weight 0 is left out.
    #[serde(deserialize_with = "weights")]
    pub index_weights: Vec<shared::figures::index::Weight>,
}

fn weights<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<shared::figures::index::Weight>, D::Error> {
    let map = std::collections::BTreeMap::<String, u32>::deserialize(d)?;
    let mut out = Vec::new();
    for (code, weight) in map {
        let figure = shared::figures::Figure::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "statistics.index_weights: no figure is called {code} (see /statistics/method)"
            ))
        })?;
        if weight > 0 {
            out.push(shared::figures::index::Weight { figure, weight });
        }
    }
    // In the order the figures are listed, whatever order the file gave.
    out.sort_by_key(|w| {
        shared::figures::Figure::ALL
            .iter()
            .position(|f| *f == w.figure)
    });
    Ok(out)
}

/// The length and day kind of each statutory clock.
#[derive(Clone, Debug, Deserialize)]
pub struct ClockSettings {
    pub acceptance: ClockRule,
    pub objection: ClockRule,
    pub handling: ClockRule,
    pub review_request: ClockRule,
    pub review: ClockRule,
    pub re_review_request: ClockRule,
    pub re_review: ClockRule,
    pub supervision: ClockRule,
    /// Staff are warned this many days before a due date (临期).
    pub warn_days: i64,
    /// A petitioner who has not rated a reply is reminded this many days after it.
    pub rating_reminder_days: i64,
    /// Hearing days one round may leave out of its period in all (art. 34, 36).
    pub hearing_max_days: u32,
}

impl ClockSettings {
    pub fn rule(&self, clock: Clock) -> ClockRule {
        match clock {
            Clock::Acceptance => self.acceptance,
            Clock::Objection => self.objection,
            Clock::Handling => self.handling,
            Clock::ReviewRequest => self.review_request,
            Clock::Review => self.review,
            Clock::ReReviewRequest => self.re_review_request,
            Clock::ReReview => self.re_review,
            Clock::Supervision => self.supervision,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub secure_cookies: bool,
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses or networks).
    #[serde(default, deserialize_with = "networks")]
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

/// Networks written as `10.0.0.0/8`, or single addresses written plainly.
fn networks<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ipnet::IpNet>, D::Error> {
    let texts = Vec::<String>::deserialize(d)?;
    texts
        .iter()
        .map(|t| {
            t.parse::<ipnet::IpNet>()
                .or_else(|_| t.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| serde::de::Error::custom(format!("not an address or network: {t}")))
        })
        .collect()
}

#[derive(Clone, Debug, Deserialize)]
pub struct DatabaseSettings {
    /// Contains a password for PostgreSQL deployments, so it is never printed.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SecuritySettings {
    pub master_key: SecretString,
    /// Staff holding any of these roles must bind a second factor (TOTP) before they work.
    pub totp_required_roles: Vec<shared::staff::Role>,
    pub access_token_minutes: i64,
    pub refresh_token_days: i64,
    /// Where the audit chain's signed checkpoint is kept; best on storage apart from the
    /// database (another disk, an append-only share). Empty: `<data_dir>/audit.checkpoint`.
    #[serde(default)]
    pub audit_checkpoint: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LimitSettings {
    pub lookups_per_minute: u32,
    pub logins_per_minute: u32,
    /// Registration attempts per client per minute (each costs a password hash).
    pub registrations_per_minute: u32,
    /// Tries at one account from one address per `account_window_minutes`.
    pub logins_per_account: u32,
    pub account_window_minutes: u32,
    pub sms_codes_per_hour: u32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LogSettings {
    pub format: LogFormat,
    pub filter: String,
}

impl Settings {
    /// Reads the defaults, then the file named by `APP_CONFIG` if set, then `APP_*` variables.
    pub fn load() -> Result<Self, config::ConfigError> {
        let mut builder = config::Config::builder().add_source(config::File::from_str(
            include_str!("../config/default.toml"),
            config::FileFormat::Toml,
        ));
        if let Ok(path) = std::env::var("APP_CONFIG") {
            builder = builder.add_source(config::File::with_name(&path));
        }
        builder
            .add_source(
                config::Environment::with_prefix("APP")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true)
                    // Lists from the environment are comma-separated.
                    .list_separator(",")
                    .with_list_parse_key("security.totp_required_roles")
                    .with_list_parse_key("server.trusted_proxies")
                    .with_list_parse_key("notify.outbound_allow"),
            )
            .build()?
            .try_deserialize()
    }
}

impl Settings {
    /// The audit chain's checkpoint file.
    pub fn audit_checkpoint(&self) -> std::path::PathBuf {
        if self.security.audit_checkpoint.is_empty() {
            self.data_dir.join("audit.checkpoint")
        } else {
            std::path::PathBuf::from(&self.security.audit_checkpoint)
        }
    }

    /// Where webhooks and partner pushes may go: https only unless this is a demo portal.
    pub fn destinations(&self) -> crate::notify::outbound::Destinations {
        crate::notify::outbound::Destinations::new(self.notify.outbound_allow.clone(), !self.demo)
    }
}

/// How messages leave the portal: the outbox worker, e-mail and SMS.
#[derive(Clone, Debug, Deserialize)]
pub struct NotifySettings {
    /// Run the outbox worker in this process (several instances may all run one).
    pub worker: bool,
    /// Messages claimed per round of the worker.
    pub batch: i64,
    /// Attempts before a message is dead-lettered.
    pub max_attempts: i64,
    /// The first retry waits this long; each further one twice as long (with jitter).
    pub backoff_secs: i64,
    /// The longest wait between attempts.
    pub max_backoff_secs: i64,
    /// A provider that has not answered by then counts as failed (and is retried).
    pub timeout_secs: u64,
    /// Networks that webhooks and partner systems may be reached in although they are not
    /// public (an internal department system); everything else non-public is refused.
    #[serde(default)]
    pub outbound_allow: Vec<ipnet::IpNet>,
    pub email: EmailSettings,
    pub sms: SmsSettings,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EmailSettings {
    pub mode: MailMode,
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    /// Where system alerts for administrators go (a missing holiday arrangement).
    #[serde(default)]
    pub administrators: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SmsSettings {
    pub provider: SmsProviderKind,
    /// The generic provider's endpoint.
    pub http_url: String,
    /// Aliyun or Tencent Cloud: the API endpoint (the public one unless testing).
    pub endpoint: String,
    /// AccessKeyId (Aliyun) or SecretId (Tencent).
    pub key_id: String,
    /// AccessKeySecret (Aliyun) or SecretKey (Tencent).
    pub key_secret: SecretString,
    /// 短信签名, registered with the provider.
    pub sign_name: String,
    /// Tencent's SmsSdkAppId.
    pub sdk_app_id: String,
    /// Mainland SMS needs pre-registered templates: event name → template code.
    pub templates: std::collections::HashMap<String, String>,
}

// Choices are enums: a misspelt value stops the start with the allowed values
// (serde's "unknown variant `x`, expected one of ..."), never falls through to a default.

/// Reads a choice by its snake_case name; any other word is refused with the list.
macro_rules! choices {
    ($($t:ident),+) => {$(
        impl TryFrom<String> for $t {
            type Error = String;

            fn try_from(value: String) -> Result<Self, String> {
                value.parse().map_err(|_| {
                    let allowed = <$t as strum::VariantNames>::VARIANTS.join(", ");
                    format!("`{value}` is not one of: {allowed}")
                })
            }
        }
    )+};
}

choices!(LogFormat, MailMode, SmtpSecurity, SmsProviderKind);

/// How log lines are written.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, strum::EnumString, strum::VariantNames,
)]
#[serde(try_from = "String")]
#[strum(serialize_all = "snake_case")]
pub enum LogFormat {
    /// For a person at a terminal.
    Pretty,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Where e-mail goes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, strum::EnumString, strum::VariantNames,
)]
#[serde(try_from = "String")]
#[strum(serialize_all = "snake_case")]
pub enum MailMode {
    /// Each message is written as an .eml file under data_dir/mail.
    Files,
    /// Sent through the SMTP server configured beside it.
    Smtp,
}

/// How the SMTP connection is protected.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, strum::EnumString, strum::VariantNames,
)]
#[serde(try_from = "String")]
#[strum(serialize_all = "snake_case")]
pub enum SmtpSecurity {
    /// STARTTLS on the submission port.
    Starttls,
    /// Implicit TLS (port 465).
    Tls,
    /// No encryption: a relay on the same machine only.
    None,
}

/// Who sends text messages.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Deserialize, strum::EnumString, strum::VariantNames,
)]
#[serde(try_from = "String")]
#[strum(serialize_all = "snake_case")]
pub enum SmsProviderKind {
    /// Kept in the database (demo and tests): nothing leaves the machine.
    Inbox,
    /// A JSON webhook of the operator's own gateway.
    Http,
    /// Aliyun (阿里云短信).
    Aliyun,
    /// Tencent Cloud (腾讯云短信).
    Tencent,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(key: &str, value: &str) -> Result<Settings, config::ConfigError> {
        config::Config::builder()
            .add_source(config::File::from_str(
                include_str!("../config/default.toml"),
                config::FileFormat::Toml,
            ))
            .set_override(key, value)?
            .build()?
            .try_deserialize()
    }

    #[test]
    fn a_misspelt_choice_stops_the_start_naming_the_allowed_values() {
        let err = with("notify.sms.provider", "aliyn")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("aliyn") && err.contains("aliyun") && err.contains("inbox"),
            "{err}"
        );
        let err = with("notify.email.smtp_security", "ssl")
            .unwrap_err()
            .to_string();
        assert!(err.contains("starttls"), "{err}");
        let chosen = with("notify.sms.provider", "tencent").unwrap();
        assert_eq!(chosen.notify.sms.provider, SmsProviderKind::Tencent);
    }
}
