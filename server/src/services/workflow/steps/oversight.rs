//! The steps around the handling rather than of it: 督办 and its written answer, 协办 and
//! the co-handler's opinion, and 回避. None of them moves the petition's state.

use chrono::NaiveDate;
use shared::clock::Clock;
use shared::petition::{Reason, StaffCommand};

use super::{Ctx, target_unit, text};
use crate::db::petitions::WorkState;
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient};
use crate::notify::templates::Event as Notify;
use crate::services::workflow::firewall;
use crate::services::workflow::record::{Event, Step, Write};

pub(super) fn step(ctx: &Ctx<'_>, cmd: StaffCommand, w: WorkState) -> AppResult<Step> {
    let state = ctx.state;
    let today = ctx.today;
    let number = ctx.row.number.clone();
    let mut events = Vec::new();
    let mut writes = Vec::new();
    let mut notices = Vec::new();
    let mut audit = None;
    match cmd {
        StaffCommand::Supervise { body } => {
            let body = text("body", Reason::parse(&body))?;
            let Some(unit) = w.unit_id else {
                return Err(AppError::Conflict(
                    "该信访事项没有承办单位，无需督办。".into(),
                ));
            };
            if firewall::barred(ctx.org, ctx.next.kind, &w, unit) {
                return Err(AppError::Conflict(firewall::TO_ACCUSED.into()));
            }
            let due = shared::clock::due_date(
                &state.calendar.get(),
                today,
                state.settings.clocks.rule(Clock::Supervision),
            )
            .due;
            events.push(Event::public(
                "supervised",
                "督办",
                "上级机关已对您的信访事项进行督办。",
            ));
            notices.push(Notice::new(
                Notify::Supervised,
                Recipient::Unit(unit),
                &[("number", number.to_string())],
            ));
            writes.push(Write::Notice {
                unit_id: unit,
                body: body.into_inner(),
                answer_due: due.to_string(),
            });
            audit = Some(format!("unit={unit}"));
        }
        StaffCommand::AnswerSupervision { notice_id, answer } => {
            let answer = text("answer", Reason::parse(&answer))?;
            events.push(Event::internal(
                "supervision_answered",
                "书面答复督办",
                None,
            ));
            writes.push(Write::AnswerNotice {
                id: notice_id,
                answer: answer.into_inner(),
            });
            audit = Some(format!("notice={notice_id}"));
        }
        StaffCommand::AddCoHandler { unit_id, due } => {
            let name = target_unit(ctx, unit_id)?;
            if Some(unit_id) == w.unit_id {
                return Err(AppError::field("unit_id", "主办单位不必再列为协办单位"));
            }
            if due <= today {
                return Err(AppError::field("due", "协办期限必须晚于今天"));
            }
            if let Some(main) = w
                .due_on
                .as_deref()
                .and_then(|d| d.parse::<NaiveDate>().ok())
                && due > main
            {
                return Err(AppError::field(
                    "due",
                    format!("协办期限不能晚于办理期限（{main}）"),
                ));
            }
            events.push(Event::public(
                "co_handler",
                "商请协办",
                format!("承办单位已商请{name}协助办理。"),
            ));
            writes.push(Write::CoHandler {
                unit_id,
                due_on: due.to_string(),
            });
            audit = Some(format!("unit={}", unit_id));
        }
        StaffCommand::CoOpinion { opinion } => {
            let opinion = text("opinion", Reason::parse(&opinion))?;
            events.push(Event::internal(
                "co_opinion",
                format!("{}提出协办意见", ctx.org.name(ctx.actor_unit)),
                None,
            ));
            writes.push(Write::CoOpinion(opinion.into_inner()));
        }
        StaffCommand::Recuse { reason } => {
            let reason = text("reason", Reason::parse(&reason))?;
            events.push(Event::internal("recused", "工作人员申请回避", None));
            writes.push(Write::Recusal(reason.into_inner()));
        }
        other => unreachable!("not an oversight command: {}", other.code()),
    }
    Ok(Step {
        work: w,
        events,
        writes,
        audit_detail: audit,
        notices,
    })
}
