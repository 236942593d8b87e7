//! Turning a posted case-page form back into a staff command (the same rules with and
//! without JavaScript).

use shared::petition::{Decision, NotAcceptReason, ReplyDraft, StaffCommand};
use shared::{ApiError, FieldError};

/// The fields a case-page form may carry; which ones count depends on `action`.
#[derive(Default)]
pub struct ActionFields {
    pub action: String,
    pub unit_id: Option<String>,
    pub due: Option<String>,
    pub reason: Option<String>,
    pub days: Option<String>,
    pub text: Option<String>,
    pub facts: Option<String>,
    pub reasons: Option<String>,
    pub decision: Option<String>,
    pub legal_basis: Option<String>,
    pub notice_id: Option<String>,
    pub staff_id: Option<String>,
    pub rating: Option<String>,
    pub review: Option<String>,
}

fn missing(field: &str, message: &str) -> ApiError {
    ApiError::validation(vec![FieldError::new(field, message)])
}

impl ActionFields {
    fn unit(&self) -> Result<shared::ids::UnitId, ApiError> {
        self.unit_id
            .as_deref()
            .and_then(|u| u.parse().ok())
            .map(shared::ids::UnitId)
            .ok_or_else(|| missing("unit_id", "请选择单位"))
    }

    fn string(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_default()
    }

    fn date(&self) -> Result<chrono::NaiveDate, ApiError> {
        self.due
            .as_deref()
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| missing("due", "请选择期限"))
    }

    fn days(&self) -> Result<u32, ApiError> {
        self.days
            .as_deref()
            .and_then(|d| d.trim().parse().ok())
            .ok_or_else(|| missing("days", "请填写天数"))
    }

    /// The command the form asks for, or what is missing from it.
    pub fn command(&self) -> Result<StaffCommand, ApiError> {
        let s = |v: &Option<String>| self.string(v);
        Ok(match self.action.as_str() {
            "accept_here" => StaffCommand::AcceptHere,
            "forward" => StaffCommand::Forward {
                unit_id: self.unit()?,
            },
            "assign" => StaffCommand::Assign {
                unit_id: self.unit()?,
                due: self.date()?,
            },
            "not_accept" => StaffCommand::NotAccept {
                reason: self
                    .reason
                    .as_deref()
                    .and_then(NotAcceptReason::from_code)
                    .ok_or_else(|| missing("reason", "请选择不予受理的理由"))?,
                guidance: s(&self.text),
            },
            "mark_group" => StaffCommand::MarkGroup,
            "link_repeat" => StaffCommand::LinkRepeat {
                earlier: s(&self.text),
            },
            "set_accused" => StaffCommand::SetAccused {
                unit_id: self.unit()?,
            },
            "no_accused_unit" => StaffCommand::NoAccusedUnit,
            "receive_accept" => StaffCommand::ReceiveAccept,
            "object" => StaffCommand::Object {
                reason: s(&self.text),
            },
            "uphold_objection" => StaffCommand::UpholdObjection {
                unit_id: self.unit()?,
            },
            "dismiss_objection" => StaffCommand::DismissObjection {
                reason: s(&self.text),
            },
            "add_note" => StaffCommand::AddNote {
                body: s(&self.text),
            },
            "record_hearing" => StaffCommand::RecordHearing {
                days: self.days()?,
                note: s(&self.text),
            },
            "submit_draft" => StaffCommand::SubmitDraft(ReplyDraft {
                facts: s(&self.facts),
                reasons: s(&self.reasons),
                decision: self
                    .decision
                    .as_deref()
                    .and_then(Decision::from_code)
                    .ok_or_else(|| missing("decision", "请选择处理意见"))?,
                legal_basis: s(&self.legal_basis),
            }),
            "return_draft" => StaffCommand::ReturnDraft {
                comment: s(&self.text),
            },
            "approve_reply" => StaffCommand::ApproveReply,
            "record_delivery" => StaffCommand::RecordDelivery {
                delivered_on: self.date()?,
            },
            "extend" => StaffCommand::Extend {
                days: self.days()?,
                reason: s(&self.text),
            },
            "supervise" => StaffCommand::Supervise {
                body: s(&self.text),
            },
            "follow_up" => StaffCommand::FollowUp {
                rating: match self.rating.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(code) => Some(
                        shared::petition::Rating::from_code(code)
                            .ok_or_else(|| missing("rating", "请选择评价"))?,
                    ),
                },
                comment: self.text.clone(),
                review_reason: self.review.clone(),
            },
            "assign_handler" => StaffCommand::AssignHandler {
                staff_id: self
                    .staff_id
                    .as_deref()
                    .and_then(|s| s.parse().ok())
                    .map(shared::ids::StaffId)
                    .ok_or_else(|| missing("staff_id", "请选择承办人"))?,
            },
            "recuse" => StaffCommand::Recuse {
                reason: s(&self.text),
            },
            _ => return Err(missing("action", "未知的操作")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posted_draft_and_a_posted_forward_become_their_commands() {
        let f = ActionFields {
            action: "submit_draft".into(),
            facts: Some("经查属实".into()),
            reasons: Some("理由".into()),
            decision: Some("support".into()),
            legal_basis: Some("依据".into()),
            ..ActionFields::default()
        };
        assert!(
            matches!(f.command(), Ok(StaffCommand::SubmitDraft(d)) if d.decision == Decision::Support)
        );
        let f = ActionFields {
            action: "forward".into(),
            ..ActionFields::default()
        };
        assert_eq!(f.command().unwrap_err().fields[0].field, "unit_id");
    }
}
