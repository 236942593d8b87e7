//! The petition's lifecycle: each status knows which actions are legal next.

use serde::{Deserialize, Serialize};

/// Where a petition stands. Staff statuses join as the handling workflow is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PetitionStatus {
    /// 待受理: filed, waiting for the bureau's decision within 15 days.
    Submitted,
    /// 已撤回: withdrawn by the petitioner before acceptance.
    Withdrawn,
}

/// What a petitioner can do to their own petition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitizenAction {
    /// 补充材料
    AddMaterial,
    /// 撤回
    Withdraw,
}

/// An action that the petition's status does not allow, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct IllegalTransition(pub &'static str);

impl PetitionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Submitted => "待受理",
            Self::Withdrawn => "已撤回",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Submitted, Self::Withdrawn]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// The status after `action`, or why it is not allowed now.
    pub fn apply(self, action: CitizenAction) -> Result<Self, IllegalTransition> {
        match (self, action) {
            (Self::Submitted, CitizenAction::Withdraw) => Ok(Self::Withdrawn),
            (Self::Submitted, CitizenAction::AddMaterial) => Ok(Self::Submitted),
            (Self::Withdrawn, _) => Err(IllegalTransition("该信访事项已撤回，不能再进行此操作。")),
        }
    }

    /// Whether `action` is allowed now (for showing or hiding buttons).
    pub fn allows(self, action: CitizenAction) -> bool {
        self.apply(action).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = CitizenAction> {
        prop_oneof![
            Just(CitizenAction::AddMaterial),
            Just(CitizenAction::Withdraw)
        ]
    }

    proptest! {
        #[test]
        fn a_withdrawn_petition_stays_withdrawn_whatever_follows(actions in proptest::collection::vec(action(), 0..20)) {
            let mut status = PetitionStatus::Submitted;
            let mut withdrawn = false;
            for a in actions {
                match status.apply(a) {
                    Ok(next) => status = next,
                    Err(_) => prop_assert!(withdrawn, "only a withdrawn petition refuses actions"),
                }
                withdrawn |= a == CitizenAction::Withdraw;
                prop_assert_eq!(status == PetitionStatus::Withdrawn, withdrawn);
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in [PetitionStatus::Submitted, PetitionStatus::Withdrawn] {
            assert_eq!(PetitionStatus::from_code(s.code()), Some(s));
        }
    }
}
