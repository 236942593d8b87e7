//! 提交信访事项: a citizen files a petition online and receives its number and query code.

use anyhow::Context;
use chrono::Datelike;
use shared::clock::{Clock, due_date, shanghai_date};
use shared::error::Problems;
use shared::ids::CitizenId;
use shared::petition::{
    Channel, DeadlineView, OfflineFilingRequest, OfflinePetitioner, PetitionNumber, PetitionStatus,
    QueryCode, SubmitPetitionRequest, SubmittedView,
};

use shared::petition::MAX_ATTACHMENTS;

use super::files::{self, Checked, Upload};
use crate::crypto::{Field, random_bytes};
use crate::db::{self, idempotency::Claim, petitions::NewEvent, petitions::NewPetitionRow};
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient, enqueue};
use crate::notify::templates::Event;
use crate::state::AppState;
use crate::time::{from_ms, now_ms};

/// The receipt, and whether it was replayed from an earlier attempt with the same key.
pub struct Submitted {
    pub view: SubmittedView,
    pub replayed: bool,
}

/// Who files: a citizen online, or an intake clerk registering a letter, visit or call.
pub enum Filer<'a> {
    Citizen(CitizenId),
    Staff {
        id: i64,
        channel: Channel,
        petitioner: &'a OfflinePetitioner,
    },
}

/// Files a petition. With an idempotency key, a retry (double click, network retry)
/// returns the first attempt's receipt, query code included, and creates nothing.
pub async fn submit(
    state: &AppState,
    filer: Filer<'_>,
    client: &str,
    idempotency_key: Option<&str>,
    req: &SubmitPetitionRequest,
    uploads: Vec<Upload>,
) -> AppResult<Submitted> {
    let new = req.validate()?;
    let key = idempotency_key.map(check_key).transpose()?;
    let checked = check_files(uploads)?;

    let mut body = serde_json::to_vec(req).context("failed to fingerprint the request")?;
    let (owner, citizen, channel) = match &filer {
        Filer::Citizen(c) => (format!("citizen:{}", c.0), Some(*c), Channel::Online),
        Filer::Staff {
            id,
            channel,
            petitioner,
        } => {
            body.extend(serde_json::to_vec(petitioner).context("failed to fingerprint")?);
            (format!("staff:{id}"), None, *channel)
        }
    };
    let mut parts: Vec<&[u8]> = vec![&body];
    parts.extend(checked.iter().map(|f| f.sha256.as_slice()));
    let request_hash = state.vault.request_hash(&parts);
    let now = now_ms();
    // 属地管理: the bureau of where the matter arose receives it.
    let bureau = state
        .org
        .get(state)
        .await?
        .receiving_bureau(req.region_id.0);

    let mut tx = state.db.begin_write().await?;
    if let Some(key) = key
        && let Claim::Seen {
            request_hash: seen,
            response_enc,
        } = db::idempotency::claim(&mut tx, &owner, key, &request_hash, now).await?
    {
        tx.rollback().await?;
        return replay(state, &request_hash, &seen, response_enc);
    }

    let mut problems = Problems::default();
    match db::reference::category_is_leaf(&mut tx, new.category_id).await? {
        None => problems.push("category_id", "请选择信访事项的类别"),
        Some(false) => problems.push("category_id", "请选择更具体的类别"),
        Some(true) => {}
    }
    let region_code = db::reference::number_code(&mut tx, new.region_id).await?;
    if region_code.is_none() {
        problems.push("region_id", "请选择问题发生地");
    }
    problems.finish()?;
    let region_code = region_code.expect("checked");

    let filed_on = shanghai_date(from_ms(now));
    let clock = Clock::Acceptance;
    let deadline = due_date(
        &state.calendar.get(),
        filed_on,
        state.settings.clocks.rule(clock),
    );
    let scope = format!("{}-{region_code}", filed_on.year());
    let sequence = db::petitions::next_sequence(&mut tx, &scope).await?;
    let number = PetitionNumber::new(
        filed_on.year(),
        &region_code,
        u64::try_from(sequence).unwrap_or(0),
    );
    let code = QueryCode::from_random(random_bytes::<10>());

    let petition_id = db::petitions::insert(
        &mut tx,
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
            unit_id: bureau,
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
    if let Filer::Staff { petitioner, .. } = &filer {
        let today = shanghai_date(from_ms(now));
        let who = OfflineFilingRequest {
            channel,
            petitioner: (*petitioner).clone(),
            petition: req.clone(),
        }
        .validate_petitioner(today)?;
        let v = &state.vault;
        let enc = db::petitions::PetitionerEnc {
            name: v.encrypt(Field::RealName, who.real_name.as_str()),
            phone: v.encrypt(Field::Phone, who.phone.as_str()),
            id_number: who
                .id_number
                .as_ref()
                .map(|n| v.encrypt(Field::IdNumber, n.as_str())),
            address: who
                .address
                .as_ref()
                .map(|a| v.encrypt(Field::Address, a.as_str())),
        };
        db::petitions::set_petitioner(&mut tx, petition_id, &enc).await?;
    }
    db::petitions::insert_event(&mut tx, event("submitted", "提交信访事项", Some(&filed))).await?;
    if let Some(guidance) = new.other_procedure.guidance() {
        db::petitions::insert_event(
            &mut tx,
            event("other_procedure", "诉访分离提示", Some(guidance)),
        )
        .await?;
    }
    // 第三十六条: a matter of the same petitioner, subject and place that ended with a
    // re-review is linked and flagged for the clerk instead of starting afresh.
    if let Some(c) = citizen
        && let Some((earlier, earlier_number)) =
            db::petitions::finished_after_re_review(&mut tx, c, new.category_id.0, new.region_id.0)
                .await?
    {
        db::petitions::set_repeat_of(&mut tx, petition_id, earlier).await?;
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
        db::petitions::insert_event(&mut tx, flag).await?;
    }

    let stored = match store_files(state, &mut tx, petition_id, now, checked).await {
        Ok(stored) => stored,
        Err((keys, e)) => {
            state.attachments.discard(&keys).await;
            return Err(e);
        }
    };
    if !stored.is_empty() {
        let detail = format!("随信访事项上传了{}个附件。", stored.len());
        db::petitions::insert_event(&mut tx, event("material", "上传材料", Some(&detail))).await?;
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
    let seq = crate::audit::record(&mut tx, &state.vault, entry).await?;
    // The receipt by SMS (and e-mail, in-app): committed with the petition or not at all.
    let to = match citizen {
        Some(c) => Recipient::Citizen(c.0),
        None => Recipient::Petitioner(petition_id.0),
    };
    let receipt = Notice::new(
        Event::PetitionFiled,
        to,
        &[
            ("number", view.number.to_string()),
            ("code", view.query_code.clone()),
            ("due", deadline.due.to_string()),
        ],
    );
    enqueue(
        &mut tx,
        &state.vault,
        Some(petition_id.0),
        &format!("a{seq}"),
        &receipt,
        now,
    )
    .await?;
    if let Some(key) = key {
        let saved = serde_json::to_string(&view).context("failed to save the receipt")?;
        db::idempotency::save_response(
            &mut tx,
            &owner,
            key,
            &state.vault.encrypt(Field::SavedResponse, &saved),
        )
        .await?;
    }
    if let Err(e) = tx.commit().await {
        state.attachments.discard(&stored).await;
        return Err(anyhow::Error::new(e)
            .context("failed to commit the petition")
            .into());
    }
    tracing::info!(petition.id = %petition_id, channel = channel.code(), "petition filed");
    Ok(Submitted {
        view,
        replayed: false,
    })
}

/// An idempotency key is 1 to 100 visible ASCII characters (a UUID fits).
fn check_key(key: &str) -> AppResult<&str> {
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::field(
            "idempotency_key",
            "Idempotency-Key 应为1到100个可见ASCII字符",
        ));
    }
    Ok(key)
}

