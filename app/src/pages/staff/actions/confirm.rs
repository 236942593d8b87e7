//! The steps that cannot be taken back (转送, 交办, 不予受理, 审批发布, 延期): their forms
//! show what the petitioner will be told and ask the clerk to confirm, and the server
//! function refuses them unconfirmed.

use shared::petition::CommandKind;

/// What taking `kind` means for the petitioner, shown above its confirmation; none for
/// the steps that can be corrected afterwards.
pub fn preview(kind: CommandKind) -> Option<&'static str> {
    Some(match kind {
        CommandKind::Forward => {
            "转送后由所选单位办理，本单位不能撤回。信访人将收到短信：“您的信访事项已转送（所选单位）办理。”"
        }
        CommandKind::Assign => {
            "交办后由所选单位办理，并须在交办期限内报告结果，本单位不能撤回。信访人将收到短信：“您的信访事项已转送（所选单位）办理。”"
        }
        CommandKind::NotAccept => {
            "信访人将收到不予受理告知：所选理由及其依据，以及上面的引导意见；本件办理程序随即结束。"
        }
        CommandKind::ApproveReply => {
            "发布后信访人即可看到上面的信访处理意见书全文，并收到答复通知；意见书不能再修改。"
        }
        CommandKind::Extend => {
            "延期只能一次。信访人将收到短信：“您的信访事项办理期限延长（天数）日至（新期限），理由：（所填理由）”。"
        }
        _ => return None,
    })
}

/// The refusal when a step that needs confirming came without it.
pub const UNCONFIRMED: &str = "请勾选“我已核对”：这一步不能撤回。";
