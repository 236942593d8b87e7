//! What staff send and see while handling petitions: commands, clocks, the case file.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::PetitionNumber;
use super::kind::{Channel, PetitionKind};
use super::refusal::NotAcceptReason;
use super::reply::{Decision, Rating, ReplyDraft};
use super::status::{PetitionStatus, Round};
use super::view::{AttachmentView, DeadlineView, TimelineEntry};
use super::workflow::Action;
use crate::ids::{NoticeId, StaffId, UnitId};

/// One staff action on a petition. `version` is the version the clerk saw; when given,
/// the action is refused if anyone changed the petition since.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffActionRequest {
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(flatten)]
    pub command: StaffCommand,
}

/// The staff commands of the statutory chain, tagged by `action`. Their names without the
/// fields are [`CommandKind`]: what a case page offers and the audit trail records.
#[derive(Clone, Debug, Serialize, Deserialize, strum::EnumDiscriminants)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
#[strum_discriminants(
    name(CommandKind),
    derive(
        Hash,
        Serialize,
        Deserialize,
        strum::IntoStaticStr,
        strum::EnumString,
        strum::VariantArray
    ),
    strum(serialize_all = "snake_case"),
    serde(rename_all = "snake_case"),
    cfg_attr(feature = "openapi", derive(utoipa::ToSchema))
)]
pub enum StaffCommand {
    /// 受理并自办: the bureau handles it itself.
    AcceptHere,
    /// 转送 to the unit with power over it.
    Forward { unit_id: UnitId },
    /// 交办: forward with a deadline and a required result report.
    Assign { unit_id: UnitId, due: NaiveDate },
    /// 不予受理/引导, with the legal basis and guidance for the petitioner.
    NotAccept {
        reason: NotAcceptReason,
        guidance: String,
    },
    /// 关联重复件: the same matter as an earlier petition.
    LinkRepeat { earlier: String },
    /// 标记集体访
    MarkGroup,
    /// 被检举控告单位: records (or, by a unit head, corrects) the unit an accusation is
    /// against; its staff never see the matter (art. 30, 46).
    SetAccused { unit_id: UnitId },
    /// 无被检举控告单位: a clerk confirms that the accusation is against no unit of the
    /// directory (a private person or a company), so it may be routed.
    NoAccusedUnit,
    /// 签收受理
    ReceiveAccept,
    /// 提出异议, within 5 working days (art. 23).
    Object { reason: String },
    /// 同意异议 and designate the unit that must handle it.
    UpholdObjection { unit_id: UnitId },
    /// 不同意异议: the objecting unit must handle it.
    DismissObjection { reason: String },
    /// 内部备注: never shown to the petitioner.
    AddNote { body: String },
    /// 听证: days of hearing, left out of the clock.
    RecordHearing { days: u32, note: String },
    /// 提交答复草稿 (信访处理意见书)
    SubmitDraft(ReplyDraft),
    /// 退回修改
    ReturnDraft { comment: String },
    /// 审批并发布答复
    ApproveReply,
    /// 送达: the day the written reply reached a petitioner who filed by letter, visit or
    /// call; their window to ask for a review runs from it (art. 35, 36).
    RecordDelivery { delivered_on: NaiveDate },
    /// 延期: once, at most 30 days, reason shown to the petitioner (art. 34).
    Extend { days: u32, reason: String },
    /// 督办单: the handling unit must answer in writing.
    Supervise { body: String },
    /// 答复督办
    AnswerSupervision { notice_id: NoticeId, answer: String },
    /// 回避 (art. 28): the actor steps aside and loses access.
    Recuse { reason: String },
    /// 回访: after the reply, staff record what the petitioner said on a follow-up call or
    /// visit, on their behalf: their rating (if they gave one) and, if they wish, their
    /// request for the next round with its reason (art. 35, 36).
    FollowUp {
        rating: Option<Rating>,
        #[serde(default)]
        comment: Option<String>,
        #[serde(default)]
        review_reason: Option<String>,
    },
    /// 指定承办人: the holding unit's head gives the matter to one of its staff (我的待办).
    AssignHandler { staff_id: StaffId },
    /// 商请协办: the lead unit asks another unit to contribute by a deadline.
    AddCoHandler { unit_id: UnitId, due: NaiveDate },
    /// 协办意见: a co-handling unit's contribution.
    CoOpinion { opinion: String },
}

