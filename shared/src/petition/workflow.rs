//! The petition's statutory chain as a state machine: which action is legal in which
//! state, who performs it, and what state follows (《信访工作条例》 art. 22-36).
//!
//! Time windows (5 working days to object, 30 days to ask for a review) and the actor's
//! unit are checked by the server with the clock and the organisation; everything that
//! depends only on the petition's own state is decided here, once, for every client.

use serde::{Deserialize, Serialize};

use super::kind::PetitionKind;
use super::reply::Rating;
use super::status::{PetitionStatus, Round};
use crate::staff::Role;

/// An action that the petition's state does not allow, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IllegalTransition(pub &'static str);

/// What the workflow needs to know about a petition to decide the next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workflow {
    pub status: PetitionStatus,
    pub round: Round,
    pub kind: PetitionKind,
    /// 指定: the current unit was designated after an objection and cannot object again.
    pub designated: bool,
    /// The one extension of this handling has been granted (art. 34).
    pub extended: bool,
    /// The petitioner's rating of this round's reply.
    pub rating: Option<Rating>,
}

/// Who performs an action; the server checks that the actor stands in this relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Performer {
    /// 信访人: the petitioner who filed it.
    Petitioner,
    /// The petition bureau holding a new petition, or the office that forwarded it.
    Bureau,
    /// The unit a petition was forwarded or assigned to.
    ReceivingUnit,
    /// The unit handling the current round.
    HandlingUnit,
    /// 督办员: any supervisor above the handling unit.
    Supervisor,
    /// The scheduler: a window ran out.
    System,
}

/// Every step of the statutory chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 撤回
    Withdraw,
    /// 补充材料
    AddMaterial,
    /// 评价
    Rate(Rating),
    /// 申请复查/复核
    RequestReview,
    /// 受理并自办
    AcceptHere,
    /// 转送
    Forward,
    /// 交办: forwarded with a deadline and a required result report.
    Assign,
    /// 不予受理/引导: refused with a reason and its legal basis.
    NotAccept,
    /// 关联重复件
    LinkRepeat,
    /// 标记集体访
    MarkGroup,
    /// 签收受理: the receiving unit takes the matter on.
    ReceiveAccept,
    /// 提出异议 (art. 23)
    Object,
    /// 同意异议, and designate another unit.
    UpholdObjection,
    /// 不同意异议: the unit must handle it.
    DismissObjection,
    /// 内部备注
    AddNote,
    /// 登记听证: hearing time, left out of the clock.
    RecordHearing,
    /// 提交答复草稿
    SubmitDraft,
    /// 退回修改
    ReturnDraft,
    /// 审批并发布答复
    ApproveReply,
    /// 送达: the day a written reply reached a petitioner who filed offline, from which
    /// their 30 days to ask for a review run (art. 35, 36).
    RecordDelivery,
    /// 延期 (art. 34): once, at most 30 days, by the unit head.
    Extend,
    /// 督办
    Supervise,
    /// 办结: the review window ran out.
    Close,
}

impl Action {
    pub const ALL: [Action; 25] = [
        Self::Withdraw,
        Self::AddMaterial,
        Self::Rate(Rating::Satisfied),
        Self::Rate(Rating::BasicallySatisfied),
        Self::Rate(Rating::NotSatisfied),
        Self::RequestReview,
        Self::AcceptHere,
        Self::Forward,
        Self::Assign,
        Self::NotAccept,
        Self::LinkRepeat,
        Self::MarkGroup,
        Self::ReceiveAccept,
        Self::Object,
        Self::UpholdObjection,
        Self::DismissObjection,
        Self::AddNote,
        Self::RecordHearing,
        Self::SubmitDraft,
        Self::ReturnDraft,
        Self::ApproveReply,
        Self::RecordDelivery,
        Self::Extend,
        Self::Supervise,
        Self::Close,
    ];

