//! The write half of filing: under the write lock, number the petition and record it, its
//! timeline, audit entry, receipt message and idempotency key. Everything that can be
//! done without the lock was done before (`Filing`); the transaction is the group's.

use anyhow::Context;
use chrono::Datelike;
use shared::clock::{Clock, due_date, shanghai_date};
use shared::error::Problems;
use shared::ids::{CitizenId, PetitionId, UnitId};
use shared::petition::{
    Channel, DeadlineView, NewPetition, PetitionNumber, PetitionStatus, QueryCode, SubmittedView,
};

use super::files::{self, Stored};
use crate::crypto::{Field, random_bytes};
use crate::db::{self, idempotency::Claim, petitions::NewEvent, petitions::NewPetitionRow};
use crate::error::AppResult;
use crate::notify::templates::Event;
use crate::notify::{
    self,
    enqueue::{Notice, Recipient, Routes},
};
use crate::state::AppState;
use crate::time::from_ms;

/// A filing that passed every check that needs no write lock.
pub(super) struct Filing {
    pub owner: String,
    pub key: Option<String>,
    pub request_hash: Vec<u8>,
    /// Problems found by reading (category, region): reported only after the key is
    /// claimed, so that a retry of an accepted filing still gets its receipt.
    pub problems: Problems,
    pub region_code: Option<String>,
    pub new: NewPetition,
    pub citizen: Option<CitizenId>,
    pub channel: Channel,
    /// An offline petitioner's identity, encrypted (intake clerks only).
    pub petitioner: Option<db::petitions::PetitionerEnc>,
    pub bureau: Option<UnitId>,
    /// The unit an accusation is against, as picked or matched before the lock.
    pub accused: Option<Accused>,
    /// An earlier matter of the citizen that ended with a re-review (art. 36).
    pub earlier: Option<(i64, String)>,
    /// Where the receipt goes, looked up before the lock.
    pub receipt_routes: Routes,
    /// Uploads, already in the attachment store.
    pub files: Vec<Stored>,
    pub client: String,
    pub now: i64,
}

/// 被检举控告单位 known at filing, and how it became known.
pub(super) struct Accused {
    pub unit_id: UnitId,
    pub name: String,
    /// Matched from what the petitioner wrote, rather than picked from the directory.
    pub matched: bool,
}

/// Who gets the receipt: the citizen's account, or the petitioner on file of a letter,
/// visit or call registered by staff.
pub(super) fn receipt_to(citizen: Option<CitizenId>, petition: PetitionId) -> Recipient {
    match citizen {
        Some(c) => Recipient::Citizen(c),
        None => Recipient::Petitioner(petition),
    }
}

pub(super) enum Written {
    Filed {
        view: SubmittedView,
        petition: PetitionId,
    },
    /// The key was used before: its fingerprint and saved receipt, for the caller to replay.
    Seen {
        request_hash: Vec<u8>,
        seen: Vec<u8>,
        response_enc: Option<Vec<u8>>,
    },
}

