//! The clock job: 临期 warnings before a due date, 超期 flags and escalation to the unit
//! above when it passes, a rating reminder a week after a reply, a reminder before the
//! petitioner's review window closes, and 办结 when it has; and, from 1 November, a weekly
//! alert to administrators while next year's holiday arrangement is not loaded.

use chrono::{Datelike, Days, NaiveDate};
use shared::ids::UnitId;
use shared::petition::{Action, PetitionStatus};

use crate::audit;
use crate::db::{self, petitions::NewEvent, petitions::PetitionRow, petitions::clock_code};
use crate::error::AppError;
use crate::notify::enqueue::{Notice, Recipient, enqueue};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::{clocks, record};
use crate::state::AppState;
use crate::time::now_ms;

/// What one run did, for logs and tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub warned: usize,
    pub overdue: usize,
    /// Petitioners reminded that their window to ask for a review is closing.
    pub reminded: usize,
    /// Petitioners reminded to rate a reply.
    pub rating_reminded: usize,
    pub closed: usize,
    /// Alerts to administrators that a year's holidays are not loaded.
    pub calendar_alerts: usize,
}

const BATCH: i64 = 500;
const BATCH_LEN: usize = 500;
/// Before any real due date.
const EVER: &str = "0000-01-01";

const OPEN: [PetitionStatus; 5] = [
    PetitionStatus::Submitted,
    PetitionStatus::Forwarded,
    PetitionStatus::Objected,
    PetitionStatus::Handling,
    PetitionStatus::AwaitingApproval,
];

pub async fn run(state: &AppState, today: NaiveDate) -> anyhow::Result<Run> {
    let replied = [PetitionStatus::Replied];
    let warn_until = today
        .checked_add_days(Days::new(
            u64::try_from(state.settings.clocks.warn_days).unwrap_or(0),
        ))
        .unwrap_or(today)
        .to_string();
    // The review-request window runs from the reply, so "N days after the reply" is "due
    // within the window's length less N days".
    let window = i64::from(state.settings.clocks.review_request.days);
    let rating_until = today
        .checked_add_days(Days::new(
            u64::try_from(window - state.settings.clocks.rating_reminder_days).unwrap_or(0),
        ))
        .unwrap_or(today)
        .to_string();
    let yesterday = today.pred_opt().unwrap_or(today).to_string();
    let day = today;
    let today = today.to_string();
    let done = Run {
        overdue: sweep(state, &OPEN, EVER, &yesterday, "overdue").await?,
        warned: sweep(state, &OPEN, &today, &warn_until, "warning").await?,
        reminded: sweep(state, &replied, &today, &warn_until, "closing").await?,
        rating_reminded: sweep(state, &replied, &today, &rating_until, "rating").await?,
        // The review window ran out without a request: the matter is closed (办结).
        closed: sweep(state, &replied, EVER, &yesterday, "closed").await?,
        calendar_alerts: calendar_alerts(state, day).await?,
    };
    if done != Run::default() {
        tracing::info!(
            warned = done.warned,
            overdue = done.overdue,
            reminded = done.reminded,
            rating_reminded = done.rating_reminded,
            closed = done.closed,
            calendar_alerts = done.calendar_alerts,
            "clock job ran"
        );
    }
    Ok(done)
}

/// Tells administrators, in-app and by e-mail, that a year's holiday arrangement is not
/// loaded in full: this year's at once, next year's from 1 November (the State Council
/// publishes it in November); once a week until it is.
async fn calendar_alerts(state: &AppState, today: NaiveDate) -> anyhow::Result<usize> {
    let calendar = state.calendar.get();
    let mut years = vec![today.year()];
    if today.month() >= 11 {
        years.push(today.year() + 1);
    }
    let week = today.iso_week();
    let mut raised = 0;
    for year in years {
        let missing = calendar.missing(year);
        if missing.is_empty() {
            continue;
        }
        let key = format!("calendar:{year}:{}-W{:02}", week.year(), week.week());
        let now = now_ms();
        let mut tx = state.db.begin_write().await?;
        if !db::jobs::raise_once(&mut tx, &key, now).await? {
            tx.rollback().await?;
            continue;
        }
        let notice = Notice::new(
            Notify::CalendarMissing,
            Recipient::Administrators,
            &[("year", year.to_string()), ("missing", missing.join("、"))],
        );
        enqueue(&mut tx, &state.vault, None, &key, &notice, now).await?;
        tx.commit().await?;
        raised += 1;
    }
    Ok(raised)
}

