//! What a message may not carry out of the portal: nothing of an accusation to the unit
//! it is against or to a webhook subscriber (art. 30, 46), and no code kept once it is
//! delivered. (Which destinations may be called at all is `notify::channels`'.)

use std::collections::BTreeMap;

use shared::ids::UnitId;

use crate::crypto::Field;
use crate::db::{self, outbox::MessageRow};
use crate::notify::SendError;
use crate::notify::delivery::{Delivery, Inbox};
use crate::notify::templates;
use crate::state::AppState;

/// Whether the firewall (art. 30, 46) keeps this message from its recipient: nothing of
/// an accusation goes to a webhook subscriber, nor to the unit it is against or a unit
/// inside it. Checked at delivery, so a notice queued before the accused unit was recorded
/// (or corrected) is held back too.
pub(super) async fn withheld(
    state: &AppState,
    m: &MessageRow,
    delivery: &Delivery,
) -> Result<bool, SendError> {
    let Some(petition) = m.petition_id else {
        return Ok(false);
    };
    if !matches!(
        delivery,
        Delivery::InApp(Inbox::Unit(_)) | Delivery::Webhook(_)
    ) {
        return Ok(false);
    }
    let later = |reason: String| SendError::Retry {
        reason,
        retry_after: None,
    };
    let accusation = db::petitions::accusation_of(&state.db.pool, petition)
        .await
        .map_err(|e| later(format!("database: {e}")))?;
    let Some(accused) = accusation else {
        return Ok(false);
    };
    Ok(match (delivery, accused) {
        (Delivery::Webhook(_), _) => true,
        (Delivery::InApp(Inbox::Unit(unit)), Some(accused)) => {
            let org = state
                .org
                .get()
                .await
                .map_err(|_| later("organisation unavailable".into()))?;
            org.within(*unit, UnitId(accused))
        }
        _ => false,
    })
}

/// The message's parameters without their secrets (a query code, a verification code),
/// encrypted, when it has any: once delivered, the row keeps only these.
pub(super) fn without_secrets(state: &AppState, m: &MessageRow) -> anyhow::Result<Option<Vec<u8>>> {
    let params = state.vault.decrypt(Field::Outbox, &m.params_enc)?;
    let params: BTreeMap<String, String> = serde_json::from_str(&params)?;
    let kept = templates::redacted(&params);
    Ok((kept != params).then(|| {
        let text = serde_json::to_string(&kept).expect("parameters serialise");
        state.vault.encrypt(Field::Outbox, &text)
    }))
}
