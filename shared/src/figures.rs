//! 统计口径: the figures a petition bureau is measured by, each defined once from counted matters, with its formula and source.
//!
//! A figure is a ratio of two counters of a [`Tally`]: the counts of one unit (or place)
//! over one period. How a matter enters each counter is written on the counter; the
//! public 统计口径 page prints [`Figure::ALL`] from these same definitions, so what is
//! published and what is computed cannot drift apart.

use serde::{Deserialize, Serialize};

pub mod index;

/// The counts one unit (or place) gathers over one period, from which every figure is a
/// ratio. Counters are additive: the tally of a county is the sum of its units' tallies,
/// and a quarter's is the sum of its months'.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    /// 收件量: matters received in the period (filed online, or registered by a clerk on
    /// the day they arrived), counted once, by the unit that first received them.
    pub received: u64,
    /// Of those, filed online by the petitioner (网上信访).
    pub online: u64,
    /// Matters whose acceptance was decided in the period (受理, 不予受理, 转送 or 交办).
    pub decided: u64,
    /// Of those, decided within the acceptance period (15 days, 条例 art. 22-23).
    pub decided_in_time: u64,
    /// Matters answered in the period (the reply published or sent), first answers and
    /// reviews alike.
    pub answered: u64,
    /// Of those, answered within their handling period, an approved extension included
    /// (条例 art. 34-36).
    pub answered_on_time: u64,
    /// Answers of the period the petitioner rated (满意, 基本满意 or 不满意), online or at
    /// a 回访.
    pub rated: u64,
    /// Of those, rated 满意 or 基本满意.
    pub satisfied: u64,
    /// Matters received in the period that repeat an earlier matter of the same person on
    /// the same facts (重复信访), linked by a clerk.
    pub repeated: u64,
    /// First answers of the period to matters that were the petitioner's first on their
    /// facts (初信初访).
    pub first_answered: u64,
    /// Of those, not followed by a request for 复查 and not repeated since (一次性化解).
    pub first_resolved: u64,
    /// Requests for 复查 or 复核 received in the period, counted to the unit whose answer
    /// they challenge.
    pub reviews: u64,
    /// Review answers of the period.
    pub reviews_answered: u64,
    /// Of those, reaching another conclusion than the answer reviewed (撤销 or 变更: its
    /// 处理意见 differs, say 支持 for 不予支持).
    pub reviews_changed: u64,
    /// Matters received in the period that were forwarded, assigned or decided only after
    /// the acceptance period ran out (漏排). Matters still waiting past it show on the
    /// queue's 超期 count until they are decided, and are counted here then.
    pub unrouted: u64,
    /// Supervision notices (督办) issued in the period.
    pub supervised: u64,
    /// Of those, answered in writing by the unit supervised.
    pub supervision_answered: u64,
    /// 转送: matters whose first acceptance decision in the period sent them to the unit
    /// with power to handle them (条例 art. 21-22), counted at the unit that received them.
    pub forwarded: u64,
    /// 交办: likewise, but assigned with a deadline and a report of the result due to the
    /// assigning office (条例 art. 22).
    pub assigned: u64,
    /// 交由办理: matters the first acceptance decision of the period gave to the unit to
    /// handle (accepted by it, or forwarded or assigned to it), counted at that unit: the
    /// annual report's 反映集中的单位 (条例 art. 41).
    pub routed: u64,
    /// 人民建议 answered in the period as 采纳 or 部分采纳, once per matter, counted at the
    /// answering unit (条例 art. 41; 人民建议征集).
    pub adopted: u64,
}

impl Tally {
    /// The sum of two tallies: two units, or two months.
    pub fn add(&mut self, o: &Tally) {
        self.received += o.received;
        self.online += o.online;
        self.decided += o.decided;
        self.decided_in_time += o.decided_in_time;
        self.answered += o.answered;
        self.answered_on_time += o.answered_on_time;
        self.rated += o.rated;
        self.satisfied += o.satisfied;
        self.repeated += o.repeated;
        self.first_answered += o.first_answered;
        self.first_resolved += o.first_resolved;
        self.reviews += o.reviews;
        self.reviews_answered += o.reviews_answered;
        self.reviews_changed += o.reviews_changed;
        self.unrouted += o.unrouted;
        self.supervised += o.supervised;
        self.supervision_answered += o.supervision_answered;
        self.forwarded += o.forwarded;
        self.assigned += o.assigned;
        self.routed += o.routed;
        self.adopted += o.adopted;
    }
}

