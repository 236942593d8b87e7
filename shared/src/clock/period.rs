//! 期间计算: how a legal period is counted (民法典 art. 200-204) and the clocks of the regulation.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DayStatus};

/// Whether a period counts every day or only working days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 自然日
    Calendar,
    /// 工作日
    Working,
}

/// A period length and how its days are counted. Provinces differ, so this is configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRule {
    pub days: u32,
    pub kind: DayKind,
}

/// The statutory clocks a petition runs on.
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
pub enum Clock {
    /// 受理告知: 15 days from registration to forwarding, assigning or telling the petitioner
    /// whether the matter is accepted (条例 art. 22, 23).
    Acceptance,
    /// 异议: 5 working days for a receiving unit to object to a forwarded matter (art. 23).
    Objection,
    /// 办理: 60 days from acceptance to the written reply, plus one extension of at most
    /// 30 days and any hearing time (art. 34).
    Handling,
    /// 复查申请: 30 days from the reply for the petitioner to ask for a review (art. 35).
    ReviewRequest,
    /// 复查: 30 days for the body one level up to answer a review request (art. 35).
    Review,
    /// 复核申请: 30 days from the review answer to ask for a re-review (art. 36).
    ReReviewRequest,
    /// 复核: 30 days for the body one more level up to answer, hearing time excluded (art. 36).
    ReReview,
    /// 督办答复: how long a supervised unit has to answer a supervision notice in writing
    /// (art. 38-40 leave it to the supervising office).
    Supervision,
}

impl Clock {
    /// The name shown on the petitioner's timeline.
    pub fn label(self) -> &'static str {
        match self {
            Clock::Acceptance => "受理告知期限",
            Clock::Objection => "异议期限",
            Clock::Handling => "办理期限",
            Clock::ReviewRequest => "复查申请期限",
            Clock::Review => "复查期限",
            Clock::ReReviewRequest => "复核申请期限",
            Clock::ReReview => "复核期限",
            Clock::Supervision => "督办答复期限",
        }
    }

    /// The legal basis shown beside the due date.
    pub fn basis(self) -> &'static str {
        match self {
            Clock::Acceptance => "《信访工作条例》第二十二条、第二十三条",
            Clock::Objection => "《信访工作条例》第二十三条",
            Clock::Handling => "《信访工作条例》第三十四条",
            Clock::ReviewRequest | Clock::Review => "《信访工作条例》第三十五条",
            Clock::ReReviewRequest | Clock::ReReview => "《信访工作条例》第三十六条",
            Clock::Supervision => "《信访工作条例》第三十八条",
        }
    }
}

crate::codes!(Clock);

/// A rule lengthened by `extra` days of its own kind: an approved extension, or hearing
/// time that the regulation leaves out of the period (art. 34, 36).
pub fn lengthened(rule: ClockRule, extra: u32) -> ClockRule {
    ClockRule {
        days: rule.days + extra,
        kind: rule.kind,
    }
}

/// A computed due date, with what is needed to explain it to a citizen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deadline {
    /// The date of the event that starts the clock; counting starts the next day.
    pub start: NaiveDate,
    pub days: u32,
    pub kind: DayKind,
    /// The last day by plain counting, before any shift.
    pub plain_end: NaiveDate,
    /// The last day of the period: ends at 24:00 of this day.
    pub due: NaiveDate,
    /// Why `due` differs from `plain_end` (the rest day the plain end fell on).
    pub shifted_because: Option<String>,
    /// The years of the period whose holiday arrangement is not loaded (in full): only
    /// weekends and the days already known were counted as rest days there.
    pub unloaded_years: Vec<i32>,
}

