//! E-mail: over SMTP with lettre (STARTTLS, implicit TLS, or plain to a local relay), or,
//! by default, written as `.eml` files under the data folder so a fresh install visibly sends.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use super::SendError;
use crate::config::{EmailSettings, MailMode, SmtpSecurity};

pub enum Mailer {
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// One e-mail; `key` becomes its Message-ID, so a resend is recognisable.
pub struct Mail<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub key: &'a str,
}

impl Mailer {
    /// Whether sending writes a copy on this server (the mail folder): such copies leave out
    /// secrets such as query codes.
    pub fn keeps_copies(&self) -> bool {
        matches!(self, Self::Files(_))
    }

    pub fn from_settings(
        s: &EmailSettings,
        data_dir: &std::path::Path,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        if s.mode == MailMode::Files {
            return Ok(Self::Files(data_dir.join("mail")));
        }
        let builder = match s.smtp_security {
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.smtp_host)?,
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.smtp_host)
            }
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.smtp_host)?
            }
        };
        let mut builder = builder.port(s.smtp_port).timeout(Some(timeout));
        if !s.smtp_username.is_empty() {
            builder = builder.credentials(Credentials::new(
                s.smtp_username.clone(),
                s.smtp_password.expose_secret().to_owned(),
            ));
        }
        Ok(Self::Smtp(builder.build()))
    }

    pub async fn send(&self, m: Mail<'_>) -> Result<(), SendError> {
        let bad = |what: &str| SendError::Permanent(format!("invalid {what} address"));
        let message = Message::builder()
            .from(m.from.parse().map_err(|_| bad("sender"))?)
            .to(m.to.parse().map_err(|_| bad("recipient"))?)
            .subject(m.subject)
            .message_id(Some(format!(
                "<{}@petition-portal>",
                m.key.replace([':', ' '], ".")
            )))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.to_owned())
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        match self {
            Self::Files(dir) => {
                let retry = |e: std::io::Error| SendError::Retry {
                    reason: format!("cannot write the mail folder: {e}"),
                    retry_after: None,
                };
                tokio::fs::create_dir_all(dir).await.map_err(retry)?;
                let name = format!("{}.eml", m.key.replace([':', '/', ' '], "_"));
                tokio::fs::write(dir.join(name), message.formatted())
                    .await
                    .map_err(retry)
            }
            Self::Smtp(transport) => match transport.send(message).await {
                Ok(_) => Ok(()),
                Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("smtp: {e}"))),
                Err(e) => Err(SendError::Retry {
                    reason: format!("smtp: {e}"),
                    retry_after: None,
                }),
            },
        }
    }
}