impl StaffCommand {
    /// The workflow step this command performs, if it is one.
    pub fn action(&self) -> Option<Action> {
        Some(match self {
            Self::AcceptHere => Action::AcceptHere,
            Self::Forward { .. } => Action::Forward,
            Self::Assign { .. } => Action::Assign,
            Self::NotAccept { .. } => Action::NotAccept,
            Self::LinkRepeat { .. } | Self::SetAccused { .. } | Self::NoAccusedUnit => {
                Action::LinkRepeat
            }
            Self::MarkGroup => Action::MarkGroup,
            Self::ReceiveAccept => Action::ReceiveAccept,
            Self::Object { .. } => Action::Object,
            Self::UpholdObjection { .. } => Action::UpholdObjection,
            Self::DismissObjection { .. } => Action::DismissObjection,
            Self::AddNote { .. } => Action::AddNote,
            Self::RecordHearing { .. } => Action::RecordHearing,
            Self::SubmitDraft(_) => Action::SubmitDraft,
            Self::ReturnDraft { .. } => Action::ReturnDraft,
            Self::ApproveReply => Action::ApproveReply,
            Self::RecordDelivery { .. } => Action::RecordDelivery,
            Self::Extend { .. } => Action::Extend,
            Self::Supervise { .. } => Action::Supervise,
            Self::AnswerSupervision { .. }
            | Self::AssignHandler { .. }
            | Self::FollowUp { .. }
            | Self::Recuse { .. }
            | Self::AddCoHandler { .. }
            | Self::CoOpinion { .. } => return None,
        })
    }

    /// A stable code for the audit trail and logs.
    pub fn code(&self) -> &'static str {
        CommandKind::from(self).code()
    }
}

crate::codes!(CommandKind);

impl CommandKind {
    /// The staff command that performs a step of the state machine; none for the
    /// petitioner's and the clock's steps.
    pub fn of(action: Action) -> Option<Self> {
        Some(match action {
            Action::AcceptHere => Self::AcceptHere,
            Action::Forward => Self::Forward,
            Action::Assign => Self::Assign,
            Action::NotAccept => Self::NotAccept,
            Action::LinkRepeat => Self::LinkRepeat,
            Action::MarkGroup => Self::MarkGroup,
            Action::ReceiveAccept => Self::ReceiveAccept,
            Action::Object => Self::Object,
            Action::UpholdObjection => Self::UpholdObjection,
            Action::DismissObjection => Self::DismissObjection,
            Action::AddNote => Self::AddNote,
            Action::RecordHearing => Self::RecordHearing,
            Action::SubmitDraft => Self::SubmitDraft,
            Action::ReturnDraft => Self::ReturnDraft,
            Action::ApproveReply => Self::ApproveReply,
            Action::RecordDelivery => Self::RecordDelivery,
            Action::Extend => Self::Extend,
            Action::Supervise => Self::Supervise,
            Action::Withdraw
            | Action::AddMaterial
            | Action::Rate(_)
            | Action::RequestReview
            | Action::Close => return None,
        })
    }
}

/// The most days one extension may add (art. 34).
pub const MAX_EXTENSION_DAYS: u32 = 30;

/// Where a petition's current clock stands.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// More than the warning period left.
    Running,
    /// 临期: due within the warning period.
    DueSoon,
    /// 超期
    Overdue,
    /// No clock runs (replied, closed).
    Stopped,
}

impl ClockState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Running => "正常",
            Self::DueSoon => "临期",
            Self::Overdue => "超期",
            Self::Stopped => "—",
        }
    }

    /// The state of a clock due on `due`, seen on `today`, warning `warn_days` before.
    pub fn of(due: Option<NaiveDate>, today: NaiveDate, warn_days: i64) -> Self {
        match due {
            None => Self::Stopped,
            Some(due) if today > due => Self::Overdue,
            Some(due) if (due - today).num_days() <= warn_days => Self::DueSoon,
            Some(_) => Self::Running,
        }
    }
}