/// Writes one filing inside the group's transaction. A filing refused for what the reads
/// found (`AppError::Validation`) has written nothing, and a replayed key writes nothing;
/// after an unexpected error the transaction is not to be committed.
pub(super) async fn write(
    state: &AppState,
    tx: &mut db::Tx,
    filing: &Filing,
) -> AppResult<Written> {
    let Filing {
        owner,
        key,
        request_hash,
        problems,
        region_code,
        new,
        citizen,
        channel,
        petitioner,
        bureau,
        accused,
        earlier,
        receipt_routes,
        files,
        client,
        now,
    } = filing;
    let (citizen, channel, now) = (*citizen, *channel, *now);
    let seen = |claim| match claim {
        Claim::Seen {
            request_hash: seen,
            response_enc,
        } => Some(Written::Seen {
            request_hash: request_hash.clone(),
            seen,
            response_enc,
        }),
        Claim::Fresh => None,
    };
    if !problems.is_empty() {
        // Refused only after the key is looked at, so that a retry of an accepted filing
        // still gets its receipt (the category may have been changed since).
        if let Some(key) = key.as_deref()
            && let Some(replay) = db::idempotency::seen(tx, owner, key).await?.and_then(seen)
        {
            return Ok(replay);
        }
        problems.clone().finish()?;
    }
    if let Some(key) = key.as_deref()
        && let Some(replay) = seen(db::idempotency::claim(tx, owner, key, request_hash, now).await?)
    {
        return Ok(replay);
    }
    let region_code = region_code.as_deref().expect("checked");

    let filed_on = shanghai_date(from_ms(now));
    let clock = Clock::Acceptance;
    let deadline = due_date(
        &state.calendar.get(),
        filed_on,
        state.settings.clocks.rule(clock),
    );
    let scope = format!("{}-{region_code}", filed_on.year());
    let sequence = db::petitions::next_sequence(tx, &scope).await?;
    let number = PetitionNumber::new(
        filed_on.year(),
        region_code,
        u64::try_from(sequence).unwrap_or(0),
    );
    let code = QueryCode::from_random(random_bytes::<10>());

    let petition_id = db::petitions::insert(
        tx,
        NewPetitionRow {
            number: number.as_str(),
            query_code_hash: &state.vault.query_code_hash(number.as_str(), code.expose()),
            citizen_id: citizen,
            channel: channel.code(),
            kind: new.kind.code(),
            category_id: new.category_id.0,
            region_id: new.region_id.0,
            respondent: new.respondent.as_ref().map(|r| r.as_str()),
            title: new.title.as_str(),
            facts: new.facts.as_str(),
            request: new.request.as_str(),
            other_procedure: new.other_procedure.code(),
            people_count: i64::from(new.people_count),
            publish_consent: new.publish_consent,
            status: PetitionStatus::Submitted.code(),
            submitted_at: now,
            acceptance_due: &deadline.due.to_string(),
            unit_id: bureau.map(|u| u.0),
            accused_unit_id: accused.as_ref().map(|a| a.unit_id.0),
        },
    )
    .await?;
    let actor = owner.as_str();
    let event = |kind, title, detail| NewEvent {
        petition_id,
        at: now,
        kind,
        actor,
        public: true,
        title,
        detail,
    };
    let filed = match channel {
        Channel::Online => format!(
            "您通过网上信访提交了信访事项（{}），信访部门将在{}前作出是否受理的决定并告知您。",
            new.kind.label(),
            deadline.due
        ),
        other => format!(
            "信访部门登记了您以{}方式提出的信访事项（{}），将在{}前作出是否受理的决定并告知您。",
            other.label(),
            new.kind.label(),
            deadline.due
        ),
    };
    if let Some(enc) = petitioner {
        db::petitions::set_petitioner(tx, petition_id, enc).await?;
    }
    db::petitions::insert_event(tx, event("submitted", "提交信访事项", Some(&filed))).await?;
    if let Some(guidance) = new.other_procedure.guidance() {
        db::petitions::insert_event(tx, event("other_procedure", "诉访分离提示", Some(guidance)))
            .await?;
    }
    if let Some(a) = accused {
        // Staff only: the routing that follows (and its firewall) rests on this record.
        let how = if a.matched {
            "依信访人填写的被反映人或单位识别"
        } else {
            "信访人选择"
        };
        let title = format!("被检举控告单位：{}（{how}）", a.name);
        let noted = NewEvent {
            petition_id,
            at: now,
            kind: "accused_unit",
            actor: "system",
            public: false,
            title: &title,
            detail: None,
        };
        db::petitions::insert_event(tx, noted).await?;
    }
    if let Some((earlier, earlier_number)) = earlier {
        db::petitions::set_repeat_of(tx, petition_id, *earlier).await?;
        let note = format!(
            "与已经复核终结的{earlier_number}为同一信访人、同一类别和发生地，请核查是否为同一事实和理由；如是，依《信访工作条例》第三十六条第三款不再受理。"
        );
        let flag = NewEvent {
            petition_id,
            at: now,
            kind: "final_repeat",
            actor: "system",
            public: false,
            title: "疑似复核终结事项的重复信访",
            detail: Some(&note),
        };
        db::petitions::insert_event(tx, flag).await?;
    }

    files::record(tx, petition_id, now, files).await?;
    if !files.is_empty() {
        let detail = format!("随信访事项上传了{}个附件。", files.len());
        db::petitions::insert_event(tx, event("material", "上传材料", Some(&detail))).await?;
    }

    let view = SubmittedView {
        number,
        query_code: code.grouped(),
        submitted_at: from_ms(now),
        acceptance_due: DeadlineView::new(clock.label(), clock.basis(), &deadline),
        other_procedure_guidance: new.other_procedure.guidance().map(str::to_owned),
    };
    let entry = crate::audit::Entry {
        at: now,
        actor: owner.clone(),
        role: None,
        unit_id: None,
        action: "submit",
        petition_id: Some(petition_id.0),
        detail: None,
        client: Some(client),
    };
    let seq = crate::audit::record(tx, &state.vault, entry).await?;
    // The receipt by SMS (and e-mail, in-app): committed with the petition or not at all.
    let receipt = Notice::new(
        Event::PetitionFiled,
        receipt_to(citizen, petition_id),
        &[
            ("number", view.number.to_string()),
            ("code", view.query_code.clone()),
            ("due", deadline.due.to_string()),
        ],
    );
    notify::enqueue::write(
        tx,
        &state.vault,
        Some(petition_id.0),
        &format!("a{seq}"),
        &receipt,
        receipt_routes,
        now,
    )
    .await?;
    if let Some(key) = key.as_deref() {
        let saved = serde_json::to_string(&view).context("failed to save the receipt")?;
        db::idempotency::save_response(
            tx,
            owner,
            key,
            &state.vault.encrypt(Field::SavedResponse, &saved),
        )
        .await?;
    }
    Ok(Written::Filed {
        view,
        petition: petition_id,
    })
}
