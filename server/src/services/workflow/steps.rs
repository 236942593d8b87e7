//! What each staff command changes: the next state, the clock, the timeline events (the
//! petitioner's words in Chinese) and the records. The rules of the state machine itself
//! are in `shared::petition::workflow`; here are the rules that need dates and units, one
//! function per command, in a file per stage: intake (the bureau's triage), receipt (the
//! receiving unit's 签收 or 异议), handling (办理 to 答复) and oversight (督办, 协办, 回避).

use chrono::NaiveDate;
use shared::ids::UnitId;
use shared::petition::{StaffCommand, Workflow};

mod accused;
mod follow_up;
mod handling;
mod intake;
mod oversight;
mod receipt;

use super::firewall;
use super::record::Step;
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

/// The state, events and records that `cmd` produces.
pub async fn step(ctx: &Ctx<'_>, cmd: StaffCommand) -> AppResult<Step> {
    let mut s = begin(ctx);
    match cmd {
        StaffCommand::AcceptHere => intake::accept_here(ctx, &mut s),
        StaffCommand::Forward { unit_id } => intake::forward(ctx, &mut s, unit_id, None)?,
        StaffCommand::Assign { unit_id, due } => {
            intake::forward(ctx, &mut s, unit_id, Some(due))?;
        }
        StaffCommand::NotAccept { reason, guidance } => {
            intake::not_accept(ctx, &mut s, reason, &guidance)?;
        }
        StaffCommand::LinkRepeat { earlier } => intake::link_repeat(ctx, &mut s, &earlier).await?,
        StaffCommand::MarkGroup => intake::mark_group(&mut s),
        StaffCommand::SetAccused { unit_id } => accused::set(ctx, &mut s, unit_id)?,
        StaffCommand::NoAccusedUnit => accused::none(ctx, &mut s)?,
        StaffCommand::ReceiveAccept => receipt::accept(ctx, &mut s),
        StaffCommand::Object { reason } => receipt::object(ctx, &mut s, &reason)?,
        StaffCommand::UpholdObjection { unit_id } => receipt::uphold(ctx, &mut s, unit_id)?,
        StaffCommand::DismissObjection { reason } => receipt::dismiss(ctx, &mut s, &reason)?,
        StaffCommand::AddNote { body } => handling::note(&mut s, &body)?,
        StaffCommand::RecordHearing { days, note } => handling::hearing(ctx, &mut s, days, &note)?,
        StaffCommand::SubmitDraft(draft) => handling::submit_draft(ctx, &mut s, draft)?,
        StaffCommand::ReturnDraft { comment } => handling::return_draft(&mut s, &comment)?,
        StaffCommand::ApproveReply => handling::approve(ctx, &mut s),
        StaffCommand::RecordDelivery { delivered_on } => {
            handling::record_delivery(ctx, &mut s, delivered_on)?;
        }
        StaffCommand::Extend { days, reason } => handling::extend(ctx, &mut s, days, &reason)?,
        StaffCommand::Supervise { body } => oversight::supervise(ctx, &mut s, &body)?,
        StaffCommand::AnswerSupervision { notice_id, answer } => {
            oversight::answer(&mut s, notice_id, &answer)?;
        }
        StaffCommand::AddCoHandler { unit_id, due } => {
            oversight::add_co_handler(ctx, &mut s, unit_id, due)?;
        }
        StaffCommand::CoOpinion { opinion } => oversight::co_opinion(ctx, &mut s, &opinion)?,
        StaffCommand::Recuse { reason } => oversight::recuse(&mut s, &reason)?,
        StaffCommand::FollowUp {
            rating,
            comment,
            review_reason,
        } => follow_up::record(ctx, &mut s, rating, comment, review_reason).await?,
        StaffCommand::AssignHandler { staff_id } => {
            oversight::assign_handler(ctx, &mut s, staff_id).await?;
        }
    }
    Ok(s)
}

/// The step before the command adds to it: the petition as the state machine moved it,
/// nothing recorded or told yet.
fn begin(ctx: &Ctx<'_>) -> Step {
    let mut work = ctx.row.work.clone();
    work.status = ctx.next.status;
    work.round = ctx.next.round;
    work.designated = ctx.next.designated;
    work.extended = ctx.next.extended;
    work.rating = ctx.next.rating;
    Step {
        work,
        events: Vec::new(),
        writes: Vec::new(),
        audit_detail: None,
        notices: Vec::new(),
    }
}

fn text<T>(field: &str, parsed: Result<T, shared::text::TextError>) -> AppResult<T> {
    parsed.map_err(|e| AppError::field(field, e.to_string()))
}

/// The name of the unit a matter is sent to, which must exist and not be the accused.
fn target_unit(ctx: &Ctx<'_>, unit: UnitId) -> AppResult<String> {
    let Some(u) = ctx.org.unit(unit) else {
        return Err(AppError::field("unit_id", "请选择一个存在的单位"));
    };
    if firewall::barred(ctx.org, ctx.next.kind, &ctx.row.work, unit) {
        return Err(AppError::field("unit_id", firewall::TO_ACCUSED));
    }
    Ok(u.name.clone())
}

/// A notice to the petitioner (their account, or the phone on file), naming the petition.
fn tell(ctx: &Ctx<'_>, event: Notify, params: &[(&str, String)]) -> Notice {
    let mut all = vec![("number", ctx.row.number.to_string())];
    all.extend(params.iter().cloned());
    Notice::to_petitioner(event, ctx.row.citizen_id, ctx.row.id, &all)
}

/// Who hears of a petition arriving at `unit`: its staff, and the partner system the unit
/// handles its cases in, which is given the case itself.
fn arrival(ctx: &Ctx<'_>, unit: UnitId) -> Vec<Notice> {
    let about = [("number", ctx.row.number.to_string())];
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