    /// A stable code, as clients name the action (`allowed` lists, the audit trail).
    pub fn code(self) -> &'static str {
        use Action::*;
        match self {
            Withdraw => "withdraw",
            AddMaterial => "add_material",
            Rate(_) => "rate",
            RequestReview => "request_review",
            AcceptHere => "accept_here",
            Forward => "forward",
            Assign => "assign",
            NotAccept => "not_accept",
            LinkRepeat => "link_repeat",
            MarkGroup => "mark_group",
            ReceiveAccept => "receive_accept",
            Object => "object",
            UpholdObjection => "uphold_objection",
            DismissObjection => "dismiss_objection",
            AddNote => "add_note",
            RecordHearing => "record_hearing",
            SubmitDraft => "submit_draft",
            ReturnDraft => "return_draft",
            ApproveReply => "approve_reply",
            RecordDelivery => "record_delivery",
            Extend => "extend",
            Supervise => "supervise",
            Close => "close",
        }
    }

    /// Who performs it.
    pub fn performer(self) -> Performer {
        use Action::*;
        match self {
            Withdraw | AddMaterial | Rate(_) | RequestReview => Performer::Petitioner,
            AcceptHere | Forward | Assign | NotAccept | LinkRepeat | MarkGroup
            | UpholdObjection | DismissObjection => Performer::Bureau,
            ReceiveAccept | Object => Performer::ReceivingUnit,
            AddNote | RecordHearing | SubmitDraft | ReturnDraft | ApproveReply | RecordDelivery
            | Extend => Performer::HandlingUnit,
            Supervise => Performer::Supervisor,
            Close => Performer::System,
        }
    }

    /// The staff roles that may perform it (empty for the petitioner and the system).
    /// Decisions that bind the unit (non-acceptance, approval, extension) are the head's.
    pub fn roles(self) -> &'static [Role] {
        use Action::*;
        match self {
            Withdraw | AddMaterial | Rate(_) | RequestReview | Close => &[],
            AcceptHere | Forward | Assign | LinkRepeat | MarkGroup | UpholdObjection
            | DismissObjection => &[Role::Intake, Role::UnitHead],
            NotAccept | ReturnDraft | ApproveReply | Extend => &[Role::UnitHead],
            ReceiveAccept | Object => &[Role::Intake, Role::Handler, Role::UnitHead],
            AddNote | RecordHearing | SubmitDraft | RecordDelivery => {
                &[Role::Handler, Role::UnitHead]
            }
            Supervise => &[Role::Supervisor],
        }
    }
}

impl Workflow {
    /// A petition just filed or registered.
    pub fn new(kind: PetitionKind) -> Self {
        Self {
            status: PetitionStatus::Submitted,
            round: Round::First,
            kind,
            designated: false,
            extended: false,
            rating: None,
        }
    }

