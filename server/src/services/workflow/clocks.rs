//! The clocks that run on a petition: which one, from when, and when it is due, counting
//! extensions and hearing time and the 交办 deadline; the receiving unit's own clock to
//! tell the petitioner it received a forwarded matter (art. 23); and their recount when a
//! holiday arrangement is loaded.

use chrono::NaiveDate;
use shared::clock::{Calendar, Clock, Deadline, due_date, lengthened};
use shared::petition::{Channel, ClockState, DeadlineView, PetitionStatus, Round};

use crate::config::ClockSettings;
use crate::db::petitions::{PetitionRow, WorkState};
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

/// Whether the petitioner receives a published reply only when it is delivered on paper
/// (a letter, visit or call registered by staff): their window to ask for a review runs
/// from the recorded delivery (送达), not from publication.
pub fn delivered_on_paper(channel: Channel) -> bool {
    channel != Channel::Online
}

/// A reply published for a petitioner who receives it on paper, whose delivery is not
/// recorded yet: no window runs until it is.
pub fn awaits_delivery(row: &PetitionRow) -> bool {
    row.work.status == PetitionStatus::Replied
        && delivered_on_paper(row.channel)
        && row.work.clock.is_none()
}

/// What the clocks are counted with: the calendar in force and the configured periods.
#[derive(Clone, Copy)]
pub struct Counting<'a> {
    pub calendar: &'a Calendar,
    pub rules: &'a ClockSettings,
}

fn date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

impl Counting<'_> {
    /// The deadline of the clock running in `w`, if any.
    pub fn deadline(self, w: &WorkState) -> Option<Deadline> {
        let clock = w.clock?;
        let start = date(w.clock_start.as_deref())?;
        let extra = u32::try_from(w.extra_days).unwrap_or(0);
        let rule = lengthened(self.rules.rule(clock), extra);
        Some(due_date(self.calendar, start, rule))
    }

    /// The receiving unit's deadline to tell the petitioner it received the matter
    /// (art. 23: 15 days, counted like the bureau's own).
    pub fn notice_deadline(self, w: &WorkState) -> Option<Deadline> {
        let start = date(w.notice_start.as_deref())?;
        Some(due_date(
            self.calendar,
            start,
            self.rules.rule(Clock::Acceptance),
        ))
    }

    /// Recomputes the stored due dates. A 交办 deadline earlier than the statutory one
    /// is the one that binds the first handling.
    pub fn refresh(self, w: &mut WorkState) {
        let mut due = self.deadline(w).map(|d| d.due.to_string());
        if w.clock == Some(Clock::Handling)
            && let Some(assigned) = &w.assigned_due
            && due.as_ref().is_none_or(|d| assigned < d)
        {
            due = Some(assigned.clone());
        }
        w.due_on = due;
        w.notice_due = self.notice_deadline(w).map(|d| d.due.to_string());
    }
}

/// Runs `f` with the counting in force now.
fn counted<R>(state: &AppState, f: impl FnOnce(Counting<'_>) -> R) -> R {
    let calendar = state.calendar.get();
    f(Counting {
        calendar: &calendar,
        rules: &state.settings.clocks,
    })
}

/// The deadline of the clock running in `w`, if any.
pub fn deadline(state: &AppState, w: &WorkState) -> Option<Deadline> {
    counted(state, |c| c.deadline(w))
}

/// Starts `clock` on `start` and records its due date; the extra days of the clock before
/// it (extension, hearings) do not carry over.
pub fn start(state: &AppState, w: &mut WorkState, clock: Option<Clock>, start: NaiveDate) {
    w.extra_days = 0;
    w.hearing_days = 0;
    w.clock = clock;
    w.clock_start = clock.map(|_| start.to_string());
    refresh_due(state, w);
}

/// Starts the receiving unit's clock to tell the petitioner it received the matter.
pub fn start_notice(state: &AppState, w: &mut WorkState, received: NaiveDate) {
    w.notice_start = Some(received.to_string());
    refresh_due(state, w);
}

/// The receiving unit told the petitioner (签收受理), or the matter left it.
pub fn stop_notice(w: &mut WorkState) {
    w.notice_start = None;
    w.notice_due = None;
}

/// Recomputes the stored due dates after a clock or its extra days changed.
pub fn refresh_due(state: &AppState, w: &mut WorkState) {
    counted(state, |c| c.refresh(w));
}

/// Stops every clock: the matter is over, or waits for nobody.
pub fn stop(w: &mut WorkState) {
    w.clock = None;
    w.clock_start = None;
    w.due_on = None;
    stop_notice(w);
}

/// Where the staff-facing clock stands today.
pub fn state_of(state: &AppState, w: &WorkState, today: NaiveDate) -> ClockState {
    clock_state(state, w.status, w.due_on.as_deref(), today)
}

/// The last day a matter due by then counts as 临期 (today and the warning days after it).
pub fn warning_ends(state: &AppState, today: NaiveDate) -> NaiveDate {
    let warn = u64::try_from(state.settings.clocks.warn_days).unwrap_or(0);
    today
        .checked_add_days(chrono::Days::new(warn))
        .unwrap_or(today)
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

/// Every deadline of the petition, each once: the acceptance period (from the day the
/// matter arrived), the clock running now when it is another, and the receiving unit's
/// period to tell the petitioner it received the matter.
pub fn deadlines(state: &AppState, row: &PetitionRow) -> Vec<DeadlineView> {
    let w = &row.work;
    counted(state, |c| {
        let mut all = Vec::new();
        // The acceptance period stays listed once its step is taken, marked done: the
        // petitioner sees when it was due, and that it no longer runs.
        if w.clock != Some(Clock::Acceptance) {
            let clock = Clock::Acceptance;
            let d = due_date(c.calendar, received_on(row), c.rules.rule(clock));
            all.push(DeadlineView::new(clock.label(), clock.basis(), &d).done());
        }
        if let (Some(clock), Some(d)) = (w.clock, c.deadline(w)) {
            all.push(DeadlineView::new(clock.label(), clock.basis(), &d));
        }
        if let Some(d) = c.notice_deadline(w) {
            all.push(DeadlineView::new(
                NOTICE_LABEL,
                "《信访工作条例》第二十三条",
                &d,
            ));
        }
        all
    })
}

/// The day the petition arrived (收到之日): the clerk's date for a registration, the
/// filing day online (and for rows from before the date was kept).
pub fn received_on(row: &PetitionRow) -> NaiveDate {
    date(row.received_on.as_deref())
        .unwrap_or_else(|| shared::clock::shanghai_date(crate::time::from_ms(row.submitted_at)))
}

/// The receiving unit's period to tell the petitioner in writing (art. 23).
pub const NOTICE_LABEL: &str = "承办单位书面告知期限";
