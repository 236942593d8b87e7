//! One delivery: the channel and whom it reaches there, as one typed value, so that an
//! impossible pair (an e-mail to a unit, a webhook to a phone) cannot be represented, and
//! the sending through each channel. The outbox worker decides when; this decides how.

use std::collections::BTreeMap;

use shared::ids::{CitizenId, PartnerId, PetitionId, SubscriptionId, UnitId};

use super::SendError;
use super::channels::Channels;
use super::email::Mail;
use super::enqueue::Recipient;
use super::sms::Sms;
use super::templates::{self, Event};
use super::webhook;
use crate::crypto::Field;
use crate::db::{self, outbox::Channel, outbox::MessageRow};
use crate::state::AppState;
use crate::time::now_ms;

/// Whose notification centre an in-app message lands in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inbox {
    Citizen(CitizenId),
    /// Every staff member of the unit.
    Unit(UnitId),
    /// Every administrator.
    Administrators,
}

/// Whose phone a text goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phone {
    /// The phone of a citizen's account.
    Citizen(CitizenId),
    /// The phone on file of a petitioner without an account.
    Petitioner(PetitionId),
    /// A number itself (a verification code, before there is an account).
    Number(String),
}

/// A message's channel with the recipient it can reach there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    InApp(Inbox),
    Sms(Phone),
    /// To the address of a citizen's account.
    Email(CitizenId),
    /// To the administrators' configured addresses.
    AdministratorsEmail,
    /// To a partner system's event subscription.
    Webhook(SubscriptionId),
    /// To a partner handling system, with the case.
    Partner(PartnerId),
}

impl Delivery {
    /// The delivery of `to` on `channel`; none for a pair that cannot be (a stored row
    /// that holds one is refused for good).
    pub fn of(channel: Channel, to: Recipient) -> Option<Self> {
        Some(match (channel, to) {
            (Channel::InApp, Recipient::Citizen(id)) => Self::InApp(Inbox::Citizen(id)),
            (Channel::InApp, Recipient::Unit(id)) => Self::InApp(Inbox::Unit(id)),
            (Channel::InApp, Recipient::Administrators) => Self::InApp(Inbox::Administrators),
            (Channel::Email, Recipient::Administrators) => Self::AdministratorsEmail,
            (Channel::Sms, Recipient::Citizen(id)) => Self::Sms(Phone::Citizen(id)),
            (Channel::Sms, Recipient::Petitioner(id)) => Self::Sms(Phone::Petitioner(id)),
            (Channel::Sms, Recipient::Phone(number)) => Self::Sms(Phone::Number(number)),
            (Channel::Email, Recipient::Citizen(id)) => Self::Email(id),
            (Channel::Webhook, Recipient::Subscription(id)) => Self::Webhook(id),
            (Channel::Partner, Recipient::Partner(id)) => Self::Partner(id),
            _ => return None,
        })
    }
}

fn db_error(e: sqlx::Error) -> SendError {
    SendError::Retry {
        reason: format!("database: {e}"),
        retry_after: None,
    }
}

/// Sends `m` as `delivery`, its parameters opened.
pub async fn send(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    delivery: Delivery,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let event = Event::from_code(&m.template)
        .ok_or_else(|| SendError::Permanent("unknown event".into()))?;
    match delivery {
        Delivery::InApp(inbox) => in_app(state, m, event, inbox, params).await,
        Delivery::Sms(phone) => sms(state, channels, m, event, phone, params).await,
        Delivery::Email(citizen) => email(state, channels, m, event, citizen, params).await,
        Delivery::AdministratorsEmail => {
            administrators_email(state, channels, m, event, params).await
        }
        Delivery::Webhook(subscription) => {
            hook(state, channels, m, event, subscription, params).await
        }
        Delivery::Partner(partner) => {
            super::partner::push(state, channels, m, partner, params).await
        }
    }
}

/// What the server keeps at rest of a message with a code: the code left out. The SMS
/// and the e-mail itself are the petitioner's copies (with the receipt page).
fn kept(event: Event, params: &BTreeMap<String, String>) -> String {
    event.render(&templates::redacted(params)).1
}

