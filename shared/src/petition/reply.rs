//! 信访处理意见书 (art. 32): the written reply, its decision, and the petitioner's rating.

use serde::{Deserialize, Serialize};

use super::kind::PetitionKind;
use crate::error::{ApiError, Problems};
use crate::text_type;

text_type!(
    /// 查明事实: the facts the handler established.
    ReplyFacts, 10, 5000, multiline = true
);
text_type!(
    /// 理由: why the decision follows from the facts.
    ReplyReasons, 10, 5000, multiline = true
);
text_type!(
    /// 依据: the laws, regulations or policies applied.
    LegalBasis, 2, 1000, multiline = true
);
text_type!(
    /// A short written reason: an objection, an extension, a returned draft, a note.
    Reason, 2, 2000, multiline = true
);

/// 处理意见: the decision of a reply. Suggestions get the adoption scale (art. 29, 32).
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
pub enum Decision {
    /// 支持
    Support,
    /// 解释说明: reasonable but without a legal basis; explained.
    Explain,
    /// 不予支持
    Reject,
    /// 采纳
    Adopted,
    /// 部分采纳
    PartlyAdopted,
    /// 未采纳
    NotAdopted,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Self::Support => "支持",
            Self::Explain => "解释说明",
            Self::Reject => "不予支持",
            Self::Adopted => "采纳",
            Self::PartlyAdopted => "部分采纳",
            Self::NotAdopted => "未采纳",
        }
    }

    /// The decisions open to a reply on a petition of `kind`.
    pub fn for_kind(kind: PetitionKind) -> &'static [Decision] {
        match kind {
            PetitionKind::Suggestion => &[Self::Adopted, Self::PartlyAdopted, Self::NotAdopted],
            _ => &[Self::Support, Self::Explain, Self::Reject],
        }
    }
}

crate::codes!(Decision);

/// 评价: the scale of the national and 12345 systems.
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
pub enum Rating {
    /// 满意
    Satisfied,
    /// 基本满意
    BasicallySatisfied,
    /// 不满意
    NotSatisfied,
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Self::Satisfied => "满意",
            Self::BasicallySatisfied => "基本满意",
            Self::NotSatisfied => "不满意",
        }
    }

    /// 满意率 counts both of these.
    pub fn is_satisfied(self) -> bool {
        !matches!(self, Self::NotSatisfied)
    }
}

crate::codes!(Rating);

/// A draft 信访处理意见书 as the handler writes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyDraft {
    /// 查明事实
    pub facts: String,
    /// 理由
    pub reasons: String,
    pub decision: Decision,
    /// 依据
    pub legal_basis: String,
}

impl ReplyDraft {
    /// Checks every field; the decision must fit the petition's kind.
    pub fn validate(&self, kind: PetitionKind) -> Result<(), ApiError> {
        let mut p = Problems::default();
        p.check("facts", ReplyFacts::parse(&self.facts));
        p.check("reasons", ReplyReasons::parse(&self.reasons));
        p.check("legal_basis", LegalBasis::parse(&self.legal_basis));
        if !Decision::for_kind(kind).contains(&self.decision) {
            let allowed: Vec<_> = Decision::for_kind(kind).iter().map(|d| d.label()).collect();
            p.push(
                "decision",
                format!(
                    "{}类事项的处理意见应为：{}",
                    kind.label(),
                    allowed.join("、")
                ),
            );
        }
        p.finish()
    }
}

/// 评价: what the petitioner sends.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateRequest {
    pub rating: Rating,
    #[serde(default)]
    pub comment: Option<String>,
}

/// 申请复查/复核: why the petitioner disagrees with the reply.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    pub reason: String,
}

text_type!(
    /// 评价意见: the petitioner's comment on a reply.
    RatingComment, 1, 500, multiline = true
);

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(decision: Decision) -> ReplyDraft {
        ReplyDraft {
            facts: "经调查，该路段夜间施工噪音属实。".into(),
            reasons: "施工单位未取得夜间施工许可。".into(),
            decision,
            legal_basis: "《中华人民共和国噪声污染防治法》第四十三条".into(),
        }
    }

    #[test]
    fn a_suggestion_is_adopted_or_not_and_an_appeal_is_supported_or_not() {
        assert!(
            draft(Decision::Support)
                .validate(PetitionKind::Appeal)
                .is_ok()
        );
        let err = draft(Decision::Support)
            .validate(PetitionKind::Suggestion)
            .unwrap_err();
        assert_eq!(err.fields[0].field, "decision");
        assert!(err.fields[0].message.contains("采纳、部分采纳、未采纳"));
        assert!(
            draft(Decision::PartlyAdopted)
                .validate(PetitionKind::Suggestion)
                .is_ok()
        );
    }

    #[test]
    fn codes_round_trip() {
        for &d in Decision::ALL {
            assert_eq!(Decision::from_code(d.code()), Some(d));
        }
        for &r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
    }
}
