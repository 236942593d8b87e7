//! The clock that runs on a petition now: which one, from when, and when it is due,
//! counting extensions and hearing time and the 交办 deadline.

use chrono::NaiveDate;
use shared::clock::{Clock, Deadline, due_date, lengthened};
use shared::petition::{ClockState, DeadlineView, PetitionStatus, Round};

use crate::db::petitions::WorkState;
use crate::state::AppState;

/// The clock a round's handling runs on.
pub fn handling_clock(round: Round) -> Clock {
    match round {
        Round::First => Clock::Handling,
        Round::Review => Clock::Review,
        Round::ReReview => Clock::ReReview,
    }
}

/// The petitioner's window to ask for the next round after a reply, if there is one.
pub fn request_clock(round: Round) -> Option<Clock> {
    match round {
        Round::First => Some(Clock::ReviewRequest),
        Round::Review => Some(Clock::ReReviewRequest),
        Round::ReReview => None,
    }
}

/// The deadline of the clock running in `w`, if any.
pub fn deadline(state: &AppState, w: &WorkState) -> Option<Deadline> {
    let clock = w.clock?;
    let start = NaiveDate::parse_from_str(w.clock_start.as_deref()?, "%Y-%m-%d").ok()?;
    let extra = u32::try_from(w.extra_days).unwrap_or(0);
    let rule = lengthened(state.settings.clocks.rule(clock), extra);
    Some(due_date(&state.calendar.get(), start, rule))
}

/// Starts `clock` on `start` and records its due date.
pub fn start(state: &AppState, w: &mut WorkState, clock: Option<Clock>, start: NaiveDate) {
    w.extra_days = 0;
    w.clock = clock;
    w.clock_start = clock.map(|_| start.to_string());
    refresh_due(state, w);
}

/// Recomputes the stored due date after the clock or its extra days changed. A 交办
/// deadline earlier than the statutory one is the one that binds the first handling.
pub fn refresh_due(state: &AppState, w: &mut WorkState) {
    let mut due = deadline(state, w).map(|d| d.due.to_string());
    if w.clock == Some(Clock::Handling)
        && let Some(assigned) = &w.assigned_due
        && due.as_ref().is_none_or(|d| assigned < d)
    {
        due = Some(assigned.clone());
    }
    w.due_on = due;
}

/// Stops every clock: the matter is over.
pub fn stop(w: &mut WorkState) {
    w.clock = None;
    w.clock_start = None;
    w.due_on = None;
}

/// Where the staff-facing clock stands today.
pub fn state_of(state: &AppState, w: &WorkState, today: NaiveDate) -> ClockState {
    clock_state(state, w.status, w.due_on.as_deref(), today)
}

/// The clock state from the status and due date alone (what a queue line carries).
pub fn clock_state(
    state: &AppState,
    status: PetitionStatus,
    due_on: Option<&str>,
    today: NaiveDate,
) -> ClockState {
    if status == PetitionStatus::Replied || status.is_terminal() {
        return ClockState::Stopped;
    }
    let due = due_on.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    ClockState::of(due, today, state.settings.clocks.warn_days)
}

/// The running deadline as shown, with its explanation.
pub fn view(state: &AppState, w: &WorkState) -> Option<DeadlineView> {
    let clock = w.clock?;
    deadline(state, w).map(|d| DeadlineView::new(clock.label(), clock.basis(), &d))
}
