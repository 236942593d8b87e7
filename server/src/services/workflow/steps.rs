//! What each staff command changes: the next state, the clock, the timeline events (the
//! petitioner's words in Chinese) and the records. The rules of the state machine itself
//! are in `shared::petition::workflow`; here are the rules that need dates and units.

use chrono::NaiveDate;
use shared::clock::Clock;
use shared::ids::UnitId;
use shared::petition::{
    MAX_EXTENSION_DAYS, PetitionNumber, PetitionStatus, Reason, Round, StaffCommand, Workflow,
};

mod accused;
mod oversight;

use super::record::{Event, Step, Write};
use super::{clocks, firewall};
use crate::db::petitions::PetitionRow;
use crate::error::{AppError, AppResult};
use crate::notify::enqueue::{Notice, Recipient};
use crate::notify::templates::Event as Notify;
use crate::services::org::Org;
use crate::state::AppState;

/// The facts a step needs besides the command.
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub org: &'a Org,
    pub row: &'a PetitionRow,
    /// The state after the workflow accepted the action.
    pub next: Workflow,
    pub actor_unit: UnitId,
    /// The staff member acting; none for a partner system's report.
    pub actor_id: Option<shared::ids::StaffId>,
    /// The actor is a unit head (负责人): corrections of a settled accused unit are theirs.
    pub actor_head: bool,
    pub today: NaiveDate,
}

fn text<T>(field: &str, parsed: Result<T, shared::text::TextError>) -> AppResult<T> {
    parsed.map_err(|e| AppError::field(field, e.to_string()))
}

fn target_unit(ctx: &Ctx<'_>, unit: UnitId) -> AppResult<String> {
    let Some(u) = ctx.org.unit(unit) else {
        return Err(AppError::field("unit_id", "请选择一个存在的单位"));
    };
    if firewall::barred(ctx.org, ctx.next.kind, &ctx.row.work, unit) {
        return Err(AppError::field("unit_id", firewall::TO_ACCUSED));
    }
    Ok(u.name.clone())
}

/// Who hears of a petition arriving at `unit`: its staff, and the partner system the unit
/// handles its cases in, which is given the case itself.
fn arrival(ctx: &Ctx<'_>, unit: UnitId, number: &str) -> Vec<Notice> {
    let about = [("number", number.to_owned())];
    let mut notices = vec![Notice::new(Notify::Assigned, Recipient::Unit(unit), &about)];
    if let Some(partner) = ctx.org.unit(unit).and_then(|u| u.partner_id) {
        notices.push(Notice::new(
            Notify::CaseToPartner,
            Recipient::Partner(partner),
            &about,
        ));
    }
    notices
}

