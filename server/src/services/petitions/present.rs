//! Turns stored rows into what petitioners see: progress, deadlines with their reasons, the full view.

use shared::clock::{Clock, due_date};
use shared::petition::{
    Action, AttachmentView, DeadlineView, PetitionProgress, PetitionStatus, PetitionSummary,
    PetitionView, Rating, ReplyView, TimelineEntry,
};

use crate::db::petitions::{AttachmentRow, EventRow, PetitionRow};
use crate::db::work::ReplyRow;
use crate::services::workflow::clocks;
use crate::services::workflow::record::Event;
use crate::state::AppState;
use crate::time::from_ms;

pub fn status(row: &PetitionRow) -> PetitionStatus {
    row.workflow().status
}

pub fn attachment(f: AttachmentRow) -> AttachmentView {
    AttachmentView {
        id: f.id,
        file_name: f.file_name,
        content_type: f.content_type,
        size: u64::try_from(f.size).unwrap_or(0),
        uploaded_at: from_ms(f.uploaded_at),
    }
}

/// The acceptance deadline, recomputed from the day the petition arrived so that its
/// explanation always matches the calendar in force.
pub fn acceptance_deadline(state: &AppState, row: &PetitionRow) -> DeadlineView {
    let clock = Clock::Acceptance;
    let start = clocks::received_on(row);
    DeadlineView::new(
        clock.label(),
        clock.basis(),
        &due_date(
            &state.calendar.get(),
            start,
            state.settings.clocks.rule(clock),
        ),
    )
}

/// A row of 我的信访. Its due date is computed like the detail page's, so both agree
/// even after a new holiday arrangement is loaded; the stored column only orders queues.
pub fn summary(state: &AppState, row: &PetitionRow) -> PetitionSummary {
    let status = status(row);
    PetitionSummary {
        number: row.number.clone(),
        title: row.title.clone(),
        kind: row.kind,
        status,
        status_label: status.label().to_owned(),
        submitted_at: from_ms(row.submitted_at),
        acceptance_due: acceptance_deadline(state, row).due,
    }
}

pub fn progress(state: &AppState, row: &PetitionRow, events: Vec<EventRow>) -> PetitionProgress {
    let status = status(row);
    let kind = row.kind;
    PetitionProgress {
        number: row.number.clone(),
        kind,
        kind_label: kind.label().to_owned(),
        category: row.category.clone(),
        region: row.region.clone(),
        channel_label: row.channel.label().to_owned(),
        status,
        status_label: status.label().to_owned(),
        submitted_at: from_ms(row.submitted_at),
        deadlines: clocks::deadlines(state, row),
        timeline: events
            .into_iter()
            .map(|e| TimelineEntry {
                at: from_ms(e.at),
                title: e.title,
                detail: e.detail,
            })
            .collect(),
    }
}

/// The progress as the anonymous look-up shows it (whoever holds the number and query
/// code): the steps and dates, never what the petitioner wrote themselves.
pub fn progress_anonymous(
    state: &AppState,
    row: &PetitionRow,
    events: Vec<EventRow>,
) -> PetitionProgress {
    let mut progress = progress(state, row, events);
    for entry in &mut progress.timeline {
        if let Some(d) = &mut entry.detail {
            *d = Event::without_own_words(d).to_owned();
        }
    }
    progress
}

pub fn full(
    state: &AppState,
    row: PetitionRow,
    events: Vec<EventRow>,
    files: Vec<AttachmentRow>,
    replies: Vec<ReplyView>,
) -> PetitionView {
    let progress = progress(state, &row, events);
    let wf = row.workflow();
    // The window to ask for the next round, while it is open.
    let window = (wf.status == PetitionStatus::Replied)
        .then(|| clocks::view(state, &row.work))
        .flatten()
        .filter(|d| crate::time::today() <= d.due);
    let other = row.other_procedure;
    PetitionView {
        progress,
        title: row.title,
        facts: row.facts,
        request: row.request,
        respondent: row.respondent,
        other_procedure: other,
        other_procedure_guidance: other.guidance().map(str::to_owned),
        people_count: u32::try_from(row.people_count).unwrap_or(1),
        publish_consent: row.publish_consent,
        can_withdraw: wf.allows(Action::Withdraw),
        can_add_material: wf.allows(Action::AddMaterial)
            && files.len() < shared::petition::MAX_ATTACHMENTS,
        attachments: files.into_iter().map(attachment).collect(),
        replies,
        rating: wf.rating,
        can_rate: wf.allows(Action::Rate(Rating::NotSatisfied)),
        // Whatever the rating: a satisfied petitioner keeps the right within the window.
        can_request_review: window.is_some() && wf.allows(Action::RequestReview),
        review_due: window,
    }
}

/// A reply or draft as shown to whoever may read it.
pub fn reply_view(r: ReplyRow) -> ReplyView {
    let (round, decision) = (r.round, r.decision);
    ReplyView {
        round,
        round_label: round.label().to_owned(),
        unit: r.unit,
        facts: r.facts,
        reasons: r.reasons,
        decision,
        decision_label: decision.label().to_owned(),
        legal_basis: r.legal_basis,
        state: r.state,
        drafted_at: from_ms(r.drafted_at),
        decided_at: r.decided_at.map(from_ms),
        comment: r.comment,
        approved_by: r.approved_by,
        rating: r.rating,
    }
}