/// Handles every petition in `statuses` due between `from` and `to` that has not had
/// `kind` yet, in batches, so a backlog is worked through.
async fn sweep(
    state: &AppState,
    statuses: &[PetitionStatus],
    from: &str,
    to: &str,
    kind: &str,
) -> anyhow::Result<usize> {
    let mut total = 0;
    loop {
        let rows =
            db::petitions::due_between(&state.db.pool, statuses, from, to, kind, BATCH).await?;
        let mut handled = 0;
        for row in &rows {
            let done = match kind {
                "closed" => close(state, row).await?,
                _ => alert(state, row, kind).await?,
            };
            if done {
                handled += 1;
            }
        }
        total += handled;
        if rows.len() < BATCH_LEN || handled == 0 {
            return Ok(total);
        }
    }
}

/// Raises `kind` once per clock. 临期 and 超期 go on the staff timeline and to the holding
/// unit (超期 also to the unit above: escalation); 复查申请期限将届满 and 请评价 go to the
/// petitioner (the latter only if the reply is still unrated, but is marked done either way).
async fn alert(state: &AppState, row: &PetitionRow, kind: &str) -> anyhow::Result<bool> {
    let (Some(start), Some(due)) = (row.work.clock_start.as_deref(), row.work.due_on.as_deref())
    else {
        return Ok(false);
    };
    let org = state.org.get().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let holder = row.work.unit_id.map(|u| org.name(u)).unwrap_or_default();
    let above = row.work.unit_id.and_then(|u| org.parent(u));
    let params = [("number", row.number.to_string()), ("due", due.to_owned())];
    let units = |event: Notify, to: &[Option<UnitId>]| -> Vec<Notice> {
        to.iter()
            .flatten()
            .map(|u| Notice::new(event, Recipient::Unit(*u), &params))
            .collect()
    };
    let (event, notices) = match kind {
        "overdue" => (
            Some((
                "超期",
                match above {
                    Some(a) => format!(
                        "{holder}的办理已超过{due}的期限，已提请{}督办。",
                        org.name(a)
                    ),
                    None => format!("{holder}的办理已超过{due}的期限。"),
                },
            )),
            units(Notify::Overdue, &[row.work.unit_id, above]),
        ),
        "warning" => (
            Some(("临期提醒", format!("{holder}的办理期限将于{due}届满。"))),
            units(Notify::DeadlineWarning, &[row.work.unit_id]),
        ),
        _ => {
            let event = match kind {
                "rating" => Notify::RatingReminder,
                _ => Notify::ReviewClosing,
            };
            let rated = kind == "rating" && row.work.rating.is_some();
            let notices = if rated {
                Vec::new()
            } else {
                vec![Notice::to_petitioner(
                    event,
                    row.citizen_id,
                    row.id,
                    &params,
                )]
            };
            (None, notices)
        }
    };
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::jobs::raise(
        &mut tx,
        row.id,
        clock_code(row.work.clock),
        start,
        kind,
        now,
    )
    .await?
    {
        tx.rollback().await?;
        return Ok(false);
    }
    if let Some((title, detail)) = &event {
        let entry = NewEvent {
            petition_id: row.id,
            at: now,
            kind,
            actor: "system",
            public: false,
            title,
            detail: Some(detail),
        };
        db::petitions::insert_event(&mut tx, entry).await?;
    }
    let entry = audit::Entry {
        at: now,
        actor: "system".into(),
        role: None,
        unit_id: row.work.unit_id.map(|u| u.0),
        action: match kind {
            "overdue" => "clock_overdue",
            "warning" => "clock_warning",
            "rating" => "rating_reminder",
            _ => "review_window_reminder",
        },
        petition_id: Some(row.id.0),
        detail: Some(format!("clock={} due={due}", clock_code(row.work.clock))),
        client: None,
    };
    let seq = audit::record(&mut tx, &state.vault, entry).await?;
    for n in &notices {
        enqueue(
            &mut tx,
            &state.vault,
            Some(row.id.0),
            &format!("a{seq}"),
            n,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Closes a replied petition whose review window passed; another instance may win.
async fn close(state: &AppState, row: &PetitionRow) -> anyhow::Result<bool> {
    let who = record::Who {
        actor: record::Actor::System,
        client: None,
    };
    let done = record::apply(state, row, who, Action::Close, |_, mut work| {
        clocks::stop(&mut work);
        Ok(record::Step {
            work,
            events: vec![record::Event::public(
                "closed",
                "已办结",
                "申请复查（复核）的期限已经届满，您未提出申请，该信访事项办结。",
            )],
            writes: Vec::new(),
            audit_detail: None,
            notices: Vec::new(),
        })
    });
    match done.await {
        Ok(()) => Ok(true),
        // Another instance closed it first, or the petitioner acted in time.
        Err(AppError::Conflict(_)) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}
