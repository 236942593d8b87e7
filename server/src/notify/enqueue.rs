//! Writing notifications into the outbox, inside the transaction of the change that
//! causes them: they are sent only if that change commits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use shared::ids::{CitizenId, PartnerId, PetitionId, SubscriptionId, UnitId};

use super::templates::Event;
use crate::crypto::{Field, Vault};
use crate::db::outbox::Channel;
use crate::db::{self, Tx};

/// Who a notice is for; contact details are looked up when it is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// A citizen with an account: SMS, in-app, and e-mail when they gave an address.
    Citizen(CitizenId),
    /// The petitioner of a letter, visit or call registered by staff: SMS.
    Petitioner(PetitionId),
    /// Every staff member of a unit: in-app.
    Unit(UnitId),
    /// A partner system's webhook subscription.
    Subscription(SubscriptionId),
    /// A partner handling system, given the case itself.
    Partner(PartnerId),
    /// A bare phone number (verification codes, before there is an account).
    Phone(String),
    /// 系统管理员: every staff member with the role, in-app, and the configured
    /// administrators' e-mail addresses (`notify.email.administrators`).
    Administrators,
}

/// One event for one recipient.
pub struct Notice {
    pub event: Event,
    pub to: Recipient,
    pub params: BTreeMap<String, String>,
}

impl Notice {
    pub fn new(event: Event, to: Recipient, params: &[(&str, String)]) -> Self {
        Self {
            event,
            to,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    /// A notice to a petition's petitioner: their account, or the phone on file. A
    /// petitioner without an account cannot "log in to see it", so the text is told
    /// (`offline`) to say what they can do instead.
    pub fn to_petitioner(
        event: Event,
        citizen: Option<CitizenId>,
        petition: PetitionId,
        params: &[(&str, String)],
    ) -> Self {
        let (to, offline) = match citizen {
            Some(c) => (Recipient::Citizen(c), false),
            None => (Recipient::Petitioner(petition), true),
        };
        let mut notice = Self::new(event, to, params);
        if offline {
            notice.params.insert("offline".into(), "1".into());
        }
        notice
    }
}

/// Where a notice goes: the recipient's channels and, for a step the petitioner is told
/// about, the partner systems subscribed to it. Found by reading only, so a filing looks it
/// up before it takes the write lock and its receipt is then one insert.
pub struct Routes {
    channels: Vec<Channel>,
    subscriptions: Vec<i64>,
}

impl Routes {
    /// Looks up where `event` for `to` goes. Only the kind of recipient counts, and for a
    /// citizen the account's choices; the petitioner of a filing not yet written is any
    /// `Recipient::Petitioner`.
    pub async fn find(
        conn: &mut AnyConnection,
        to: &Recipient,
        event: Event,
    ) -> Result<Self, sqlx::Error> {
        let channels = match to {
            Recipient::Citizen(id) => {
                // The citizen's choice; the in-app centre always keeps a copy.
                let row = sqlx::query(
                    "SELECT notify_sms, CASE WHEN email_enc IS NULL THEN 0 ELSE notify_email END \
                     FROM citizens WHERE id = $1",
                )
                .bind(id.0)
                .fetch_optional(&mut *conn)
                .await?;
                let (sms, email): (i64, i64) = match row {
                    Some(r) => (r.try_get(0)?, r.try_get(1)?),
                    None => (0, 0),
                };
                let mut c = vec![Channel::InApp];
                if sms == 1 {
                    c.push(Channel::Sms);
                }
                if email == 1 {
                    c.push(Channel::Email);
                }
                c
            }
            Recipient::Petitioner(_) | Recipient::Phone(_) => vec![Channel::Sms],
            Recipient::Unit(_) => vec![Channel::InApp],
            Recipient::Subscription(_) => vec![Channel::Webhook],
            Recipient::Partner(_) => vec![Channel::Partner],
            Recipient::Administrators => vec![Channel::InApp, Channel::Email],
        };
        // A step the petitioner is told about is also an event for subscribed partner
        // systems, with the petition number only (never the query code or the petitioner).
        let subscriptions = match to {
            Recipient::Citizen(_) | Recipient::Petitioner(_) => {
                db::webhooks::wanting(conn, &event.webhook_type()).await?
            }
            _ => Vec::new(),
        };
        Ok(Self {
            channels,
            subscriptions,
        })
    }
}

/// Writes one outbox row per channel of `n`, and one per subscribed partner system, in one
/// statement. `key` names the change (e.g. the petition and its new version), so a retried
/// change never queues a message twice.
pub async fn write(
    tx: &mut Tx,
    vault: &Vault,
    petition_id: Option<i64>,
    key: &str,
    n: &Notice,
    routes: &Routes,
    now: i64,
) -> Result<(), sqlx::Error> {
    let number = n.params.get("number").cloned().unwrap_or_default();
    let hooks: Vec<Notice> = routes
        .subscriptions
        .iter()
        .map(|sub| {
            Notice::new(
                n.event,
                Recipient::Subscription(SubscriptionId(*sub)),
                &[("number", number.clone())],
            )
        })
        .collect();
    let mut rows = Vec::new();
    for (notice, channels) in std::iter::once((n, routes.channels.as_slice()))
        .chain(hooks.iter().map(|h| (h, &[Channel::Webhook][..])))
    {
        let recipient = serde_json::to_string(&notice.to).expect("a recipient serialises");
        let params = serde_json::to_string(&notice.params).expect("parameters serialise");
        let to = match &notice.to {
            Recipient::Citizen(id) => format!("c{id}"),
            Recipient::Petitioner(id) => format!("p{id}"),
            Recipient::Unit(id) => format!("u{id}"),
            Recipient::Subscription(id) => format!("s{id}"),
            Recipient::Partner(id) => format!("x{id}"),
            // The key names the change (the code's row), never the phone.
            Recipient::Phone(_) => "phone".to_owned(),
            Recipient::Administrators => "admins".to_owned(),
        };
        let subscription_id = match notice.to {
            Recipient::Subscription(id) => Some(id),
            _ => None,
        };
        for &channel in channels {
            rows.push(db::outbox::NewMessage {
                channel,
                template: notice.event.code(),
                recipient_enc: vault.encrypt(Field::Outbox, &recipient),
                params_enc: vault.encrypt(Field::Outbox, &params),
                idem_key: format!("{key}:{}:{to}:{}", notice.event.code(), channel.code()),
                petition_id,
                subscription_id: subscription_id.map(|s| s.0),
                now,
            });
        }
    }
    db::outbox::insert(tx, &rows).await
}

/// Looks up where `n` goes and writes it, both in the caller's transaction.
pub async fn enqueue(
    tx: &mut Tx,
    vault: &Vault,
    petition_id: Option<i64>,
    key: &str,
    n: &Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    let routes = Routes::find(tx, &n.to, n.event).await?;
    write(tx, vault, petition_id, key, n, &routes, now).await
}