async fn in_app(
    state: &AppState,
    m: &MessageRow,
    event: Event,
    inbox: Inbox,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let targets: Vec<(&str, i64)> = match inbox {
        Inbox::Citizen(id) => vec![("citizen", id.0)],
        Inbox::Unit(unit) => db::staff::ids_of_unit(&state.db.pool, unit.0)
            .await
            .map_err(db_error)?
            .into_iter()
            .map(|s| ("staff", s))
            .collect(),
        Inbox::Administrators => db::staff::administrator_ids(&state.db.pool)
            .await
            .map_err(db_error)?
            .into_iter()
            .map(|s| ("staff", s))
            .collect(),
    };
    let (title, _) = event.render(params);
    let body = kept(event, params);
    for (principal, id) in targets {
        db::notifications::insert_notification(
            &state.db.writer,
            principal,
            id,
            m.petition_id,
            &title,
            &body,
            m.id,
            now_ms(),
        )
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

async fn sms(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    event: Event,
    phone: Phone,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let pool = &state.db.pool;
    let phone_enc = match phone {
        Phone::Number(number) => return text(state, channels, m, event, params, &number).await,
        Phone::Citizen(id) => db::citizens::by_id(pool, id)
            .await
            .map_err(db_error)?
            .map(|c| c.phone_enc),
        Phone::Petitioner(petition) => db::petitions::petitioner(pool, petition)
            .await
            .map_err(db_error)?
            .map(|p| p.phone),
    }
    .ok_or_else(|| SendError::Permanent("no phone number".into()))?;
    let number = state
        .vault
        .decrypt(Field::Phone, &phone_enc)
        .map_err(|_| SendError::Permanent("cannot open the phone number".into()))?;
    text(state, channels, m, event, params, &number).await
}

/// Sends one text through the configured provider, with the event's registered template.
async fn text(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    event: Event,
    params: &BTreeMap<String, String>,
    phone: &str,
) -> Result<(), SendError> {
    let (_, body) = event.render(params);
    let template_code = state
        .settings
        .notify
        .sms
        .templates
        .get(event.code())
        .cloned()
        .unwrap_or_default();
    let sms = Sms {
        phone,
        template_code: &template_code,
        params,
        text: &format!("【阳光信访】{body}"),
        idem_key: &m.idem_key,
        template: event.code(),
    };
    channels.sms.send(&sms).await
}

async fn email(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    event: Event,
    citizen: CitizenId,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let address = db::citizens::by_id(&state.db.pool, citizen)
        .await
        .map_err(db_error)?
        .and_then(|c| c.email_enc)
        .ok_or_else(|| SendError::Permanent("no e-mail address".into()))?;
    let to = state
        .vault
        .decrypt(Field::Email, &address)
        .map_err(|_| SendError::Permanent("cannot open the e-mail address".into()))?;
    let (title, body) = event.render(params);
    // A mail folder on the server is a copy at rest, not the petitioner's inbox.
    let body = if channels.mailer.keeps_copies() {
        kept(event, params)
    } else {
        body
    };
    let mail = Mail {
        from: &state.settings.notify.email.from,
        to: &to,
        subject: &format!("【阳光信访】{title}"),
        body: &body,
        key: &m.idem_key,
    };
    channels.mailer.send(mail).await
}

/// To every configured administrator address; none configured is a permanent failure,
/// so the message shows among the outbox's dead letters instead of vanishing.
async fn administrators_email(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    event: Event,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let to = &state.settings.notify.email.administrators;
    if to.is_empty() {
        return Err(SendError::Permanent(
            "no administrator e-mail address configured (notify.email.administrators)".into(),
        ));
    }
    let (title, body) = event.render(params);
    // Each address gets its own message id; one that fails does not stop the others.
    let mut failed = None;
    for (i, address) in to.iter().enumerate() {
        let key = format!("{}-{i}", m.idem_key);
        let mail = Mail {
            from: &state.settings.notify.email.from,
            to: address,
            subject: &format!("【阳光信访】{title}"),
            body: &body,
            key: &key,
        };
        if let Err(e) = channels.mailer.send(mail).await {
            failed.get_or_insert(e);
        }
    }
    failed.map_or(Ok(()), Err)
}

async fn hook(
    state: &AppState,
    channels: &Channels,
    m: &MessageRow,
    event: Event,
    subscription: SubscriptionId,
    params: &BTreeMap<String, String>,
) -> Result<(), SendError> {
    let sub = db::webhooks::by_id(&state.db.pool, subscription.0)
        .await
        .map_err(db_error)?
        .filter(|s| s.active)
        .ok_or_else(|| SendError::Permanent("subscription removed".into()))?;
    let secret = state
        .vault
        .decrypt(Field::Outbox, &sub.secret_enc)
        .map_err(|_| SendError::Permanent("cannot open the secret".into()))?;
    let key =
        webhook::decode_secret(&secret).map_err(|_| SendError::Permanent("bad secret".into()))?;
    let payload = webhook::WebhookPayload {
        kind: event.webhook_type(),
        version: 1,
        timestamp: crate::time::from_ms(m.created_at),
        data: webhook::WebhookData {
            number: params.get("number").cloned().unwrap_or_default(),
        },
    };
    let body = serde_json::to_string(&payload).expect("a payload serialises");
    channels.permitted(&sub.url)?;
    webhook::deliver(&channels.http, &sub.url, &key, &m.idem_key, &body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_recipient_a_channel_can_reach_makes_a_delivery() {
        let citizen = || Recipient::Citizen(CitizenId(1));
        assert_eq!(
            Delivery::of(Channel::Email, citizen()),
            Some(Delivery::Email(CitizenId(1)))
        );
        assert_eq!(
            Delivery::of(Channel::Email, Recipient::Unit(UnitId(2))),
            None
        );
        assert_eq!(Delivery::of(Channel::Webhook, citizen()), None);
        assert_eq!(
            Delivery::of(Channel::InApp, Recipient::Phone("1".into())),
            None
        );
        assert_eq!(
            Delivery::of(Channel::Sms, Recipient::Petitioner(PetitionId(3))),
            Some(Delivery::Sms(Phone::Petitioner(PetitionId(3))))
        );
    }
}
