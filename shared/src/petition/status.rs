//! Where a petition stands (its status and handling round), as stored and as shown.

use serde::{Deserialize, Serialize};

/// Where a petition stands. The legal moves between them are in [`super::workflow`].
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PetitionStatus {
    /// 待受理: filed, waiting for the bureau's decision within 15 days.
    Submitted,
    /// 已撤回: withdrawn by the petitioner before acceptance.
    Withdrawn,
    /// 不予受理: refused or diverted, with a written notice and its legal basis.
    NotAccepted,
    /// 已转送/交办: sent to a unit, which accepts it or objects within 5 working days.
    Forwarded,
    /// 异议待定: the receiving unit objected; the forwarding office decides.
    Objected,
    /// 办理中: accepted; the handling unit investigates and drafts the reply.
    Handling,
    /// 答复待审批: the handler's draft reply waits for the unit head.
    AwaitingApproval,
    /// 已答复: the reply is published; the petitioner may rate it and ask for a review.
    Replied,
    /// 已办结: closed, either satisfied or because no review was asked in time.
    Closed,
}

impl PetitionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Submitted => "待受理",
            Self::Withdrawn => "已撤回",
            Self::NotAccepted => "不予受理",
            Self::Forwarded => "已转送",
            Self::Objected => "异议待定",
            Self::Handling => "办理中",
            Self::AwaitingApproval => "答复审批中",
            Self::Replied => "已答复",
            Self::Closed => "已办结",
        }
    }

    /// No action can follow: the matter is over.
    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Withdrawn | Self::NotAccepted | Self::Closed)
    }
}

crate::codes!(PetitionStatus);

/// Which handling a petition is in: the first one, the review or the re-review.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Round {
    /// 办理: by the unit with power over the matter.
    First,
    /// 复查: by the body one level above the handler (art. 35).
    Review,
    /// 复核: by the body one level above the reviewer; final (art. 36).
    ReReview,
}

impl Round {
    pub fn label(self) -> &'static str {
        match self {
            Self::First => "办理",
            Self::Review => "复查",
            Self::ReReview => "复核",
        }
    }

    /// The round a dissatisfied petitioner can ask for next, if any.
    pub fn next(self) -> Option<Round> {
        match self {
            Self::First => Some(Self::Review),
            Self::Review => Some(Self::ReReview),
            Self::ReReview => None,
        }
    }
}

crate::codes!(Round);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &s in PetitionStatus::ALL {
            assert_eq!(PetitionStatus::from_code(s.code()), Some(s));
        }
        for &r in Round::ALL {
            assert_eq!(Round::from_code(r.code()), Some(r));
        }
    }
}
