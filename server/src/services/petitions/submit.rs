//! 提交信访事项: a citizen files a petition online and receives its number and query code.

use anyhow::Context;
use shared::clock::shanghai_date;
use shared::error::Problems;
use shared::ids::{CitizenId, PetitionId, StaffId};
use shared::petition::{
    Channel, OfflineFilingRequest, OfflinePetitioner, SubmitPetitionRequest, SubmittedView,
};

use shared::petition::MAX_ATTACHMENTS;

use super::files::{self, Checked, Upload};

mod group;
mod write;
use crate::crypto::Field;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::Routes;
use crate::notify::templates::Event;
use crate::state::AppState;
use crate::time::{from_ms, now_ms};
pub use group::{FilingQueue, FilingWriter, run as write_filings};

/// The receipt, and whether it was replayed from an earlier attempt with the same key.
pub struct Submitted {
    pub view: SubmittedView,
    pub replayed: bool,
}

/// Who files: a citizen online, or an intake clerk registering a letter, visit or call.
pub enum Filer<'a> {
    Citizen(CitizenId),
    Staff {
        id: StaffId,
        channel: Channel,
        petitioner: &'a OfflinePetitioner,
        /// The day it arrived; today when none.
        received_on: Option<chrono::NaiveDate>,
    },
}

/// Files a petition. With an idempotency key, a retry (double click, network retry)
/// returns the first attempt's receipt, query code included, and creates nothing.
#[tracing::instrument(skip_all)]
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
    let checked = check_files(state, uploads).await?;

    let mut body = serde_json::to_vec(req).context("failed to fingerprint the request")?;
    let now = now_ms();
    let today = shanghai_date(from_ms(now));
    let (owner, citizen, channel, petitioner, received_on, petitioner_index) = match &filer {
        Filer::Citizen(c) => (
            format!("citizen:{}", c.0),
            Some(*c),
            Channel::Online,
            None,
            today,
            None,
        ),
        Filer::Staff {
            id,
            channel,
            petitioner,
            received_on,
        } => {
            body.extend(serde_json::to_vec(petitioner).context("failed to fingerprint")?);
            body.extend(serde_json::to_vec(received_on).context("failed to fingerprint")?);
            let who = OfflineFilingRequest {
                channel: *channel,
                petitioner: (*petitioner).clone(),
                petition: req.clone(),
                received_on: *received_on,
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
            let index = who.id_number.as_ref().map(|n| {
                (
                    v.blind_index(Field::IdNumber, n.as_str()),
                    v.blind_index(Field::Phone, who.phone.as_str()),
                )
            });
            (
                format!("staff:{id}"),
                None,
                *channel,
                Some(enc),
                received_on.unwrap_or(today),
                index,
            )
        }
    };
    let mut parts: Vec<&[u8]> = vec![&body];
    parts.extend(checked.iter().map(|f| f.sha256.as_slice()));
    let request_hash = state.vault.request_hash(&parts);
    // 属地管理: the bureau of where the matter arose receives it; an accusation against
    // that bureau is received above the accused (art. 30).
    let org = state.org.get().await?;
    let mut problems = Problems::default();
    let accused = accused(&org, &new, &mut problems);
    let bureau = org.landing_bureau(req.region_id, accused.as_ref().map(|a| a.unit_id));
    drop(org);

    // Everything that only reads is read before the write lock: one writer at a time
    // holds it, so the less it does, the more filings a second (issue 5's surge day).
    let mut read = state.db.pool.acquire().await?;
    match db::reference::category_is_leaf(&mut read, new.category_id).await? {
        None => problems.push("category_id", "请选择信访事项的类别"),
        Some(false) => problems.push("category_id", "请选择更具体的类别"),
        Some(true) => {}
    }
    let region_code = db::reference::number_code(&mut read, new.region_id).await?;
    if region_code.is_none() {
        problems.push("region_id", "请选择问题发生地");
    } else if !db::reference::region_open(&mut read, new.region_id).await? {
        problems.push("region_id", "该地区的区划已撤销，请重新选择问题发生地");
    }
    // 第三十六条: a matter of the same petitioner, subject and place that ended with a
    // re-review is linked and flagged for the clerk instead of starting afresh.
    let earlier = match citizen {
        Some(c) => {
            db::petitions::finished_after_re_review(
                &mut read,
                c,
                new.category_id.0,
                new.region_id.0,
            )
            .await?
        }
        None => None,
    };
    // Where the receipt goes; the petitioner of a registered letter or visit has no id
    // until the petition is written, and only the kind of recipient counts here.
    let receipt_to = write::receipt_to(citizen, PetitionId(0));
    let receipt_routes = Routes::find(&mut read, &receipt_to, Event::PetitionFiled).await?;
    drop(read);
    // A filing the reads refused is answered without its files (or replayed): no disk
    // work for it.
    let files = if problems.is_empty() {
        files::store(&state.attachments, checked).await?
    } else {
        Vec::new()
    };

    let filing = write::Filing {
        owner,
        key: key.map(str::to_owned),
        request_hash,
        problems,
        region_code,
        new,
        citizen,
        channel,
        petitioner,
        petitioner_index,
        received_on,
        bureau,
        accused,
        earlier,
        receipt_routes,
        files,
        client: client.to_owned(),
        now,
    };
    match group::write(state, filing).await? {
        write::Written::Filed { view, petition } => {
            tracing::info!(petition.id = %petition, channel = channel.code(), "petition filed");
            Ok(Submitted {
                view,
                replayed: false,
            })
        }
        write::Written::Seen {
            request_hash,
            seen,
            response_enc,
        } => replay(state, &request_hash, &seen, response_enc),
    }
}

/// 被检举控告单位 of an accusation: the unit the petitioner picked (which must be one an
/// accusation may name), else the unit their words name, if the directory knows it.
fn accused(
    org: &crate::services::org::Org,
    new: &shared::petition::NewPetition,
    problems: &mut Problems,
) -> Option<write::Accused> {
    if new.kind != shared::petition::PetitionKind::Accusation {
        return None;
    }
    let (unit_id, matched) = match new.accused_unit_id {
        Some(picked) => {
            if let Some(why) = org.refuse_accused(picked) {
                problems.push("accused_unit_id", why);
                return None;
            }
            (picked, false)
        }
        None => {
            let text = new.respondent.as_ref()?;
            (org.match_accused(text.as_str(), new.region_id)?, true)
        }
    };
    Some(write::Accused {
        unit_id,
        name: org.name(unit_id),
        matched,
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

async fn check_files(state: &AppState, uploads: Vec<Upload>) -> AppResult<Vec<Checked>> {
    if uploads.len() > MAX_ATTACHMENTS {
        return Err(AppError::field(
            "attachments",
            format!("附件最多{MAX_ATTACHMENTS}个"),
        ));
    }
    let mut problems = Problems::default();
    let mut checked = Vec::with_capacity(uploads.len());
    let results = files::check_all(&state.images, uploads).await?;
    for (i, (name, result)) in results.into_iter().enumerate() {
        match result {
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
