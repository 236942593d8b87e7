//! The write half of filing: under the write lock, number the petition and record it, its
//! timeline, audit entry, receipt message and idempotency key. Everything that can be
//! done without the lock was done before (`Filing`); the transaction is the group's.

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use shared::clock::{Clock, due_date, shanghai_date};
use shared::error::Problems;
use shared::ids::{CitizenId, PetitionId, UnitId};
use shared::petition::{
    Channel, DeadlineView, NewPetition, PetitionNumber, PetitionStatus, QueryCode, SubmittedView,
};

use super::files::{self, Stored};
use crate::crypto::{Field, random_bytes};
use crate::db::statistics::Facts;
use crate::db::{self, idempotency::Claim, petitions::NewEvent, petitions::NewPetitionRow};
use crate::error::AppResult;
use crate::notify::templates::Event;
use crate::notify::{
    self,
    enqueue::{Notice, Recipient, Routes},
};
use crate::services::statistics;
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
    /// Their blind indexes (ID number, phone) when the clerk took the ID number down.
    pub petitioner_index: Option<(Vec<u8>, Vec<u8>)>,
    /// The day it arrived, from which the acceptance clock runs (收到之日).
    pub received_on: NaiveDate,
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

/// Writes one filing inside the group's transaction, its share of the figures into
/// `filed`. A filing refused for what the reads found (`AppError::Validation`) has written
/// nothing, and a replayed key writes nothing; after an unexpected error the transaction
/// is not to be committed.
pub(super) async fn write(
    state: &AppState,
    tx: &mut db::Tx,
    filing: &Filing,
    filed: &mut statistics::Filed,
) -> AppResult<Written> {
    if let Some(replay) = replay_or_claim(tx, filing).await? {
        return Ok(replay);
    }
    let region_code = filing.region_code.as_deref().expect("checked");
    let filed_on = shanghai_date(from_ms(filing.now));
    let clock = Clock::Acceptance;
    let deadline = due_date(
        &state.calendar.get(),
        filing.received_on,
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
    // A matter linked as a repeat changes the earlier one's 一次性化解.
    let earlier = filing.earlier.as_ref().map(|(id, _)| *id);
    let earlier = statistics::Retally::begin(tx, earlier).await?;
    let petition = insert(state, tx, filing, &number, &code, deadline.due).await?;
    timeline(tx, filing, petition, deadline.due).await?;
    earlier.finish(tx).await?;
    let view = SubmittedView {
        number,
        query_code: code.grouped(),
        submitted_at: from_ms(filing.now),
        acceptance_due: DeadlineView::new(clock.label(), clock.basis(), &deadline),
        other_procedure_guidance: filing.new.other_procedure.guidance().map(str::to_owned),
    };
    receipt(state, tx, filing, petition, &view, deadline.due).await?;
    filed.add(&filed_facts(filing, petition));
    Ok(Written::Filed { view, petition })
}

/// What the figures count of a petition just filed: received, by its bureau, on its day.
fn filed_facts(filing: &Filing, petition: PetitionId) -> Facts {
    let new = &filing.new;
    Facts {
        id: petition.0,
        received_on: filing.received_on.to_string(),
        received_by: filing.bureau.map(|u| u.0),
        channel: filing.channel.code().to_owned(),
        kind: new.kind.code().to_owned(),
        category_id: new.category_id.0,
        region_id: new.region_id.0,
        repeat: filing.earlier.is_some(),
        ..Facts::default()
    }
}

/// The replay of a key used before, if it was; otherwise the key is claimed for this
/// filing. Problems found by reading are reported only after the key is looked at, so that
/// a retry of an accepted filing still gets its receipt (the category may have changed).
async fn replay_or_claim(tx: &mut db::Tx, filing: &Filing) -> AppResult<Option<Written>> {
    let seen = |claim| match claim {
        Claim::Seen {
            request_hash: seen,
            response_enc,
        } => Some(Written::Seen {
            request_hash: filing.request_hash.clone(),
            seen,
            response_enc,
        }),
        Claim::Fresh => None,
    };
    let owner = &filing.owner;
    if !filing.problems.is_empty() {
        if let Some(key) = filing.key.as_deref()
            && let Some(replay) = db::idempotency::seen(tx, owner, key).await?.and_then(seen)
        {
            return Ok(Some(replay));
        }
        filing.problems.clone().finish()?;
    }
    match filing.key.as_deref() {
        Some(key) => {
            let claim =
                db::idempotency::claim(tx, owner, key, &filing.request_hash, filing.now).await?;
            Ok(seen(claim))
        }
        None => Ok(None),
    }
}

/// The petition row itself, with the petitioner on file of an offline filing.
async fn insert(
    state: &AppState,
    tx: &mut db::Tx,
    filing: &Filing,
    number: &PetitionNumber,
    code: &QueryCode,
    acceptance_due: NaiveDate,
) -> AppResult<PetitionId> {
    let new = &filing.new;
    let petition = db::petitions::insert(
        tx,
        NewPetitionRow {
            number: number.as_str(),
            query_code_hash: &state.vault.query_code_hash(number.as_str(), code.expose()),
            citizen_id: filing.citizen,
            channel: filing.channel.code(),
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
            submitted_at: filing.now,
            acceptance_due: &acceptance_due.to_string(),
            received_on: &filing.received_on.to_string(),
            unit_id: filing.bureau.map(|u| u.0),
            accused_unit_id: filing.accused.as_ref().map(|a| a.unit_id.0),
        },
    )
    .await?;
    if let Some(enc) = &filing.petitioner {
        db::petitions::set_petitioner(tx, petition, enc).await?;
    }
    if let Some((id_idx, phone_idx)) = &filing.petitioner_index {
        db::petitions::set_petitioner_index(tx, petition, id_idx, phone_idx).await?;
    }
    Ok(petition)
}

/// The first entries of the timeline: the filing (public), and for staff the accused
/// unit, a suspected repeat of a finally re-reviewed matter, and the files.
async fn timeline(
    tx: &mut db::Tx,
    filing: &Filing,
    petition: PetitionId,
    acceptance_due: NaiveDate,
) -> AppResult<()> {
    let (new, now) = (&filing.new, filing.now);
    let event = |kind, title, detail| NewEvent {
        petition_id: petition,
        at: now,
        kind,
        actor: filing.owner.as_str(),
        public: true,
        title,
        detail,
    };
    let filed = match filing.channel {
        Channel::Online => format!(
            "您通过网上信访提交了信访事项（{}），信访部门将在{acceptance_due}前作出是否受理的决定并告知您。",
            new.kind.label(),
        ),
        other => format!(
            "信访部门登记了您以{}方式提出的信访事项（{}），将在{acceptance_due}前作出是否受理的决定并告知您。",
            other.label(),
            new.kind.label(),
        ),
    };
    db::petitions::insert_event(tx, event("submitted", "提交信访事项", Some(&filed))).await?;
    if let Some(guidance) = new.other_procedure.guidance() {
        db::petitions::insert_event(tx, event("other_procedure", "诉访分离提示", Some(guidance)))
            .await?;
    }
    if let Some(a) = &filing.accused {
        // Staff only: the routing that follows (and its firewall) rests on this record.
        let how = if a.matched {
            "依信访人填写的被反映人或单位识别"
        } else {
            "信访人选择"
        };
        let title = format!("被检举控告单位：{}（{how}）", a.name);
        let noted = staff_only(petition, now, "accused_unit", &title, None);
        db::petitions::insert_event(tx, noted).await?;
    }
    if let Some((earlier, earlier_number)) = &filing.earlier {
        db::petitions::set_repeat_of(tx, petition, *earlier).await?;
        let note = format!(
            "与已经复核终结的{earlier_number}为同一信访人、同一类别和发生地，请核查是否为同一事实和理由；如是，依《信访工作条例》第三十六条第三款不再受理。"
        );
        let title = "疑似复核终结事项的重复信访";
        let flag = staff_only(petition, now, "final_repeat", title, Some(&note));
        db::petitions::insert_event(tx, flag).await?;
    }
    files::record(tx, petition, now, &filing.files).await?;
    if !filing.files.is_empty() {
        let detail = format!("随信访事项上传了{}个附件。", filing.files.len());
        db::petitions::insert_event(tx, event("material", "上传材料", Some(&detail))).await?;
    }
    Ok(())
}

/// A timeline entry for staff only, noted by the portal itself.
fn staff_only<'a>(
    petition: PetitionId,
    at: i64,
    kind: &'static str,
    title: &'a str,
    detail: Option<&'a str>,
) -> NewEvent<'a> {
    NewEvent {
        petition_id: petition,
        at,
        kind,
        actor: "system",
        public: false,
        title,
        detail,
    }
}

