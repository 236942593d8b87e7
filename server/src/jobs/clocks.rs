//! The clock job: 临期 warnings before a due date, 超期 flags and escalation to the unit
//! above when it passes, and 办结 when the petitioner's window for a review closes.

use chrono::{Days, NaiveDate};
use shared::petition::{Action, PetitionStatus};

use crate::audit;
use crate::db::{self, petitions::NewEvent, petitions::PetitionRow};
use crate::error::AppError;
use crate::services::workflow::{clocks, detail::workflow, record};
use crate::state::AppState;
use crate::time::now_ms;

/// What one run did, for logs and tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub warned: usize,
    pub overdue: usize,
    pub closed: usize,
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
    let mut done = Run::default();
    let pool = &state.db.pool;
    let open: Vec<&str> = OPEN.iter().map(|s| s.code()).collect();
    let warn_until = today
        .checked_add_days(Days::new(
            u64::try_from(state.settings.clocks.warn_days).unwrap_or(0),
        ))
        .unwrap_or(today)
        .to_string();
    let yesterday = today.pred_opt().unwrap_or(today).to_string();

    let today_s = today.to_string();
    // Each pass takes only rows not yet alerted, so a backlog is worked through in batches.
    loop {
        let rows =
            db::petitions::due_between(pool, &open, EVER, &yesterday, "overdue", BATCH).await?;
        let mut raised = 0;
        for row in &rows {
            if alert(state, row, "overdue").await? {
                raised += 1;
            }
        }
        done.overdue += raised;
        if rows.len() < BATCH_LEN || raised == 0 {
            break;
        }
    }
    loop {
        let rows = db::petitions::due_between(pool, &open, &today_s, &warn_until, "warning", BATCH)
            .await?;
        let mut raised = 0;
        for row in &rows {
            if alert(state, row, "warning").await? {
                raised += 1;
            }
        }
        done.warned += raised;
        if rows.len() < BATCH_LEN || raised == 0 {
            break;
        }
    }
    // The review window ran out without a request: the matter is closed (办结).
    let replied = [PetitionStatus::Replied.code()];
    loop {
        let rows =
            db::petitions::due_between(pool, &replied, EVER, &yesterday, "closed", BATCH).await?;
        let mut closed = 0;
        for row in &rows {
            if close(state, row).await? {
                closed += 1;
            }
        }
        done.closed += closed;
        if rows.len() < BATCH_LEN || closed == 0 {
            break;
        }
    }
    if done != Run::default() {
        tracing::info!(
            warned = done.warned,
            overdue = done.overdue,
            closed = done.closed,
            "clock job ran"
        );
    }
    Ok(done)
}

/// Raises `kind` once per clock: an internal timeline entry for the holding unit and,
/// when overdue, for the unit above it (escalation), plus an audit record.
async fn alert(state: &AppState, row: &PetitionRow, kind: &str) -> anyhow::Result<bool> {
    let (Some(start), Some(due)) = (row.work.clock_start.as_deref(), row.work.due_on.as_deref())
    else {
        return Ok(false);
    };
    let org = state
        .org
        .get(state)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let holder = row.work.unit_id.map(|u| org.name(u)).unwrap_or_default();
    let (title, detail) = match kind {
        "overdue" => {
            let above = row
                .work
                .unit_id
                .and_then(|u| org.parent(u))
                .map(|u| org.name(u));
            (
                "超期".to_owned(),
                match above {
                    Some(above) => format!("{holder}的办理已超过{due}的期限，已提请{above}督办。"),
                    None => format!("{holder}的办理已超过{due}的期限。"),
                },
            )
        }
        _ => (
            "临期提醒".to_owned(),
            format!("{holder}的办理期限将于{due}届满。"),
        ),
    };
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::jobs::raise(&mut tx, row.id, &row.work.clock, start, kind, now).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    let event = NewEvent {
        petition_id: row.id,
        at: now,
        kind,
        actor: "system",
        public: false,
        title: &title,
        detail: Some(&detail),
    };
    db::petitions::insert_event(&mut tx, event).await?;
    let entry = audit::Entry {
        at: now,
        actor: "system".into(),
        role: None,
        unit_id: row.work.unit_id,
        action: if kind == "overdue" {
            "clock_overdue"
        } else {
            "clock_warning"
        },
        petition_id: Some(row.id.0),
        detail: Some(format!("clock={} due={due}", row.work.clock)),
        client: None,
    };
    audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// Closes a replied petition whose review window passed; another instance may win.
async fn close(state: &AppState, row: &PetitionRow) -> anyhow::Result<bool> {
    let Ok(next) = workflow(row).apply(Action::Close) else {
        return Ok(false);
    };
    let mut work = row.work.clone();
    work.status = next.status.code().to_owned();
    clocks::stop(&mut work);
    let step = record::Step {
        work,
        events: vec![record::Event::public(
            "closed",
            "已办结",
            "申请复查（复核）的期限已经届满，您未提出申请，该信访事项办结。",
        )],
        writes: Vec::new(),
        audit_detail: None,
        notices: Vec::new(),
    };
    let who = record::Who {
        actor: "system".into(),
        staff_id: None,
        role: None,
        unit_id: None,
        client: None,
    };
    match record::commit(
        state,
        row.id,
        row.version,
        &row.work.round,
        &row.work,
        step,
        who,
        "close",
        now_ms(),
    )
    .await
    {
        Ok(()) => Ok(true),
        Err(AppError::Conflict(_)) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}
