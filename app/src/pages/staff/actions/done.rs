//! What the case page says once an action went through: what happened and what comes
//! next, in the staff's words (shown above the case, announced to screen readers).

use shared::petition::CommandKind;

/// The message after `kind` succeeded. The match makes every command have one.
pub fn said(kind: CommandKind) -> &'static str {
    match kind {
        CommandKind::AcceptHere => {
            "已受理，由本单位办理，已通知信访人。下一步：调查核实，在办理期限内起草信访处理意见书。"
        }
        CommandKind::Forward => {
            "已转送，已通知信访人。承办单位收到通知后签收，认为不属其职责的可在5个工作日内提出异议。"
        }
        CommandKind::Assign => {
            "已交办，已通知信访人。承办单位须在交办期限内办结并报告结果，本单位可督办。"
        }
        CommandKind::NotAccept => {
            "已作出不予受理决定；信访人将收到书面告知和引导意见，本件办理程序结束。"
        }
        CommandKind::LinkRepeat => "已关联为重复信访事项，办理过程中已注明所关联的事项。",
        CommandKind::MarkGroup => "已标记为集体信访。",
        CommandKind::SetAccused => {
            "已记录被检举控告单位；该单位及其下级单位看不到本件，也不能被选为承办单位。"
        }
        CommandKind::NoAccusedUnit => "已记录：被检举控告对象不是本系统内的单位。",
        CommandKind::ReceiveAccept => {
            "已签收受理，已通知信访人。下一步：在办理期限内办理并起草信访处理意见书。"
        }
        CommandKind::Object => "已提出异议，等待转送机关处理；处理前本件仍在本单位。",
        CommandKind::UpholdObjection => "已采纳异议，本件改由所选单位办理，已通知信访人。",
        CommandKind::DismissObjection => "已驳回异议，原承办单位继续办理。",
        CommandKind::AddNote => "办理记录已保存（仅工作人员可见）。",
        CommandKind::RecordHearing => "听证天数已记录，不计入办理期限，期限已相应顺延。",
        CommandKind::SubmitDraft => "意见书草稿已提交，等待负责人审批；审批发布前信访人看不到。",
        CommandKind::ReturnDraft => "草稿已退回，承办人修改后重新提交。",
        CommandKind::ApproveReply => {
            "已审批发布，已通知信访人。网上信访的复查申请期限自今日起算，来信来访的须登记送达后起算。"
        }
        CommandKind::RecordDelivery => "送达已登记，信访人申请复查的30日期限自送达之日起算。",
        CommandKind::Extend => "办理期限已延长，已通知信访人。",
        CommandKind::Supervise => "督办单已发出，被督办单位须按期书面答复。",
        CommandKind::AnswerSupervision => "督办单已答复。",
        CommandKind::Recuse => "回避已记录，您不再办理本件。",
        CommandKind::FollowUp => "回访已记录（标明由工作人员代为记录）。",
        CommandKind::AssignHandler => "承办人已指定，本件已列入其“我的待办”。",
        CommandKind::AddCoHandler => "已请协办单位在期限内回复意见。",
        CommandKind::CoOpinion => "协办意见已提交给主办单位。",
    }
}
