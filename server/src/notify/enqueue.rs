//! Writing notifications into the outbox, inside the transaction of the change that
//! causes them: they are sent only if that change commits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::templates::Event;
use crate::crypto::{Field, Vault};
use crate::db::{self, Tx};

/// Who a notice is for; contact details are looked up when it is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// A citizen with an account: SMS, in-app, and e-mail when they gave an address.
    Citizen(i64),
    /// The petitioner of a letter, visit or call registered by staff: SMS.
    Petitioner(i64),
    /// Every staff member of a unit: in-app.
    Unit(i64),
    /// A partner system's webhook subscription.
    Subscription(i64),
    /// A partner handling system, given the case itself.
    Partner(i64),
    /// A bare phone number (verification codes, before there is an account).
    Phone(String),
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
}

/// Writes one outbox row per channel of `n`. `key` names the change (e.g. the petition and
/// its new version), so a retried change never queues a message twice.
pub async fn enqueue(
    tx: &mut Tx,
    vault: &Vault,
    petition_id: Option<i64>,
    key: &str,
    n: &Notice,
    now: i64,
) -> Result<(), sqlx::Error> {
    let channels: Vec<&str> = match n.to {
        Recipient::Citizen(id) => {
            // The citizen's choice; the in-app centre always keeps a copy.
            let row = sqlx::query(
                "SELECT notify_sms, CASE WHEN email_enc IS NULL THEN 0 ELSE notify_email END \
                 FROM citizens WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
            let (sms, email): (i64, i64) = match row {
                Some(r) => (r.try_get(0)?, r.try_get(1)?),
                None => (0, 0),
            };
            let mut c = vec!["inapp"];
            if sms == 1 {
                c.push("sms");
            }
            if email == 1 {
                c.push("email");
            }
            c
        }
        Recipient::Petitioner(_) | Recipient::Phone(_) => vec!["sms"],
        Recipient::Unit(_) => vec!["inapp"],
        Recipient::Subscription(_) => vec!["webhook"],
        Recipient::Partner(_) => vec!["partner"],
    };
    let recipient = serde_json::to_string(&n.to).expect("a recipient serialises");
    let params = serde_json::to_string(&n.params).expect("parameters serialise");
    let to = match &n.to {
        Recipient::Citizen(id) => format!("c{id}"),
        Recipient::Petitioner(id) => format!("p{id}"),
        Recipient::Unit(id) => format!("u{id}"),
        Recipient::Subscription(id) => format!("s{id}"),
        Recipient::Partner(id) => format!("x{id}"),
        // The key names the change (the code's row), never the phone.
        Recipient::Phone(_) => "phone".to_owned(),
    };
    let subscription_id = match n.to {
        Recipient::Subscription(id) => Some(id),
        _ => None,
    };
    for channel in channels {
        let idem_key = format!("{key}:{}:{to}:{channel}", n.event.code());
        let message = db::outbox::NewMessage {
            channel,
            template: n.event.code(),
            recipient_enc: &vault.encrypt(Field::Outbox, &recipient),
            params_enc: &vault.encrypt(Field::Outbox, &params),
            idem_key: &idem_key,
            petition_id,
            subscription_id,
            now,
        };
        db::outbox::insert(tx, message).await?;
    }
    // A step the petitioner is told about is also an event for subscribed partner systems,
    // with the petition number only (never the query code or the petitioner).
    if matches!(n.to, Recipient::Citizen(_) | Recipient::Petitioner(_)) {
        let event = n.event.webhook_type();
        let number = n.params.get("number").cloned().unwrap_or_default();
        for sub in db::webhooks::wanting(tx, &event).await? {
            let hook = Notice::new(
                n.event,
                Recipient::Subscription(sub),
                &[("number", number.clone())],
            );
            Box::pin(enqueue(tx, vault, petition_id, key, &hook, now)).await?;
        }
    }
    Ok(())
}