/// One figure of the monthly 通报 and the public statistics: a share of one counter in
/// another.
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
pub enum Figure {
    /// 及时受理率
    TimelyAcceptance,
    /// 按期办结率
    OnTimeAnswer,
    /// 参评率
    RatingShare,
    /// 满意率
    Satisfaction,
    /// 网访占比
    OnlineShare,
    /// 重复信访率
    RepeatShare,
    /// 初信初访一次性化解率
    FirstTimeResolution,
    /// 复查复核率
    ReviewShare,
    /// 复查复核改变率
    ReviewChanged,
    /// 漏排率
    Unrouted,
    /// 督办回复率
    SupervisionAnswered,
}

crate::codes!(Figure);

impl Figure {
    /// The figure's name as bureaus use it.
    pub fn name(self) -> &'static str {
        match self {
            Self::TimelyAcceptance => "及时受理率",
            Self::OnTimeAnswer => "按期办结率",
            Self::RatingShare => "参评率",
            Self::Satisfaction => "满意率",
            Self::OnlineShare => "网访占比",
            Self::RepeatShare => "重复信访率",
            Self::FirstTimeResolution => "初信初访一次性化解率",
            Self::ReviewShare => "复查复核率",
            Self::ReviewChanged => "复查复核改变率",
            Self::Unrouted => "漏排率",
            Self::SupervisionAnswered => "督办回复率",
        }
    }

    /// The formula in words, as the 统计口径 page prints it.
    pub fn formula(self) -> &'static str {
        match self {
            Self::TimelyAcceptance => {
                "在受理期限（15日）内作出受理、不予受理、转送或交办决定的件数 ÷ 本期作出上述决定的件数"
            }
            Self::OnTimeAnswer => {
                "在办理期限（含经批准的延期）内作出答复的件数 ÷ 本期作出答复的件数"
            }
            Self::RatingShare => "信访人作出评价（含回访代为记录）的答复件数 ÷ 本期答复件数",
            Self::Satisfaction => "评价为满意或基本满意的件数 ÷ 本期评价件数",
            Self::OnlineShare => "网上信访件数 ÷ 本期收件量（网上、来信、来访、电话等全部渠道）",
            Self::RepeatShare => "经登记关联为同一信访人就同一事实重复提出的件数 ÷ 本期收件量",
            Self::FirstTimeResolution => {
                "初信初访事项首次答复后未申请复查、未再重复信访的件数 ÷ 本期初信初访首次答复件数"
            }
            Self::ReviewShare => "本期收到的复查、复核申请件数 ÷ 本期答复件数",
            Self::ReviewChanged => {
                "复查、复核意见与原处理意见结论不同（撤销或变更）的件数 ÷ 本期复查、复核答复件数"
            }
            Self::Unrouted => "超过受理期限才转送、交办或作出受理决定的件数 ÷ 本期收件量",
            Self::SupervisionAnswered => "被督办单位书面回复的督办件数 ÷ 本期发出的督办件数",
        }
    }

    /// Where the figure and its clock come from: an article of 《信访工作条例》 or the
    /// evaluation practice of petition bureaus.
    pub fn source(self) -> &'static str {
        match self {
            Self::TimelyAcceptance => "《信访工作条例》第二十二条、第二十三条",
            Self::OnTimeAnswer => "《信访工作条例》第三十四条至第三十六条",
            Self::RatingShare | Self::Satisfaction => {
                "信访事项办理群众满意度评价（阳光信访考核通行口径）"
            }
            Self::OnlineShare => "阳光信访、网上信访工作考核通行口径",
            Self::RepeatShare | Self::FirstTimeResolution => "初信初访、重复信访治理工作通行口径",
            Self::ReviewShare | Self::ReviewChanged => "《信访工作条例》第三十五条、第三十六条",
            Self::Unrouted => "《信访工作条例》第三十八条（督查督办）及月度通报通行口径",
            Self::SupervisionAnswered => "《信访工作条例》第三十八条至第四十条",
        }
    }

    /// The two counters of `t` whose share this figure is.
    pub fn of(self, t: &Tally) -> Ratio {
        let (numerator, denominator) = match self {
            Self::TimelyAcceptance => (t.decided_in_time, t.decided),
            Self::OnTimeAnswer => (t.answered_on_time, t.answered),
            Self::RatingShare => (t.rated, t.answered),
            Self::Satisfaction => (t.satisfied, t.rated),
            Self::OnlineShare => (t.online, t.received),
            Self::RepeatShare => (t.repeated, t.received),
            Self::FirstTimeResolution => (t.first_resolved, t.first_answered),
            Self::ReviewShare => (t.reviews, t.answered),
            Self::ReviewChanged => (t.reviews_changed, t.reviews_answered),
            Self::Unrouted => (t.unrouted, t.received),
            Self::SupervisionAnswered => (t.supervision_answered, t.supervised),
        };
        Ratio {
            numerator,
            denominator,
        }
    }

    /// Whether a higher value is better: what a ranking sorts by and what a red flag
    /// watches.
    pub fn higher_is_better(self) -> bool {
        !matches!(
            self,
            Self::RepeatShare | Self::ReviewShare | Self::ReviewChanged | Self::Unrouted
        )
    }
}