crate::codes!(ClockState);

/// The petitioner as staff see them: masked unless unmasked with a recorded reason,
/// and absent altogether for staff of the unit complained about.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PetitionerView {
    pub name: String,
    pub phone: String,
    pub id_number: String,
    pub address: Option<String>,
    pub unmasked: bool,
}

/// A reply or draft of one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyView {
    pub round: Round,
    pub round_label: String,
    pub unit: String,
    pub facts: String,
    pub reasons: String,
    pub decision: Decision,
    pub decision_label: String,
    pub legal_basis: String,
    /// draft, approved or returned
    pub state: String,
    pub drafted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub comment: Option<String>,
    /// 审批人: who approved the published reply.
    #[serde(default)]
    pub approved_by: Option<String>,
    /// The petitioner's rating of this reply, kept when a later round begins.
    #[serde(default)]
    pub rating: Option<Rating>,
}

/// An internal note or a non-public event, for staff only.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoteView {
    pub at: DateTime<Utc>,
    pub author: String,
    pub body: String,
}

/// 督办单 as the supervised unit sees it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupervisionView {
    pub id: NoticeId,
    pub unit: String,
    pub issued_at: DateTime<Utc>,
    pub body: String,
    pub answer_due: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
}

/// 协办单位 and what it contributed.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoHandlerView {
    pub unit: String,
    pub round: Round,
    pub due_on: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
    pub opinion: Option<String>,
}

/// The case file as a staff member may see it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPetitionView {
    pub number: PetitionNumber,
    pub version: i64,
    pub kind: PetitionKind,
    pub channel: Channel,
    pub category: String,
    pub region: String,
    pub status: PetitionStatus,
    pub status_label: String,
    pub round: Round,
    pub unit: Option<String>,
    /// 建议承办单位: the routing proposal (属地管理、分级负责,谁主管、谁负责).
    pub proposed_unit: Option<(UnitId, String)>,
    pub accused_unit: Option<String>,
    /// A clerk confirmed that no unit of the directory is accused.
    #[serde(default)]
    pub accused_none: bool,
    /// An accusation whose accused unit is not settled yet: nothing may route it until a
    /// clerk records the unit or confirms there is none (art. 30).
    #[serde(default)]
    pub accused_pending: bool,
    /// Closed, not an accusation, and the petitioner consented: it may be published as a
    /// case (公开案例) once a clerk has taken every personal detail out.
    #[serde(default)]
    pub publishable: bool,
    pub group_matter: bool,
    pub repeat_of: Option<String>,
    pub title: String,
    /// Withheld (None) from staff of the unit complained about in an accusation.
    pub facts: Option<String>,
    pub request: Option<String>,
    pub respondent: Option<String>,
    pub people_count: u32,
    pub petitioner: Option<PetitionerView>,
    pub attachments: Vec<AttachmentView>,
    pub deadlines: Vec<DeadlineView>,
    pub clock: ClockState,
    pub rating: Option<Rating>,
    pub replies: Vec<ReplyView>,
    pub notes: Vec<NoteView>,
    pub supervision: Vec<SupervisionView>,
    /// 协办: co-handling units of every round.
    pub co_handlers: Vec<CoHandlerView>,
    pub timeline: Vec<TimelineEntry>,
    /// The actions this staff member may take now.
    pub allowed: Vec<CommandKind>,
    /// 承办人: who of the holding unit has the matter, if anyone.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Whom the head may give it to (with 指定承办人 allowed): the unit's handlers and heads.
    #[serde(default)]
    pub assignable: Vec<StaffOption>,
}

/// A staff member to choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffOption {
    pub id: StaffId,
    pub name: String,
}

/// 查看身份信息: why the staff member needs the unmasked identity; recorded.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnmaskRequest {
    pub reason: String,
}

/// A unit as offered in a forwarding or designation list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOption {
    pub id: UnitId,
    pub name: String,
    /// bureau, department or committee
    pub kind: String,
}
