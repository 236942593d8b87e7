//! Writes one step of the workflow: the new state (only if nobody changed the petition
//! meanwhile), its timeline events, its records, and its audit link, in one transaction.

use anyhow::Context;
use shared::ids::{NoticeId, PartnerId, UnitId};
use shared::petition::{Action, Rating, ReplyDraft, Workflow};

pub use super::actor::{Actor, Who};
use crate::audit;
use crate::db::{self, petitions::NewEvent, petitions::PetitionRow, petitions::WorkState};
use crate::error::{AppError, AppResult};
use crate::services::statistics;
use crate::state::AppState;
use crate::time::{now_ms, today};

/// A step of the petition's history.
pub struct Event {
    pub kind: &'static str,
    pub title: String,
    pub detail: Option<String>,
    /// Shown on the petitioner's timeline.
    pub public: bool,
}

impl Event {
    /// Labels the petitioner's own words in a public entry: a rating's comment, a review's
    /// reason. Their own page shows those words; the anonymous look-up, which anyone
    /// holding the number and query code may read, cuts them off.
    pub const COMMENT: &'static str = "评价意见：";
    pub const REASON: &'static str = "您的理由：";

    /// `detail` without the petitioner's own words (from [`Self::COMMENT`] or
    /// [`Self::REASON`] on).
    pub fn without_own_words(detail: &str) -> &str {
        [Self::COMMENT, Self::REASON]
            .iter()
            .filter_map(|label| detail.find(label))
            .min()
            .map_or(detail, |at| detail[..at].trim_end())
    }

    /// A public entry in staff words: it was written to the petitioner ("您的信访事项已转送"),
    /// and staff read it about them ("信访人的信访事项已转送"). The petitioner's own words,
    /// after their label, stay exactly as written.
    pub fn in_staff_words(text: &str) -> String {
        let own = [Self::COMMENT, Self::REASON]
            .iter()
            .filter_map(|label| text.find(label).map(|at| at + label.len()))
            .min()
            .unwrap_or(text.len());
        let (ours, theirs) = text.split_at(own);
        format!("{}{theirs}", ours.replace('您', "信访人"))
    }

    pub fn public(kind: &'static str, title: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            kind,
            title: title.into(),
            detail: Some(detail.into()),
            public: true,
        }
    }

    pub fn internal(kind: &'static str, title: impl Into<String>, detail: Option<String>) -> Self {
        Self {
            kind,
            title: title.into(),
            detail,
            public: false,
        }
    }
}

/// A record written beside the state change.
pub enum Write {
    Draft {
        unit_id: UnitId,
        draft: ReplyDraft,
    },
    /// Approve or return the waiting draft of the round.
    DecideDraft {
        state: &'static str,
        comment: Option<String>,
    },
    Note(String),
    Notice {
        unit_id: UnitId,
        body: String,
        answer_due: String,
    },
    AnswerNotice {
        id: NoticeId,
        answer: String,
    },
    Recusal(String),
    CoHandler {
        unit_id: UnitId,
        due_on: String,
    },
    CoOpinion(String),
    /// The petitioner's rating, kept on the round's published reply too (the petition's
    /// own rating starts afresh with a 复查 round).
    Rating(Rating),
    /// A partner system's report, taken once by its message id.
    Inbound {
        partner_id: PartnerId,
        message_id: String,
        kind: &'static str,
    },
}

/// Everything one action changes.
pub struct Step {
    pub work: WorkState,
    pub events: Vec<Event>,
    pub writes: Vec<Write>,
    /// For the audit trail: ids and codes only, never personal data.
    pub audit_detail: Option<String>,
    /// Who is told about it (written to the outbox in the same transaction).
    pub notices: Vec<crate::notify::enqueue::Notice>,
}

/// A step the state machine decides alone, the petitioner's (撤回, 评价, 申请复查) or the
/// clock's (办结): its answer to `action`, the changes `build` adds, committed for `who`.
pub async fn apply(
    state: &AppState,
    row: &PetitionRow,
    who: Who<'_>,
    action: Action,
    build: impl FnOnce(Workflow, WorkState) -> AppResult<Step>,
) -> AppResult<()> {
    let next = row
        .workflow()
        .apply(action)
        .map_err(|e| AppError::Conflict(e.0.into()))?;
    let mut work = row.work.clone();
    work.status = next.status;
    work.round = next.round;
    work.rating = next.rating;
    let step = build(next, work)?;
    commit(state, row, step, who, action.code()).await
}

pub const RACE_LOST: &str = "该信访事项刚刚被其他人处理过，本次操作未执行，请刷新后查看最新状态。";

