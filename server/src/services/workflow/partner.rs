//! Reports from partner handling systems (受理, 办理进展, 答复) become steps of the unit
//! the partner works for, on the same clocks and the same timeline as internal steps.
//! Each report is taken once, by its message id, in the transaction of its step.

use shared::partner::{PartnerReport, PartnerStep};
use shared::petition::{Action, PetitionNumber, PetitionStatus, Reason, StaffCommand};

use super::record::{self, Actor, Event, Step, Who, Write};
use super::steps::{self, Ctx};
use crate::db::{self, partners::PartnerRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::today;

/// What became of a report.
#[derive(Debug, PartialEq, Eq)]
pub enum Taken {
    Done,
    /// Already taken (a retry or a replay): nothing changed.
    Duplicate,
}

#[tracing::instrument(skip_all, fields(partner = %partner.id))]
pub async fn report(
    state: &AppState,
    partner: &PartnerRow,
    message_id: &str,
    client: &str,
    report: PartnerReport,
) -> AppResult<Taken> {
    let pool = &state.db.pool;
    if db::partners::seen(pool, partner.id.0, message_id).await? {
        return Ok(Taken::Duplicate);
    }
    match take(state, partner, message_id, client, report).await {
        // A copy sent at the same moment won the race: this one is the duplicate.
        Err(AppError::Conflict(_))
            if db::partners::seen(pool, partner.id.0, message_id).await? =>
        {
            Ok(Taken::Duplicate)
        }
        other => other.map(|()| Taken::Done),
    }
}

fn conflict(e: shared::petition::IllegalTransition) -> AppError {
    AppError::Conflict(e.0.into())
}

async fn take(
    state: &AppState,
    partner: &PartnerRow,
    message_id: &str,
    client: &str,
    report: PartnerReport,
) -> AppResult<()> {
    let number = PetitionNumber::parse(&report.number).ok_or(AppError::NotFound)?;
    let row = db::petitions::by_number(&state.db.pool, number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let org = state.org.get().await?;
    // Only the partner of the unit holding the petition reports on it; to any other the
    // petition does not exist.
    let unit = row
        .work
        .unit_id
        .filter(|u| org.unit(*u).and_then(|u| u.partner_id) == Some(partner.id))
        .ok_or(AppError::NotFound)?;
    let current = row.workflow();
    // A partner system of the unit an accusation is against never learns of it (art. 30).
    if super::firewall::barred(&org, current.kind, &row.work, unit) {
        return Err(AppError::NotFound);
    }
    let ctx = |row, next| Ctx {
        state,
        org: &org,
        row,
        next,
        actor_unit: unit,
        actor_id: None,
        actor_head: false,
        today: today(),
    };
    let code = report.step.code();
    let mut external = None;
    let mut step = match report.step {
        PartnerStep::Accepted { external_id } => {
            external = external_id;
            let next = current.apply(Action::ReceiveAccept).map_err(conflict)?;
            steps::step(&ctx(&row, next), StaffCommand::ReceiveAccept).await?
        }
        PartnerStep::Progress { text } => {
            if !matches!(
                current.status,
                PetitionStatus::Forwarded | PetitionStatus::Handling
            ) {
                return Err(AppError::Conflict(
                    "只有转送后、答复前的事项可以报告办理进展。".into(),
                ));
            }
            let text = Reason::parse(&text).map_err(|e| AppError::field("text", e.to_string()))?;
            Step {
                work: row.work.clone(),
                events: vec![Event::public(
                    "progress",
                    "办理进展",
                    format!("{}：{}", org.name(unit), text.as_str()),
                )],
                writes: Vec::new(),
                audit_detail: None,
                notices: Vec::new(),
            }
        }
        PartnerStep::Replied { reply } => {
            // Approved in the partner's system: drafted and approved here in one step.
            let drafted = current.apply(Action::SubmitDraft).map_err(conflict)?;
            let first = steps::step(&ctx(&row, drafted), StaffCommand::SubmitDraft(reply)).await?;
            let mut after = row.clone();
            after.work = first.work.clone();
            let approved = drafted.apply(Action::ApproveReply).map_err(conflict)?;
            let mut second =
                steps::step(&ctx(&after, approved), StaffCommand::ApproveReply).await?;
            let mut events = first.events;
            events.append(&mut second.events);
            let mut writes = first.writes;
            writes.append(&mut second.writes);
            let mut notices = first.notices;
            notices.append(&mut second.notices);
            Step {
                work: second.work,
                events,
                writes,
                audit_detail: None,
                notices,
            }
        }
    };
    step.writes.push(Write::Inbound {
        partner_id: partner.id,
        message_id: message_id.to_owned(),
        kind: code,
    });
    step.audit_detail = Some(format!("partner={} report={code}", partner.id));
    let who = Who {
        actor: Actor::Partner {
            account: partner.staff_id,
            unit,
        },
        client: Some(client),
    };
    let action = match code {
        "accepted" => "partner_accepted",
        "progress" => "partner_progress",
        _ => "partner_replied",
    };
    record::commit(state, &row, step, who, action).await?;
    if let Some(ext) = external.map(|e| e.trim().chars().take(100).collect::<String>())
        && !ext.is_empty()
    {
        db::partners::set_external_id(&state.db.writer, row.id.0, &ext).await?;
    }
    tracing::info!(petition.id = %row.id, partner.id = %partner.id, report = code, "partner report taken");
    Ok(())
}