/// The state, events and records that `cmd` produces.
pub async fn step(ctx: &Ctx<'_>, cmd: StaffCommand) -> AppResult<Step> {
    let state = ctx.state;
    let mut w = ctx.row.work.clone();
    w.status = ctx.next.status;
    w.round = ctx.next.round;
    w.designated = ctx.next.designated;
    w.extended = ctx.next.extended;
    w.rating = ctx.next.rating;
    let mut events = Vec::new();
    let mut writes = Vec::new();
    let mut notices = Vec::new();
    let number = ctx.row.number.to_string();
    let petitioner = match ctx.row.citizen_id {
        Some(c) => Recipient::Citizen(c),
        None => Recipient::Petitioner(ctx.row.id),
    };
    let tell = |event: Notify, params: &[(&str, String)]| {
        let mut all = vec![("number", number.clone())];
        all.extend(params.iter().cloned());
        Notice::new(event, petitioner.clone(), &all)
    };
    let mut audit = None;
    let today = ctx.today;
    let round = ctx.next.round;
    match cmd {
        StaffCommand::AcceptHere => {
            w.unit_id = Some(ctx.actor_unit);
            clocks::start(state, &mut w, Some(Clock::Handling), today);
            notices.push(tell(
                Notify::Accepted,
                &[
                    ("unit", ctx.org.name(ctx.actor_unit)),
                    ("due", w.due_on.clone().unwrap_or_default()),
                ],
            ));
            events.push(Event::public(
                "accepted",
                "已受理",
                format!(
                    "{}受理了您的信访事项并直接办理，将在{}前作出书面答复。",
                    ctx.org.name(ctx.actor_unit),
                    w.due_on.clone().unwrap_or_default()
                ),
            ));
        }
        StaffCommand::Forward { unit_id } | StaffCommand::Assign { unit_id, .. } => {
            let name = target_unit(ctx, unit_id)?;
            let assigned = match cmd {
                StaffCommand::Assign { due, .. } => Some(due),
                _ => None,
            };
            if let Some(due) = assigned {
                let limit = shared::clock::due_date(
                    &state.calendar.get(),
                    today,
                    state.settings.clocks.rule(Clock::Handling),
                )
                .due;
                if due <= today {
                    return Err(AppError::field("due", "交办期限必须晚于今天"));
                }
                if due > limit {
                    return Err(AppError::field(
                        "due",
                        format!("交办期限不能超过法定办理期限（{limit}）"),
                    ));
                }
            }
            w.unit_id = Some(unit_id);
            w.forwarded_by = Some(ctx.actor_unit);
            w.assigned_due = assigned.map(|d| d.to_string());
            clocks::start(state, &mut w, Some(Clock::Objection), today);
            let (kind, title, detail) = match assigned {
                None => (
                    "forwarded",
                    "已转送",
                    format!("您的信访事项已转送{name}办理。"),
                ),
                Some(due) => (
                    "assigned",
                    "已交办",
                    format!(
                        "您的信访事项已交办{name}办理，办理期限至{due}，办理结果须报告交办机关。"
                    ),
                ),
            };
            events.push(Event::public(kind, title, detail));
            notices.push(tell(Notify::Forwarded, &[("unit", name.clone())]));
            notices.extend(arrival(ctx, unit_id, &number));
            audit = Some(format!("unit={}", unit_id));
        }
        StaffCommand::NotAccept { reason, guidance } => {
            let guidance = text("guidance", Reason::parse(&guidance))?;
            clocks::stop(&mut w);
            events.push(Event::public(
                "not_accepted",
                "不予受理告知",
                reason.notice(guidance.as_str()),
            ));
            notices.push(tell(Notify::NotAccepted, &[]));
            audit = Some(format!("reason={}", reason.code()));
        }
        StaffCommand::LinkRepeat { earlier } => {
            let number = PetitionNumber::parse(&earlier)
                .ok_or_else(|| AppError::field("earlier", "请填写正确的信访件编号"))?;
            // Only a petition the clerk may see can be linked: otherwise the answer would
            // tell them that a hidden accusation exists, and how it ended.
            let not_found = || AppError::field("earlier", "没有找到这件较早的信访事项");
            let Some(staff) = ctx.actor_id else {
                return Err(not_found());
            };
            let first = match super::reach::reach(state, staff, number.as_str()).await {
                Ok(r) if r.row.id != ctx.row.id => r.row,
                Ok(_) | Err(AppError::NotFound) => return Err(not_found()),
                Err(e) => return Err(e),
            };
            w.repeat_of = Some(first.id);
            let final_note = (first.work.round == Round::ReReview
                && matches!(
                    first.work.status,
                    PetitionStatus::Replied | PetitionStatus::Closed
                ))
            .then(|| "该事项已经复核终结，同一事实和理由不再受理（第三十六条第三款）。".to_owned());
            events.push(Event::internal(
                "linked_repeat",
                format!("关联为{}的重复信访件", first.number),
                final_note,
            ));
            audit = Some(format!("repeat_of={}", first.id.0));
        }
        StaffCommand::MarkGroup => {
            w.group_matter = true;
            events.push(Event::internal("group_matter", "标记为集体访", None));
        }
        StaffCommand::SetAccused { unit_id } => {
            audit = Some(accused::set(ctx, &mut w, &mut events, unit_id)?);
        }
        StaffCommand::NoAccusedUnit => {
            audit = Some(accused::none(ctx, &mut w, &mut events)?);
        }
        StaffCommand::ReceiveAccept => {
            clocks::start(state, &mut w, Some(clocks::handling_clock(round)), today);
            notices.push(tell(
                Notify::Accepted,
                &[
                    ("unit", ctx.org.name(ctx.actor_unit)),
                    ("due", w.due_on.clone().unwrap_or_default()),
                ],
            ));
            events.push(Event::public(
                "accepted",
                "已受理",
                format!(
                    "{}已受理您的信访事项，将在{}前作出书面答复。",
                    ctx.org.name(ctx.actor_unit),
                    w.due_on.clone().unwrap_or_default()
                ),
            ));
        }
        StaffCommand::Object { reason } => {
            let reason = text("reason", Reason::parse(&reason))?;
            if w.clock == Some(Clock::Objection)
                && let Some(d) = clocks::deadline(state, &w)
                && today > d.due
            {
                return Err(AppError::Conflict(format!(
                    "异议应在收到转送后5个工作日内提出（截止{}，《信访工作条例》第二十三条），现已超期，请签收办理。",
                    d.due
                )));
            }
            events.push(Event::internal(
                "objected",
                format!("{}提出异议", ctx.org.name(ctx.actor_unit)),
                Some(reason.into_inner()),
            ));
        }
        StaffCommand::UpholdObjection { unit_id } => {
            if Some(unit_id) == w.unit_id {
                return Err(AppError::field(
                    "unit_id",
                    "请指定提出异议的单位以外的承办单位",
                ));
            }
            let name = target_unit(ctx, unit_id)?;
            w.unit_id = Some(unit_id);
            w.forwarded_by = Some(ctx.actor_unit);
            clocks::start(state, &mut w, Some(Clock::Objection), today);
            events.push(Event::public(
                "forwarded",
                "已改转送",
                format!("您的信访事项已改由{name}办理。"),
            ));
            notices.push(tell(Notify::Forwarded, &[("unit", name.clone())]));
            notices.extend(arrival(ctx, unit_id, &number));
            audit = Some(format!("unit={}", unit_id));
        }
        StaffCommand::DismissObjection { reason } => {
            let reason = text("reason", Reason::parse(&reason))?;
            clocks::start(state, &mut w, Some(Clock::Objection), today);
            events.push(Event::internal(
                "objection_dismissed",
                "异议不成立，由原单位办理",
                Some(reason.into_inner()),
            ));
        }
        StaffCommand::AddNote { body } => {
            let body = text("body", Reason::parse(&body))?;
            writes.push(Write::Note(body.into_inner()));
        }
        StaffCommand::RecordHearing { days, note } => {
            let note = text("note", Reason::parse(&note))?;
            if !(1..=90).contains(&days) {
                return Err(AppError::field("days", "听证天数应在1到90之间"));
            }
            w.extra_days += i64::from(days);
            clocks::refresh_due(state, &mut w);
            events.push(Event::public(
                "hearing",
                "举行听证",
                format!(
                    "承办单位就您的信访事项举行听证，听证所用{days}日不计入办理期限，期限相应延至{}。",
                    w.due_on.clone().unwrap_or_default()
                ),
            ));
            writes.push(Write::Note(format!("听证{days}日：{}", note.as_str())));
        }
        StaffCommand::SubmitDraft(draft) => {
            draft.validate(ctx.next.kind)?;
            events.push(Event::internal("draft", "提交答复草稿，待负责人审批", None));
            writes.push(Write::Draft {
                unit_id: ctx.actor_unit,
                draft,
            });
        }
        StaffCommand::ReturnDraft { comment } => {
            let comment = text("comment", Reason::parse(&comment))?;
            events.push(Event::internal("draft_returned", "答复草稿退回修改", None));
            writes.push(Write::DecideDraft {
                state: "returned",
                comment: Some(comment.into_inner()),
            });
        }
        StaffCommand::ApproveReply => {
            clocks::start(state, &mut w, clocks::request_clock(round), today);
            let next_step = match round.next() {
                Some(next) => format!(
                    "如不服，可在{}前申请{}。",
                    w.due_on.clone().unwrap_or_default(),
                    next.label()
                ),
                None => "本复核意见为最终处理意见。".to_owned(),
            };
            events.push(Event::public(
                "replied",
                format!("{}答复", round.label()),
                format!(
                    "{}已作出书面答复（信访处理意见书），请查看答复内容并评价。{next_step}",
                    ctx.org.name(ctx.actor_unit)
                ),
            ));
            writes.push(Write::DecideDraft {
                state: "approved",
                comment: None,
            });
            notices.push(tell(Notify::Replied, &[]));
        }
        StaffCommand::Extend { days, reason } => {
            let reason = text("reason", Reason::parse(&reason))?;
            if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
                return Err(AppError::field(
                    "days",
                    "延长期限不得超过30日（《信访工作条例》第三十四条）",
                ));
            }
            w.extra_days += i64::from(days);
            clocks::refresh_due(state, &mut w);
            events.push(Event::public(
                "extended",
                "办理期限延长",
                format!(
                    "经负责人批准，办理期限延长{days}日，至{}。延期理由：{}",
                    w.due_on.clone().unwrap_or_default(),
                    reason.as_str()
                ),
            ));
            notices.push(tell(
                Notify::Extended,
                &[
                    ("days", days.to_string()),
                    ("due", w.due_on.clone().unwrap_or_default()),
                    ("reason", reason.as_str().to_owned()),
                ],
            ));
        }
        cmd @ (StaffCommand::Supervise { .. }
        | StaffCommand::AnswerSupervision { .. }
        | StaffCommand::AddCoHandler { .. }
        | StaffCommand::CoOpinion { .. }
        | StaffCommand::Recuse { .. }) => return oversight::step(ctx, cmd, w),
    }
    Ok(Step {
        work: w,
        events,
        writes,
        audit_detail: audit,
        notices,
    })
}
