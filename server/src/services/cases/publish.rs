//! Publishing a case (公开案例): the clerk's starting texts with what looks personal
//! replaced, and the publication itself, refused while a number, a plate or the
//! petitioner's name is left, for an accusation, without consent, or before the end.

use std::collections::BTreeMap;

use shared::cases::{CaseDraft, CaseTexts};
use shared::staff::Role;
use shared::text::check;

use super::redact::{self, Kind};
use crate::audit;
use crate::db::{self, petitions::NewEvent, petitions::PetitionRow, work::ReplyRow};
use crate::error::{AppError, AppResult};
use crate::services::workflow::detail::identity;
use crate::services::workflow::reach::{Reached, reach};
use crate::state::AppState;
use crate::time::now_ms;
use shared::ids::StaffId;

/// Who prepares and publishes a case: a clerk or the head of a unit that may see it.
const PUBLISHERS: &[Role] = &[Role::Intake, Role::UnitHead];

/// Why `row` cannot be published at all, whatever its texts.
pub fn refusal(row: &PetitionRow) -> Option<&'static str> {
    shared::cases::refusal(
        row.kind,
        row.publish_consent,
        row.work.status,
        row.work.round,
    )
}

/// A case a clerk may publish, with its answer and the petitioner's own details to hunt.
struct Publishable {
    reached: Reached,
    reply: ReplyRow,
    /// The petitioner's name, phone, ID number and address.
    known: Vec<String>,
}

async fn publishable(state: &AppState, staff: StaffId, number: &str) -> AppResult<Publishable> {
    let reached = reach(state, staff, number).await?;
    if !reached.actor.has_any(PUBLISHERS) {
        return Err(AppError::Forbidden(
            "公开案例由登记人员或单位负责人整理和发布。".into(),
        ));
    }
    let row = &reached.row;
    if let Some(why) = refusal(row) {
        return Err(AppError::Conflict(why.into()));
    }
    let reply = db::work::replies(&state.db.pool, row.id, true)
        .await?
        .pop()
        .ok_or_else(|| AppError::Conflict("该事项没有书面答复，不能作为案例公开。".into()))?;
    let mut known = Vec::new();
    if let Some(who) = identity(state, row).await? {
        known.extend([who.name, who.phone, who.id_number]);
        known.extend(who.address);
    }
    known.retain(|k| k.chars().count() >= 2);
    Ok(Publishable {
        reached,
        reply,
        known,
    })
}

/// The answer as one text: what was found, why, the decision and its basis.
fn answer(r: &ReplyRow) -> String {
    format!(
        "经查：{}\n{}\n处理意见：{}。\n依据：{}",
        r.facts,
        r.reasons,
        r.decision.label(),
        r.legal_basis
    )
}

fn texts(row: &PetitionRow, reply: &ReplyRow) -> CaseTexts {
    CaseTexts {
        title: row.title.clone(),
        facts: row.facts.clone(),
        request: row.request.clone(),
        answer: answer(reply),
    }
}

fn fields(t: &CaseTexts) -> [(&'static str, &str); 4] {
    [
        ("title", &t.title),
        ("facts", &t.facts),
        ("request", &t.request),
        ("answer", &t.answer),
    ]
}

/// The case's texts, as they are and with what looks personal replaced.
pub async fn draft(state: &AppState, staff: StaffId, number: &str) -> AppResult<CaseDraft> {
    let p = publishable(state, staff, number).await?;
    let known: Vec<&str> = p.known.iter().map(String::as_str).collect();
    let original = texts(&p.reached.row, &p.reply);
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, text) in fields(&original) {
        for f in redact::find(text, &known) {
            *found.entry(f.kind.label()).or_default() += 1;
        }
    }
    let suggest = |t: &str| redact::redact(t, &known);
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    Ok(CaseDraft {
        number: p.reached.row.number.to_string(),
        suggested: CaseTexts {
            title: suggest(&original.title),
            facts: suggest(&original.facts),
            request: suggest(&original.request),
            answer: suggest(&original.answer),
        },
        original,
        found: found
            .into_iter()
            .map(|(kind, n)| format!("{kind}{n}处"))
            .collect(),
        published: db::cases::of_petition(&mut conn, p.reached.row.id.0).await?,
    })
}

/// Publishes the clerk's texts; returns the case's id.
pub async fn publish(
    state: &AppState,
    staff: StaffId,
    client: &str,
    number: &str,
    t: &CaseTexts,
) -> AppResult<i64> {
    let p = publishable(state, staff, number).await?;
    let known: Vec<&str> = p.known.iter().map(String::as_str).collect();
    let mut problems = shared::error::Problems::default();
    for ((field, text), (min, max)) in
        fields(t)
            .into_iter()
            .zip([(4, 60), (10, 5000), (2, 1000), (10, 10000)])
    {
        let multiline = field != "title";
        if problems
            .check(field, check(text, min, max, multiline))
            .is_none()
        {
            continue;
        }
        let left = redact::left(text, &known);
        if !left.is_empty() {
            let what: Vec<&str> = left.iter().map(|k: &Kind| k.label()).collect();
            problems.push(field, format!("仍含有{}，请隐去后再公开", what.join("、")));
        }
    }
    problems.finish()?;
    let row = &p.reached.row;
    let org = &p.reached.org;
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let case = db::cases::NewCase {
        petition_id: row.id.0,
        title: t.title.trim(),
        facts: t.facts.trim(),
        request: t.request.trim(),
        answer: t.answer.trim(),
        kind: row.kind.code(),
        decision: p.reply.decision.code(),
        category_id: row.category_id.0,
        region_id: org.county_of(row.region_id).0,
        unit_id: Some(p.reply.unit_id.0),
        answered_on: &p
            .reply
            .decided_at
            .map(crate::time::shanghai_day)
            .unwrap_or_default(),
        published_by: staff.0,
        published_at: now,
    };
    let id = db::cases::insert(&mut tx, case)
        .await?
        .ok_or_else(|| AppError::Conflict("该事项已经作为案例公开。".into()))?;
    let event = NewEvent {
        petition_id: row.id,
        at: now,
        kind: "published_case",
        actor: &p.reached.actor.audit_name(),
        public: true,
        title: "作为案例公开",
        detail: Some("按照您提交时的同意，本事项已隐去个人信息后在“公开案例”中公开。"),
    };
    db::petitions::insert_event(&mut tx, event).await?;
    let entry = audit::Entry {
        at: now,
        actor: p.reached.actor.audit_name(),
        role: Some(&p.reached.actor.role_codes()),
        unit_id: p.reached.actor.unit_id.map(|u| u.0),
        action: "case_publish",
        petition_id: Some(row.id.0),
        detail: Some(format!("case={id}")),
        client: Some(client),
    };
    audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(id)
}
