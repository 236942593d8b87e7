//! The case file as a staff member may see it, and 查看身份: unmasking the petitioner
//! for a typed reason, recorded in the audit trail.

use shared::ids::StaffId;
use shared::person::{mask_id_number, mask_name, mask_phone};
use shared::petition::{
    Action, CommandKind, NoteView, PetitionKind, PetitionStatus, PetitionerView, Reason,
    StaffPetitionView, SupervisionView, TimelineEntry,
};

use super::access::{self, Sight, UNMASK_ROLES};
use super::reach::{Reached, reach};
use super::record::Event;
use super::{clocks, firewall};
use crate::audit;
use crate::crypto::Field;
use crate::db::{self, petitions::PetitionRow};
use crate::error::{AppError, AppResult};
use crate::services::petitions::present;
use crate::state::AppState;
use crate::time::{from_ms, now_ms, today};

/// The case file as `staff` may see it; the view is recorded in the audit trail.
#[tracing::instrument(skip_all, fields(staff = %staff, petition = tracing::field::Empty))]
pub async fn detail(
    state: &AppState,
    staff: StaffId,
    client: &str,
    number: &str,
) -> AppResult<StaffPetitionView> {
    let reached = reach(state, staff, number).await?;
    tracing::Span::current().record("petition", reached.row.id.0);
    state.views.record(crate::audit::views::View {
        at: now_ms(),
        staff_id: reached.actor.id.0,
        roles: reached.actor.role_codes(),
        unit_id: reached.actor.unit_id.map(|u| u.0),
        petition_id: reached.row.id.0,
        client: client.to_owned(),
    });
    build(state, reached, false).await
}

/// The case file with the petitioner unmasked. Needs an unmasking role, a reason, and a
/// petition whose identity the actor may see at all; the access is recorded.
#[tracing::instrument(skip_all, fields(staff = %staff, petition = tracing::field::Empty))]
pub async fn unmask(
    state: &AppState,
    staff: StaffId,
    client: &str,
    number: &str,
    reason: &str,
) -> AppResult<StaffPetitionView> {
    let reason = Reason::parse(reason).map_err(|e| AppError::field("reason", e.to_string()))?;
    let reached = reach(state, staff, number).await?;
    tracing::Span::current().record("petition", reached.row.id.0);
    if reached.sight != Sight::Full || !reached.actor.has_any(UNMASK_ROLES) {
        return Err(AppError::Forbidden("您无权查看该信访人的身份信息。".into()));
    }
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let entry = audit::Entry {
        at: now,
        actor: reached.actor.audit_name(),
        role: Some(&reached.actor.role_codes()),
        unit_id: reached.actor.unit_id.map(|u| u.0),
        action: "unmask_identity",
        petition_id: Some(reached.row.id.0),
        detail: Some(reason.into_inner()),
        client: Some(client),
    };
    audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    build(state, reached, true).await
}

/// The petitioner on file, decrypted: the account holder of an online filing, or the
/// person a clerk registered. Never logged; callers mask or search with it.
pub(crate) struct Identity {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: Option<String>,
}

pub(crate) async fn identity(state: &AppState, row: &PetitionRow) -> AppResult<Option<Identity>> {
    let enc = match row.citizen_id {
        Some(citizen) => db::citizens::by_id(&state.db.pool, citizen)
            .await?
            .map(|c| db::petitions::PetitionerEnc {
                name: c.real_name_enc,
                phone: c.phone_enc,
                id_number: Some(c.id_number_enc),
                address: c.address_enc,
            }),
        None => db::petitions::petitioner(&state.db.pool, row.id).await?,
    };
    let Some(enc) = enc else {
        return Ok(None);
    };
    let v = &state.vault;
    Ok(Some(Identity {
        name: v.decrypt(Field::RealName, &enc.name)?,
        phone: v.decrypt(Field::Phone, &enc.phone)?,
        id_number: enc
            .id_number
            .as_deref()
            .map(|n| v.decrypt(Field::IdNumber, n))
            .transpose()?
            .unwrap_or_default(),
        address: enc
            .address
            .as_deref()
            .map(|a| v.decrypt(Field::Address, a))
            .transpose()?,
    }))
}