    /// The state after `action`, or the rule that forbids it now.
    pub fn apply(self, action: Action) -> Result<Self, IllegalTransition> {
        use Action::*;
        use PetitionStatus as S;
        let to = |status| Ok(Self { status, ..self });
        match (self.status, action) {
            (S::Closed, RequestReview) if self.round == Round::ReReview => Err(IllegalTransition(
                "复核意见为最终处理意见，同一事实和理由不再受理（《信访工作条例》第三十六条）。",
            )),
            (s, _) if s.is_terminal() => Err(IllegalTransition(match s {
                S::Withdrawn => "该信访事项已撤回，不能再进行此操作。",
                S::NotAccepted => "该信访事项已不予受理，不能再进行此操作。",
                _ => "该信访事项已办结，不能再进行此操作。",
            })),
            (_, Supervise) => Ok(self),
            (S::Submitted, Withdraw) => to(S::Withdrawn),
            (_, Withdraw) => Err(IllegalTransition(
                "信访事项已经受理或转送，不能再撤回；如有新的情况请补充材料。",
            )),
            (S::Replied, AddMaterial) => Err(IllegalTransition(
                "已作出答复，不能再补充材料；如不满意可申请复查。",
            )),
            (_, AddMaterial) => Ok(self),
            (S::Submitted, AcceptHere) => Ok(self.accepted()),
            (S::Submitted, Forward | Assign) => to(S::Forwarded),
            (S::Submitted, NotAccept) => to(S::NotAccepted),
            (S::Submitted | S::Forwarded | S::Objected | S::Handling, LinkRepeat | MarkGroup) => {
                Ok(self)
            }
            (S::Forwarded, ReceiveAccept) => Ok(self.accepted()),
            (S::Forwarded, Object) if self.designated => Err(IllegalTransition(
                "本单位是异议处理后指定的承办单位，不能再次提出异议（《信访工作条例》第二十三条）。",
            )),
            (S::Forwarded, Object) => to(S::Objected),
            (S::Objected, UpholdObjection | DismissObjection) => Ok(Self {
                status: S::Forwarded,
                designated: true,
                ..self
            }),
            (S::Handling | S::AwaitingApproval, AddNote) => Ok(self),
            (S::Handling, RecordHearing) => Ok(self),
            (S::Handling, SubmitDraft) => to(S::AwaitingApproval),
            (S::AwaitingApproval, ReturnDraft) => to(S::Handling),
            // 复核意见 is final (art. 36): the matter is closed with it.
            (S::AwaitingApproval, ApproveReply) if self.round == Round::ReReview => to(S::Closed),
            (S::AwaitingApproval, ApproveReply) => Ok(Self {
                status: S::Replied,
                rating: None,
                ..self
            }),
            (S::Replied, RecordDelivery) => Ok(self),
            (S::Handling | S::AwaitingApproval, Extend) if self.round != Round::First => {
                Err(IllegalTransition(
                    "复查、复核期限不能延长（《信访工作条例》第三十五条、第三十六条）。",
                ))
            }
            (S::Handling | S::AwaitingApproval, Extend) if self.extended => Err(IllegalTransition(
                "办理期限只能延长一次（《信访工作条例》第三十四条）。",
            )),
            (S::Handling | S::AwaitingApproval, Extend) => Ok(Self {
                extended: true,
                ..self
            }),
            (S::Replied, Rate(_)) if self.rating.is_some() => {
                Err(IllegalTransition("您已经评价过这次答复。"))
            }
            // A satisfied petitioner keeps the right to ask for a review until the window
            // ends; the matter closes then (art. 35).
            (S::Replied, Rate(rating)) => Ok(Self {
                rating: Some(rating),
                ..self
            }),
            (_, Rate(_)) => Err(IllegalTransition("答复发布后才能评价。")),
            (S::Replied, RequestReview) => match self.round.next() {
                None => Err(IllegalTransition(
                    "复核意见为最终处理意见，同一事实和理由不再受理（《信访工作条例》第三十六条）。",
                )),
                Some(round) => Ok(Self {
                    status: S::Handling,
                    round,
                    designated: false,
                    extended: false,
                    rating: None,
                    ..self
                }),
            },
            (_, RequestReview) => Err(IllegalTransition("作出答复后才能申请复查或复核。")),
            (S::Replied, Close) => to(S::Closed),
            (status, _) => Err(IllegalTransition(match status {
                S::Submitted => "该信访事项尚待受理，不能进行此操作。",
                S::Forwarded => "该信访事项已转送，等待承办单位签收或提出异议。",
                S::Objected => "承办单位提出了异议，等待转送机关决定。",
                S::Handling => "该信访事项正在办理中，不能进行此操作。",
                S::AwaitingApproval => "答复草稿正在等待负责人审批，不能进行此操作。",
                _ => "该信访事项已作出答复，不能进行此操作。",
            })),
        }
    }

    /// Whether `action` is allowed now (for showing or hiding buttons).
    pub fn allows(self, action: Action) -> bool {
        self.apply(action).is_ok()
    }

    fn accepted(self) -> Self {
        Self {
            status: PetitionStatus::Handling,
            extended: false,
            ..self
        }
    }
}

#[cfg(test)]
mod tests;