impl Deadline {
    /// One sentence in Chinese saying how the due date was reached.
    pub fn explain(&self) -> String {
        let unit = match self.kind {
            DayKind::Calendar => "日",
            DayKind::Working => "个工作日",
        };
        let mut s = format!("自{}的次日起算{}{}", self.start, self.days, unit);
        match &self.shifted_because {
            Some(reason) => s.push_str(&format!(
                "，第{}日为{}（{}），依法顺延至其后第一个工作日{}（《民法典》第二百零三条）",
                self.days, self.plain_end, reason, self.due
            )),
            None => s.push_str(&format!("，截止于{}", self.due)),
        }
        s.push('。');
        s
    }

    /// Whether every year of the period has its holiday arrangement loaded.
    pub fn calendar_complete(&self) -> bool {
        self.unloaded_years.is_empty()
    }

    /// The warning a due date counted without a year's arrangement carries: it may move
    /// once the State Council's notice is loaded.
    pub fn warning(&self) -> Option<String> {
        let years: Vec<String> = self
            .unloaded_years
            .iter()
            .map(|y| format!("{y}年"))
            .collect();
        (!years.is_empty()).then(|| {
            format!(
                "{}的节假日安排尚未载入，此日期暂按周末计算，载入后可能调整。",
                years.join("、")
            )
        })
    }
}