/// A share: how many of how many. Kept as the two counts, so sums stay exact and the
/// page can say "12 / 15" beside the percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
}

impl Ratio {
    /// The share in tenths of a percent, rounded half up; none when nothing was counted
    /// (a unit with no answers has no 按期办结率, not one of 0 %).
    pub fn per_mille(self) -> Option<u64> {
        (self.denominator > 0).then(|| {
            (self.numerator.saturating_mul(1000) + self.denominator / 2) / self.denominator
        })
    }

    /// "93.3%", or "—" when nothing was counted. Integer arithmetic only: formatting floats
    /// would add kilobytes to the browser bundle.
    pub fn percent(self) -> String {
        match self.per_mille() {
            Some(m) => format!("{}.{}%", m / 10, m % 10),
            None => "—".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A month of a district bureau, counted by hand.
    fn month() -> Tally {
        Tally {
            received: 40,
            online: 26,
            decided: 38,
            decided_in_time: 36,
            answered: 30,
            answered_on_time: 27,
            rated: 24,
            satisfied: 20,
            repeated: 4,
            first_answered: 20,
            first_resolved: 17,
            reviews: 3,
            reviews_answered: 2,
            reviews_changed: 1,
            unrouted: 2,
            supervised: 5,
            supervision_answered: 4,
            forwarded: 22,
            assigned: 6,
            routed: 38,
            adopted: 1,
        }
    }

    #[test]
    fn each_figure_is_its_share_of_the_month() {
        let t = month();
        let expect = [
            (Figure::TimelyAcceptance, "94.7%"),
            (Figure::OnTimeAnswer, "90.0%"),
            (Figure::RatingShare, "80.0%"),
            (Figure::Satisfaction, "83.3%"),
            (Figure::OnlineShare, "65.0%"),
            (Figure::RepeatShare, "10.0%"),
            (Figure::FirstTimeResolution, "85.0%"),
            (Figure::ReviewShare, "10.0%"),
            (Figure::ReviewChanged, "50.0%"),
            (Figure::Unrouted, "5.0%"),
            (Figure::SupervisionAnswered, "80.0%"),
        ];
        assert_eq!(expect.len(), Figure::ALL.len(), "every figure checked");
        for (figure, percent) in expect {
            assert_eq!(figure.of(&t).percent(), percent, "{}", figure.name());
        }
    }

    #[test]
    fn nothing_counted_is_no_figure_not_zero() {
        let t = Tally::default();
        for f in Figure::ALL {
            assert_eq!(f.of(&t).per_mille(), None);
            assert_eq!(f.of(&t).percent(), "—");
        }
        let none_satisfied = Tally {
            rated: 3,
            ..Tally::default()
        };
        assert_eq!(Figure::Satisfaction.of(&none_satisfied).percent(), "0.0%");
    }

    #[test]
    fn shares_round_half_up_to_a_tenth_and_sums_stay_exact() {
        let third = Ratio {
            numerator: 1,
            denominator: 3,
        };
        assert_eq!(third.percent(), "33.3%");
        let two_thirds = Ratio {
            numerator: 2,
            denominator: 3,
        };
        assert_eq!(two_thirds.percent(), "66.7%");
        assert_eq!(
            Ratio {
                numerator: 1,
                denominator: 2000
            }
            .percent(),
            "0.1%"
        );
        // Two months summed give the figure of the counts, not the mean of the figures.
        let mut both = month();
        both.add(&Tally {
            answered: 10,
            answered_on_time: 1,
            ..Tally::default()
        });
        assert_eq!(Figure::OnTimeAnswer.of(&both).percent(), "70.0%");
    }

    #[test]
    fn a_sum_adds_every_counter() {
        let mut year = month();
        year.add(&month());
        assert_eq!(
            (year.received, year.supervision_answered),
            (80, 8),
            "the first and the monthly counters"
        );
        assert_eq!(
            (year.forwarded, year.assigned, year.routed, year.adopted),
            (44, 12, 76, 2),
            "the annual report's counters"
        );
    }

    #[test]
    fn every_figure_is_written_out_for_the_public() {
        for f in Figure::ALL {
            assert!(!f.name().is_empty() && f.formula().contains('÷') && !f.source().is_empty());
        }
        assert!(!Figure::Unrouted.higher_is_better());
        assert!(Figure::Satisfaction.higher_is_better());
    }
}