fn check_files(uploads: Vec<Upload>) -> AppResult<Vec<Checked>> {
    if uploads.len() > MAX_ATTACHMENTS {
        return Err(AppError::field(
            "attachments",
            format!("附件最多{MAX_ATTACHMENTS}个"),
        ));
    }
    let mut problems = Problems::default();
    let mut checked = Vec::with_capacity(uploads.len());
    for (i, upload) in uploads.into_iter().enumerate() {
        let name = files::clean_stem(&upload.file_name);
        match files::check(upload) {
            Ok(c) => checked.push(c),
            Err(reason) => problems.push(
                "attachments",
                format!("第{}个附件（{name}）：{reason}", i + 1),
            ),
        }
    }
    problems.finish()?;
    Ok(checked)
}

/// Writes the files, then their rows. On failure, returns the keys already written.
pub(super) async fn store_files(
    state: &AppState,
    tx: &mut db::Tx,
    petition_id: shared::ids::PetitionId,
    now: i64,
    files: Vec<Checked>,
) -> Result<Vec<String>, (Vec<String>, AppError)> {
    let mut keys = Vec::with_capacity(files.len());
    for f in files {
        let size = i64::try_from(f.bytes.len()).unwrap_or(i64::MAX);
        let key = match state.attachments.put(f.bytes).await {
            Ok(k) => k,
            Err(e) => return Err((keys, e.into())),
        };
        keys.push(key.clone());
        let row = db::petitions::NewAttachmentRow {
            petition_id,
            storage_key: &key,
            file_name: &f.file_name,
            content_type: f.content_type,
            size,
            sha256: &f.sha256,
            uploaded_at: now,
        };
        if let Err(e) = db::petitions::insert_attachment(tx, row).await {
            return Err((keys, e.into()));
        }
    }
    Ok(keys)
}

fn replay(
    state: &AppState,
    request_hash: &[u8],
    seen: &[u8],
    response_enc: Option<Vec<u8>>,
) -> AppResult<Submitted> {
    if !crate::crypto::same(request_hash, seen) {
        return Err(AppError::Conflict(
            "这个 Idempotency-Key 已用于内容不同的另一次提交。".into(),
        ));
    }
    let Some(enc) = response_enc else {
        return Err(AppError::Conflict(
            "相同的提交正在处理中，请稍后刷新“我的信访”查看。".into(),
        ));
    };
    let saved = state
        .vault
        .decrypt(Field::SavedResponse, &enc)
        .context("failed to open a saved receipt")?;
    let view = serde_json::from_str(&saved).context("failed to read a saved receipt")?;
    Ok(Submitted {
        view,
        replayed: true,
    })
}