/// The audit entry, the receipt by SMS (and e-mail, in-app), committed with the petition
/// or not at all, and the saved answer to the idempotency key.
async fn receipt(
    state: &AppState,
    tx: &mut db::Tx,
    filing: &Filing,
    petition: PetitionId,
    view: &SubmittedView,
    acceptance_due: NaiveDate,
) -> AppResult<()> {
    let entry = crate::audit::Entry {
        at: filing.now,
        actor: filing.owner.clone(),
        role: None,
        unit_id: None,
        action: "submit",
        petition_id: Some(petition.0),
        detail: None,
        client: Some(&filing.client),
    };
    let seq = crate::audit::record(tx, &state.vault, entry).await?;
    let notice = Notice::new(
        Event::PetitionFiled,
        receipt_to(filing.citizen, petition),
        &[
            ("number", view.number.to_string()),
            ("code", view.query_code.clone()),
            ("due", acceptance_due.to_string()),
        ],
    );
    notify::enqueue::write(
        tx,
        &state.vault,
        Some(petition.0),
        &format!("a{seq}"),
        &notice,
        &filing.receipt_routes,
        filing.now,
    )
    .await?;
    if let Some(key) = filing.key.as_deref() {
        let saved = serde_json::to_string(view).context("failed to save the receipt")?;
        db::idempotency::save_response(
            tx,
            &filing.owner,
            key,
            &state.vault.encrypt(Field::SavedResponse, &saved),
        )
        .await?;
    }
    Ok(())
}
