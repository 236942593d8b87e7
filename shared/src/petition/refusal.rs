//! 不予受理与引导: the reasons a petition is not accepted or is diverted, each with the
//! article that allows it and the written notice the petitioner receives.

use serde::{Deserialize, Serialize};

/// Why a petition is not accepted; every reason names its legal basis.
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
pub enum NotAcceptReason {
    /// A lower body accepted it and is handling it within its time limit (art. 19 para 3).
    HandledBelow,
    /// Not for a petition body: goes to the organ or procedure with power (art. 22 para 2).
    OtherOrgan,
    /// 诉讼: belongs to a court (art. 28, art. 31 item 1).
    Litigation,
    /// 仲裁 (art. 31 item 2).
    Arbitration,
    /// 行政复议 (art. 31 item 3).
    Reconsideration,
    /// 党员申诉 and other Party procedures (art. 31 item 4).
    PartyAppeal,
    /// Other statutory procedures (art. 31 item 5).
    OtherProcedure,
    /// Same facts and reasons after a re-review (art. 36 para 3).
    FinalAfterReReview,
}

impl NotAcceptReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::HandledBelow => "下级机关正在法定期限内办理",
            Self::OtherOrgan => "应由其他机关依法处理",
            Self::Litigation => "应通过诉讼程序解决",
            Self::Arbitration => "应通过仲裁程序解决",
            Self::Reconsideration => "应通过行政复议程序解决",
            Self::PartyAppeal => "应通过党员申诉等程序解决",
            Self::OtherProcedure => "应通过其他法定程序解决",
            Self::FinalAfterReReview => "已经复核，同一事实和理由不再受理",
        }
    }

    /// The article and paragraph or item that allows the decision.
    pub fn basis(self) -> &'static str {
        match self {
            Self::HandledBelow => "《信访工作条例》第十九条第三款",
            Self::OtherOrgan => "《信访工作条例》第二十二条第二款",
            Self::Litigation => "《信访工作条例》第二十八条、第三十一条第（一）项",
            Self::Arbitration => "《信访工作条例》第三十一条第（二）项",
            Self::Reconsideration => "《信访工作条例》第三十一条第（三）项",
            Self::PartyAppeal => "《信访工作条例》第三十一条第（四）项",
            Self::OtherProcedure => "《信访工作条例》第三十一条第（五）项",
            Self::FinalAfterReReview => "《信访工作条例》第三十六条第三款",
        }
    }

    /// The written notice (书面告知) the petitioner sees, with the guidance of where to go.
    pub fn notice(self, guidance: &str) -> String {
        let guidance = guidance.trim();
        let mut s = format!(
            "经审查，您反映的事项{}，根据{}，不予受理。",
            self.label(),
            self.basis()
        );
        if !guidance.is_empty() {
            s.push_str(guidance);
            if !guidance.ends_with('。') {
                s.push('。');
            }
        }
        s
    }
}

crate::codes!(NotAcceptReason);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_names_an_article_and_round_trips() {
        for &r in NotAcceptReason::ALL {
            assert!(r.basis().starts_with("《信访工作条例》第"), "{r:?}");
            assert_eq!(NotAcceptReason::from_code(r.code()), Some(r));
        }
        let n = NotAcceptReason::Litigation.notice("请向有管辖权的人民法院提起诉讼");
        assert!(n.contains("第二十八条") && n.ends_with("提起诉讼。"));
    }
}
