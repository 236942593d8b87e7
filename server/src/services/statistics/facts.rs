//! The facts a step leaves for the figures that the workflow columns do not keep: the
//! first acceptance decision and where it sent the matter, each answered round, its rating
//! and a review asked of it.

use chrono::NaiveDate;
use shared::clock::Clock;
use shared::petition::{PetitionStatus, Rating};

use crate::db::statistics::{Decided, Routing};
use crate::db::{self, Tx, petitions::PetitionRow, petitions::WorkState};

/// What a step did that the figures count, beyond its new workflow columns.
pub struct StepFacts {
    /// The round's reply was published (答复).
    pub answered: bool,
    /// The petitioner rated the round's reply, online or at a 回访.
    pub rating: Option<Rating>,
}

/// Records the facts of a step from `row` to `after`, taken on `today`.
pub async fn record_step(
    tx: &mut Tx,
    row: &PetitionRow,
    after: &WorkState,
    step: StepFacts,
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    let id = row.id.0;
    let before = &row.work;
    let today_s = today.to_string();
    // 受理, 不予受理, 转送 or 交办: the first time the matter leaves 待受理 other than by
    // being withdrawn. A matter sent back after an objection keeps its first decision.
    let how = match after.status {
        PetitionStatus::NotAccepted => Some(Routing::NotAccepted),
        PetitionStatus::Handling => Some(Routing::Accepted),
        PetitionStatus::Forwarded if after.assigned_due.is_some() => Some(Routing::Assigned),
        PetitionStatus::Forwarded => Some(Routing::Forwarded),
        _ => None,
    };
    if let Some(how) = how
        && before.status == PetitionStatus::Submitted
    {
        let due = match before.clock {
            Some(Clock::Acceptance) => before.due_on.as_deref(),
            _ => None,
        }
        .unwrap_or(&row.acceptance_due);
        let decided = Decided {
            in_time: today_s.as_str() <= due,
            on: today_s.clone(),
            how,
            to: (how != Routing::NotAccepted)
                .then_some(after.unit_id)
                .flatten()
                .map(|u| u.0),
        };
        db::statistics::set_decided(tx, id, &decided).await?;
    }
    if step.answered {
        // Measured against the handling period as it stood, an approved extension and
        // hearing days included.
        let on_time = before
            .due_on
            .as_deref()
            .is_none_or(|due| today_s.as_str() <= due);
        let answer = db::statistics::NewAnswer {
            petition_id: id,
            round: after.round.code(),
            unit_id: before.unit_id.map(|u| u.0),
            answered_on: &today_s,
            on_time,
        };
        db::statistics::insert_answer(tx, answer).await?;
    }
    if let Some(rating) = step.rating {
        db::statistics::rate_answer(tx, id, after.round.code(), rating.code()).await?;
    }
    if after.round != before.round {
        db::statistics::answer_challenged(tx, id, before.round.code(), &today_s).await?;
    }
    Ok(())
}
