//! 申请复查/复核: a dissatisfied petitioner asks the body one level above the unit that
//! replied, within 30 days of the reply (art. 35, 36).

use shared::ids::CitizenId;
use shared::petition::{Action, PetitionKind, Reason, ReviewRequest, Round};

use super::view::owned;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient};
use crate::notify::templates::Event;
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
    let reason =
        Reason::parse(&req.reason).map_err(|e| AppError::field("reason", e.to_string()))?;
    let row = owned(state, citizen, number).await?;
    // The body one level above the unit that gave the reply being contested.
    let replies = db::work::replies(&state.db.pool, row.id, true).await?;
    let replied_by = replies.last().map(|r| r.unit_id).or(row.work.unit_id);
    let org = state.org.get().await?;
    let today = today();
    let window = clocks::deadline(state, &row.work);
    let who = record::Who::citizen(citizen, client);
    record::apply(state, &row, who, Action::RequestReview, |next, mut work| {
        if let Some(window) = window
            && today > window.due
        {
            return Err(AppError::Conflict(format!(
                "申请{}的期限已于{}届满（自收到答复之日起30日内，《信访工作条例》第{}条），不能再申请。",
                next.round.label(),
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
        clocks::start(
            state,
            &mut work,
            Some(clocks::handling_clock(next.round)),
            today,
        );
        let detail = format!(
            "您申请{}，由{}在{}前作出{}意见。您的理由：{}",
            next.round.label(),
            org.name(above),
            work.due_on.clone().unwrap_or_default(),
            next.round.label(),
            reason.as_str()
        );
        Ok(record::Step {
            work,
            events: vec![record::Event::public(
                "review_requested",
                format!("申请{}", next.round.label()),
                detail,
            )],
            writes: Vec::new(),
            audit_detail: Some(format!("round={} unit={above}", next.round.code())),
            notices: vec![Notice::new(
                Event::Assigned,
                Recipient::Unit(above),
                &[("number", row.number.to_string())],
            )],
        })
    })
    .await
}
