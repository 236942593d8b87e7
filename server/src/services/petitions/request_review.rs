//! 申请复查/复核: the petitioner asks the body one level above the unit that replied,
//! within 30 days of receiving the reply (art. 35, 36) — online from their account, from
//! the look-up page after an SMS check, or through staff who record it at a follow-up (回访).

use chrono::NaiveDate;
use shared::ids::{CitizenId, UnitId};
use shared::petition::{Action, PetitionKind, Reason, ReviewRequest, Round};

use super::view::owned;
use crate::db::{self, petitions::PetitionRow, petitions::WorkState};
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient};
use crate::notify::templates::Event;
use crate::services::org::Org;
use crate::services::workflow::{clocks, record};
use crate::state::AppState;
use crate::time::today;

#[tracing::instrument(skip_all, fields(citizen = %citizen))]
pub async fn request_review(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    number: &str,
    req: &ReviewRequest,
) -> AppResult<()> {
    let reason = reason(req)?;
    let row = owned(state, citizen, number).await?;
    request_as(state, &row, record::Who::citizen(citizen, client), &reason).await
}

/// 申请复查 by a petitioner without an account (or without logging in), who proved the
/// query code and a code texted to the phone on file: the same step, named as theirs.
pub async fn request_review_as_petitioner(
    state: &AppState,
    row: &PetitionRow,
    client: &str,
    req: &ReviewRequest,
) -> AppResult<()> {
    let reason = reason(req)?;
    request_as(state, row, record::Who::petitioner(client), &reason).await
}

fn reason(req: &ReviewRequest) -> AppResult<Reason> {
    Reason::parse(&req.reason).map_err(|e| AppError::field("reason", e.to_string()))
}

async fn request_as(
    state: &AppState,
    row: &PetitionRow,
    who: record::Who<'_>,
    reason: &Reason,
) -> AppResult<()> {
    let replied_by = replied_by(state, row).await?;
    let org = state.org.get().await?;
    let today = today();
    record::apply(state, row, who, Action::RequestReview, |next, mut work| {
        let (event, notices, above) = escalate(
            state, &org, row, replied_by, &mut work, next.round, today, reason, false,
        )?;
        Ok(record::Step {
            work,
            events: vec![event],
            writes: Vec::new(),
            audit_detail: Some(format!("round={} unit={above}", next.round.code())),
            notices,
        })
    })
    .await
}

/// The unit whose reply is contested: the last published reply's, else the holder.
pub async fn replied_by(state: &AppState, row: &PetitionRow) -> AppResult<Option<UnitId>> {
    let replies = db::work::replies(&state.db.pool, row.id, true).await?;
    Ok(replies.last().map(|r| r.unit_id).or(row.work.unit_id))
}

/// Moves `work` to the next round at the body one level above the unit that replied,
/// within the window; returns the petitioner's timeline entry, the notices (to the body
/// above, and the petitioner's confirmation), and that body. `by_staff`: recorded by staff at a follow-up (回访).
#[expect(
    clippy::too_many_arguments,
    reason = "one call per door (the petitioner's, the follow-up's), each with its own facts"
)]
pub fn escalate(
    state: &AppState,
    org: &Org,
    row: &PetitionRow,
    replied_by: Option<UnitId>,
    work: &mut WorkState,
    round: Round,
    today: NaiveDate,
    reason: &Reason,
    by_staff: bool,
) -> AppResult<(record::Event, Vec<Notice>, UnitId)> {
    if let Some(window) = clocks::deadline(state, &row.work)
        && today > window.due
    {
        return Err(AppError::Conflict(format!(
            "申请{}的期限已于{}届满（自收到答复之日起30日内，《信访工作条例》第{}条），不能再申请。",
            round.label(),
            window.due,
            if row.work.round == Round::First {
                "三十五"
            } else {
                "三十六"
            }
        )));
    }
    // Never up into the unit an accusation is against (art. 30): past it, to the unit above.
    let above = replied_by.and_then(|u| org.parent(u)).and_then(|a| {
        match row
            .work
            .accused_unit_id
            .filter(|_| row.kind == PetitionKind::Accusation)
        {
            Some(accused) => org.outside(a, accused),
            None => Some(a),
        }
    });
    let Some(above) = above else {
        return Err(AppError::Conflict(
            "答复单位没有上一级机关，请向有关机关另行提出。".into(),
        ));
    };
    work.rating = None;
    work.extended = false;
    work.designated = false;
    work.assigned_due = None;
    work.forwarded_by = replied_by;
    work.unit_id = Some(above);
    clocks::start(state, work, Some(clocks::handling_clock(round)), today);
    let who = if by_staff {
        "您在回访中提出申请（工作人员代为记录），"
    } else {
        "您申请"
    };
    let detail = format!(
        "{who}{}，由{}在{}前作出{}意见。{}{}",
        round.label(),
        org.name(above),
        work.due_on.clone().unwrap_or_default(),
        round.label(),
        record::Event::REASON,
        reason.as_str()
    );
    let event = record::Event::public("review_requested", format!("申请{}", round.label()), detail);
    let number = ("number", row.number.to_string());
    let to_unit = Notice::new(
        Event::Assigned,
        Recipient::Unit(above),
        std::slice::from_ref(&number),
    );
    // The petitioner's confirmation (by SMS too), with who answers and by when.
    let confirmed = Notice::to_petitioner(
        Event::ReviewRequested,
        row.citizen_id,
        row.id,
        &[
            number,
            ("round", round.label().to_owned()),
            ("unit", org.name(above)),
            ("due", work.due_on.clone().unwrap_or_default()),
        ],
    );
    Ok((event, vec![to_unit, confirmed], above))
}