/// Computes the end of a period of `rule` that starts with an event on `start`.
///
/// The start day is not counted (民法典 art. 201). For calendar days, a last day that
/// falls on a rest day moves to the next working day (art. 203); a 调休 working
/// weekend day is a working day. A period of working days always ends on one.
pub fn due_date(calendar: &Calendar, start: NaiveDate, rule: ClockRule) -> Deadline {
    let next = |d: NaiveDate| d.checked_add_days(Days::new(1)).expect("date in range");
    let (plain_end, due, shifted_because) = match rule.kind {
        DayKind::Calendar => {
            let plain_end = start
                .checked_add_days(Days::new(rule.days.into()))
                .expect("date in range");
            let reason = match calendar.status(plain_end) {
                DayStatus::Holiday(name) => Some(name),
                DayStatus::Weekend => Some("周末".to_owned()),
                _ => None,
            };
            let mut due = plain_end;
            while calendar.is_rest_day(due) {
                due = next(due);
            }
            (plain_end, due, reason)
        }
        DayKind::Working => {
            let mut day = start;
            let mut counted = 0;
            while counted < rule.days {
                day = next(day);
                if !calendar.is_rest_day(day) {
                    counted += 1;
                }
            }
            (day, day, None)
        }
    };
    let unloaded_years = (start.year()..=due.year())
        .filter(|y| !calendar.covers(*y))
        .collect();
    Deadline {
        start,
        days: rule.days,
        kind: rule.kind,
        plain_end,
        due,
        shifted_because,
        unloaded_years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const FIFTEEN: ClockRule = ClockRule {
        days: 15,
        kind: DayKind::Calendar,
    };
    const FIVE_WORKING: ClockRule = ClockRule {
        days: 5,
        kind: DayKind::Working,
    };

    #[test]
    fn the_national_day_example_of_the_domain_brief() {
        let dl = due_date(&Calendar::official(), d(2026, 9, 18), FIFTEEN);
        assert_eq!(dl.plain_end, d(2026, 10, 3));
        assert_eq!(dl.due, d(2026, 10, 8));
        assert_eq!(dl.shifted_because.as_deref(), Some("国庆节"));
        assert!(dl.explain().contains("顺延至其后第一个工作日2026-10-08"));
    }

    #[test]
    fn a_plain_end_on_a_make_up_working_saturday_does_not_move() {
        // 2026-10-10 is a Saturday worked in exchange for the National Day holiday.
        let dl = due_date(&Calendar::official(), d(2026, 9, 25), FIFTEEN);
        assert_eq!(dl.plain_end, d(2026, 10, 10));
        assert_eq!(dl.due, d(2026, 10, 10));
        assert_eq!(dl.shifted_because, None);
    }

    #[test]
    fn a_plain_end_on_an_ordinary_sunday_moves_to_monday() {
        let dl = due_date(&Calendar::official(), d(2026, 11, 7), FIFTEEN);
        assert_eq!(dl.plain_end, d(2026, 11, 22));
        assert_eq!(dl.due, d(2026, 11, 23));
        assert_eq!(dl.shifted_because.as_deref(), Some("周末"));
    }

    #[test]
    fn working_days_skip_the_spring_festival_and_count_make_up_days() {
        // Friday 2026-02-13: Sat 14 is worked (1), then 15-23 are 春节, then 24, 25, 26, 27.
        let dl = due_date(&Calendar::official(), d(2026, 2, 13), FIVE_WORKING);
        assert_eq!(dl.due, d(2026, 2, 27));
    }

    #[test]
    fn a_handling_period_runs_across_a_month_end_and_its_extension_adds_to_it() {
        let sixty = ClockRule {
            days: 60,
            kind: DayKind::Calendar,
        };
        // Accepted 2026-01-30: day 60 is Tuesday 2026-03-31, a working day.
        let plain = due_date(&Calendar::official(), d(2026, 1, 30), sixty);
        assert_eq!(plain.due, d(2026, 3, 31));
        // Thirty more days: day 90 is Thursday 2026-04-30, the eve of 劳动节.
        let extended = due_date(&Calendar::official(), d(2026, 1, 30), lengthened(sixty, 30));
        assert_eq!(extended.due, d(2026, 4, 30));
        // One more day of hearing lands on 2026-05-01, a holiday: moved to Wed 05-06.
        let heard = due_date(&Calendar::official(), d(2026, 1, 30), lengthened(sixty, 31));
        assert_eq!(heard.due, d(2026, 5, 6));
        assert_eq!(heard.shifted_because.as_deref(), Some("劳动节"));
    }

    #[test]
    fn a_period_crossing_into_an_unloaded_year_says_so() {
        let dl = due_date(&Calendar::official(), d(2026, 12, 25), FIFTEEN);
        assert!(!dl.calendar_complete());
        assert_eq!(dl.unloaded_years, [2027]);
        assert_eq!(
            dl.warning().as_deref(),
            Some("2027年的节假日安排尚未载入，此日期暂按周末计算，载入后可能调整。")
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..730).prop_map(|n| d(2025, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn a_calendar_day_period_ends_on_the_first_working_day_at_or_after_the_plain_end(
            start in any_date(), days in 1u32..90
        ) {
            let cal = Calendar::official();
            let dl = due_date(&cal, start, ClockRule { days, kind: DayKind::Calendar });
            prop_assert_eq!((dl.plain_end - start).num_days(), i64::from(days));
            prop_assert!(dl.due >= dl.plain_end);
            prop_assert!(!cal.is_rest_day(dl.due));
            let mut day = dl.plain_end;
            while day < dl.due {
                prop_assert!(cal.is_rest_day(day), "skipped a working day {}", day);
                day = day.succ_opt().unwrap();
            }
            prop_assert_eq!(dl.shifted_because.is_some(), dl.due != dl.plain_end);
        }

        #[test]
        fn a_working_day_period_contains_exactly_that_many_working_days(
            start in any_date(), days in 1u32..40
        ) {
            let cal = Calendar::official();
            let dl = due_date(&cal, start, ClockRule { days, kind: DayKind::Working });
            let mut count = 0;
            let mut day = start.succ_opt().unwrap();
            while day <= dl.due {
                if !cal.is_rest_day(day) { count += 1; }
                day = day.succ_opt().unwrap();
            }
            prop_assert_eq!(count, days);
            prop_assert!(!cal.is_rest_day(dl.due));
        }

        #[test]
        fn a_later_event_never_has_an_earlier_due_date(a in any_date(), b in any_date(), days in 1u32..60) {
            let cal = Calendar::official();
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            for kind in [DayKind::Calendar, DayKind::Working] {
                let rule = ClockRule { days, kind };
                prop_assert!(due_date(&cal, a, rule).due <= due_date(&cal, b, rule).due);
            }
        }
    }
}