async fn petitioner(
    state: &AppState,
    row: &PetitionRow,
    unmasked: bool,
) -> AppResult<Option<PetitionerView>> {
    let Some(Identity {
        name,
        phone,
        id_number,
        address,
    }) = identity(state, row).await?
    else {
        return Ok(None);
    };
    Ok(Some(if unmasked {
        PetitionerView {
            name,
            phone,
            id_number,
            address,
            unmasked: true,
        }
    } else {
        PetitionerView {
            name: mask_name(&name),
            phone: mask_phone(&phone),
            id_number: mask_id_number(&id_number),
            address: address.map(|_| "（已隐藏）".to_owned()),
            unmasked: false,
        }
    }))
}

async fn build(state: &AppState, reached: Reached, unmasked: bool) -> AppResult<StaffPetitionView> {
    let Reached {
        row,
        org,
        actor,
        sight,
        co_units,
    } = reached;
    let pool = &state.db.pool;
    let wf = row.workflow();
    let identity = sight == Sight::Full;
    // An accusation's material is withheld from the unit complained about; `reach` already
    // refuses them the accusation itself, this keeps any other path honest too.
    let material = identity || wf.kind != PetitionKind::Accusation;
    let petitioner = if identity {
        petitioner(state, &row, unmasked).await?
    } else {
        None
    };
    let events = db::petitions::all_events(pool, row.id).await?;
    // Files (a scanned letter names its writer) only to those who may see the petitioner.
    let attachments = if identity {
        db::petitions::attachments(pool, row.id).await?
    } else {
        Vec::new()
    };
    let replies = db::work::replies(pool, row.id, false).await?;
    let notes = db::work::notes(pool, row.id).await?;
    let notices = db::work::notices(pool, row.id).await?;
    let mut allowed: Vec<CommandKind> = Vec::new();
    for a in Action::ALL.iter().copied() {
        if let Some(kind) = CommandKind::of(a)
            && wf.allows(a)
            && access::refuse_performer(&org, &actor, a, &row.work).is_none()
            && !allowed.contains(&kind)
        {
            allowed.push(kind);
        }
    }
    // 回访: the replying unit's staff record the petitioner's rating or request for them.
    let holds = actor.unit_id.is_some() && actor.unit_id == row.work.unit_id;
    if holds
        && wf.status == PetitionStatus::Replied
        && clocks::delivered_on_paper(row.channel)
        && actor.has_any(&[
            shared::staff::Role::Handler,
            shared::staff::Role::UnitHead,
            shared::staff::Role::Intake,
        ])
    {
        allowed.push(CommandKind::FollowUp);
    }
    // 指定承办人: the holding unit's head, while the matter is being worked on.
    let heads_it = actor.unit_id.is_some() && actor.unit_id == row.work.unit_id;
    let assignable = if heads_it
        && actor.has_any(&[shared::staff::Role::UnitHead])
        && !wf.status.is_terminal()
        && wf.status != PetitionStatus::Replied
    {
        allowed.push(CommandKind::AssignHandler);
        db::staff::workers_of_unit(pool, row.work.unit_id.map_or(0, |u| u.0), row.id.0)
            .await?
            .into_iter()
            .map(|(id, name)| shared::petition::StaffOption {
                id: StaffId(id),
                name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let assignee = match row.work.assignee {
        Some(id) => db::staff::by_id(pool, id.0).await?.map(|s| s.display_name),
        None => None,
    };
    // 送达 is recorded once, for a reply that went out on paper.
    if !clocks::awaits_delivery(&row) {
        allowed.retain(|a| *a != CommandKind::RecordDelivery);
    }
    let pending = firewall::pending(wf.kind, &row.work);
    if pending {
        allowed.retain(|a| !firewall::WAITING.contains(a));
    }
    // Recording the accused unit goes with the bureau's other triage steps; once it is
    // settled, correcting it is the unit head's.
    let settled = row.work.accused_unit_id.is_some() || row.work.accused_none;
    if allowed.contains(&CommandKind::LinkRepeat)
        && (!settled || actor.has_any(&[shared::staff::Role::UnitHead]))
    {
        allowed.push(CommandKind::SetAccused);
        if wf.kind == PetitionKind::Accusation && !row.work.accused_none {
            allowed.push(CommandKind::NoAccusedUnit);
        }
    }
    let handles = actor.unit_id.is_some() && actor.unit_id == row.work.unit_id;
    if handles
        && actor.has_any(&[shared::staff::Role::Handler, shared::staff::Role::UnitHead])
        && notices.iter().any(|n| n.answered_at.is_none())
    {
        allowed.push(CommandKind::AnswerSupervision);
    }
    let co = db::work::co_handlers(pool, row.id).await?;
    if handles
        && actor.has_any(&[shared::staff::Role::Handler, shared::staff::Role::UnitHead])
        && wf.status == PetitionStatus::Handling
    {
        allowed.push(CommandKind::AddCoHandler);
    }
    let open_co = co.iter().any(|c| {
        c.round == row.work.round && c.answered_at.is_none() && Some(c.unit_id) == actor.unit_id
    });
    if open_co && co_units.iter().any(|u| Some(*u) == actor.unit_id) {
        allowed.push(CommandKind::CoOpinion);
    }
    let deadlines = clocks::deadlines(state, &row);
    let proposed = if wf.kind == PetitionKind::Accusation {
        org.propose_accusation(
            row.region_id,
            row.category_id,
            row.work.accused_unit_id,
            row.work.accused_none,
        )
    } else {
        org.propose(row.region_id, row.category_id, row.work.accused_unit_id)
    }
    .map(|u| (u, org.name(u)));
    Ok(StaffPetitionView {
        number: row.number.clone(),
        version: row.version,
        kind: wf.kind,
        channel: row.channel,
        category: row.category.clone(),
        region: row.region.clone(),
        status: wf.status,
        status_label: wf.status.label().to_owned(),
        round: wf.round,
        unit: row.work.unit_id.map(|u| org.name(u)),
        proposed_unit: proposed,
        accused_unit: row.work.accused_unit_id.map(|u| org.name(u)),
        accused_none: row.work.accused_none,
        accused_pending: pending,
        publishable: shared::cases::refusal(
            row.kind,
            row.publish_consent,
            row.work.status,
            row.work.round,
        )
        .is_none(),
        group_matter: row.work.group_matter,
        repeat_of: match row.work.repeat_of {
            Some(id) => db::petitions::number_of(pool, id.0).await?,
            None => None,
        },
        title: row.title.clone(),
        facts: material.then(|| row.facts.clone()),
        request: material.then(|| row.request.clone()),
        respondent: if identity {
            row.respondent.clone()
        } else {
            None
        },
        people_count: u32::try_from(row.people_count).unwrap_or(1),
        petitioner,
        attachments: attachments.into_iter().map(present::attachment).collect(),
        deadlines,
        clock: clocks::state_of(state, &row.work, today()),
        rating: wf.rating,
        replies: replies.into_iter().map(present::reply_view).collect(),
        notes: notes
            .into_iter()
            .map(|(at, author, body)| NoteView {
                at: from_ms(at),
                author,
                body,
            })
            .collect(),
        supervision: notices
            .into_iter()
            .map(|n| SupervisionView {
                id: n.id,
                unit: n.unit,
                issued_at: from_ms(n.issued_at),
                body: n.body,
                answer_due: n.answer_due,
                answered_at: n.answered_at.map(from_ms),
                answer: n.answer,
            })
            .collect(),
        co_handlers: co
            .into_iter()
            .map(|c| shared::petition::CoHandlerView {
                unit: c.unit,
                round: c.round,
                due_on: c.due_on,
                answered_at: c.answered_at.map(from_ms),
                opinion: c.opinion,
            })
            .collect(),
        timeline: events
            .into_iter()
            // What was written to the petitioner reads about them; staff's own entries
            // (notes, objections, partners' reports) stay exactly as written.
            .map(|e| TimelineEntry {
                at: from_ms(e.at),
                title: match e.public {
                    true => Event::in_staff_words(&e.title),
                    false => e.title,
                },
                detail: match e.public {
                    true => e.detail.as_deref().map(Event::in_staff_words),
                    false => e.detail,
                },
            })
            .collect(),
        allowed,
        assignee,
        assignable,
    })
}