/// Commits `step` for `row` as it was read; a concurrent change wins and this one is
/// refused with [`RACE_LOST`], having written nothing. `action` is the audit trail's code.
pub async fn commit(
    state: &AppState,
    row: &PetitionRow,
    step: Step,
    who: Who<'_>,
    action: &'static str,
) -> AppResult<()> {
    let now = now_ms();
    let petition = row.id;
    let round = row.work.round.code();
    let actor = who.actor.audit_name();
    let role = who.actor.role();
    let unit = who.actor.unit();
    let mut step = step;
    // 承办人 belongs to the holding unit: a matter that moves on is nobody's there yet.
    if step.work.unit_id != row.work.unit_id {
        step.work.assignee = None;
    }
    let mut tx = state.db.begin_write().await?;
    // The figures: this petition's share of the rollups, and that of a matter it is
    // linked to (or unlinked from) as a repeat, whose 一次性化解 depends on it.
    let linked = [row.work.repeat_of, step.work.repeat_of];
    let touched = std::iter::once(petition).chain(linked.into_iter().flatten());
    let tally = statistics::Retally::begin(&mut tx, touched.map(|p| p.0)).await?;
    let facts = statistics::StepFacts {
        answered: step.writes.iter().any(|w| {
            matches!(
                w,
                Write::DecideDraft {
                    state: "approved",
                    ..
                }
            )
        }),
        rating: step.writes.iter().find_map(|w| match w {
            Write::Rating(r) => Some(*r),
            _ => None,
        }),
    };
    if step.work != row.work
        && !db::petitions::update_work(&mut tx, petition, row.version, &step.work, now).await?
    {
        return Err(AppError::Conflict(RACE_LOST.into()));
    }
    for e in &step.events {
        let event = NewEvent {
            petition_id: petition,
            at: now,
            kind: e.kind,
            actor: &actor,
            public: e.public,
            title: &e.title,
            detail: e.detail.as_deref(),
        };
        db::petitions::insert_event(&mut tx, event).await?;
    }
    for w in step.writes {
        let staff = || who.actor.signer().map(|s| s.0);
        let done = match w {
            Write::Draft { unit_id, draft } => {
                let reply = db::work::NewReply {
                    petition_id: petition,
                    round,
                    unit_id: unit_id.0,
                    facts: &draft.facts,
                    reasons: &draft.reasons,
                    decision: draft.decision.code(),
                    legal_basis: &draft.legal_basis,
                    drafted_by: staff()?,
                    at: now,
                };
                db::work::insert_draft(&mut tx, reply).await?;
                true
            }
            Write::DecideDraft { state: s, comment } => {
                db::work::decide_draft(
                    &mut tx,
                    petition,
                    round,
                    s,
                    staff()?,
                    now,
                    comment.as_deref(),
                )
                .await?
            }
            Write::Note(body) => {
                db::work::insert_note(&mut tx, petition, staff()?, now, &body).await?;
                true
            }
            Write::Notice {
                unit_id,
                body,
                answer_due,
            } => {
                let notice = db::work::NewNotice {
                    petition_id: petition,
                    unit_id: unit_id.0,
                    issued_by: staff()?,
                    at: now,
                    body: &body,
                    answer_due: &answer_due,
                };
                db::work::insert_notice(&mut tx, notice).await?;
                true
            }
            Write::AnswerNotice { id, answer } => {
                let unit = unit.context("a notice answered by no unit")?;
                db::work::answer_notice(&mut tx, petition, id.0, unit.0, staff()?, now, &answer)
                    .await?
            }
            Write::Rating(rating) => {
                // A reply that came back from a partner system has no letter here: the
                // petition's rating is the record then.
                db::work::rate_reply(&mut tx, petition, round, rating).await?;
                true
            }
            Write::Recusal(reason) => {
                db::work::insert_recusal(&mut tx, petition, staff()?, now, &reason).await?;
                true
            }
            Write::CoHandler { unit_id, due_on } => {
                let by = staff()?;
                db::work::insert_co_handler(&mut tx, petition, round, unit_id.0, &due_on, by, now)
                    .await?
            }
            Write::CoOpinion(opinion) => {
                let unit = unit.context("a co-handler's opinion from no unit")?;
                let by = staff()?;
                db::work::answer_co_handler(&mut tx, petition, round, unit.0, by, now, &opinion)
                    .await?
            }
            Write::Inbound {
                partner_id,
                message_id,
                kind,
            } => {
                db::partners::take(&mut tx, partner_id.0, &message_id, petition.0, kind, now)
                    .await?
            }
        };
        if !done {
            return Err(AppError::Conflict(RACE_LOST.into()));
        }
    }
    statistics::record_step(&mut tx, row, &step.work, facts, today()).await?;
    tally.finish(&mut tx).await?;
    let entry = audit::Entry {
        at: now,
        actor,
        role: role.as_deref(),
        unit_id: unit.map(|u| u.0),
        action,
        petition_id: Some(petition.0),
        detail: step.audit_detail,
        client: who.client,
    };
    let seq = audit::record(&mut tx, &state.vault, entry).await?;
    // Keyed by the audit sequence: each committed step queues its notices exactly once.
    for n in &step.notices {
        let key = format!("a{seq}");
        crate::notify::enqueue::enqueue(&mut tx, &state.vault, Some(petition.0), &key, n, now)
            .await?;
    }
    tx.commit()
        .await
        .context("failed to commit a workflow step")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Event;

    #[test]
    fn staff_read_about_the_petitioner_and_the_petitioners_words_stay_theirs() {
        assert_eq!(
            Event::in_staff_words("您的信访事项已转送东城区住建局办理。"),
            "信访人的信访事项已转送东城区住建局办理。"
        );
        assert_eq!(
            Event::in_staff_words("您申请复查。您的理由：您好，灯又坏了"),
            "信访人申请复查。信访人的理由：您好，灯又坏了"
        );
        assert_eq!(
            Event::in_staff_words("不满意。评价意见：请您再看看"),
            "不满意。评价意见：请您再看看"
        );
    }
}
