//! 工作日历: weekends, public holidays and 调休 working weekends, loaded from data files per year.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

/// Whether a day is worked, and why not when it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayStatus {
    Working,
    /// A working Saturday or Sunday (调休上班), with the holiday it makes up for.
    MakeUpWorking(String),
    Weekend,
    /// A public holiday (or a weekday off by 调休), with its name.
    Holiday(String),
}

impl DayStatus {
    pub fn is_rest(&self) -> bool {
        matches!(self, DayStatus::Weekend | DayStatus::Holiday(_))
    }
}

/// The seven public holidays of 《全国年节及纪念日放假办法》 that every year's notice of the
/// State Council arranges. A year counts as loaded only when all seven are.
pub const FESTIVALS: [&str; 7] = [
    "元旦",
    "春节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
];

/// The working-day calendar. Years without loaded data fall back to plain weekends;
/// [`Calendar::covers`] tells whether a year's official arrangement is known in full.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    special: BTreeMap<NaiveDate, DayStatus>,
    /// The festivals whose rest days are loaded, per year.
    festivals: BTreeMap<i32, BTreeSet<&'static str>>,
    /// Years with any line loaded, complete or not.
    touched: BTreeSet<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar line {line}: {reason}")]
pub struct CalendarError {
    pub line: usize,
    pub reason: String,
}

impl Calendar {
    /// The official national arrangements shipped with the portal (2025 and 2026).
    pub fn official() -> Self {
        let mut cal = Calendar::default();
        for text in [
            include_str!("../../calendar/cn-2025.txt"),
            include_str!("../../calendar/cn-2026.txt"),
        ] {
            cal.load(text)
                .expect("the shipped calendar files are valid");
        }
        cal
    }

    /// Adds one year's (or several years') arrangement in the data-file format.
    pub fn load(&mut self, text: &str) -> Result<(), CalendarError> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason: &str| CalendarError {
                line: i + 1,
                reason: reason.to_owned(),
            };
            let mut parts = line.splitn(3, char::is_whitespace);
            let (dates, kind, name) = match (parts.next(), parts.next(), parts.next()) {
                (Some(d), Some(k), Some(n)) => (d, k, n.trim().to_owned()),
                _ => return Err(err("expected `<date or range> rest|work <name>`")),
            };
            let (from, to) = match dates.split_once("..") {
                Some((a, b)) => (a, b),
                None => (dates, dates),
            };
            let parse =
                |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| err("bad date"));
            let (from, to) = (parse(from)?, parse(to)?);
            if to < from || (to - from).num_days() > 31 {
                return Err(err("range is reversed or longer than a month"));
            }
            let mut day = from;
            while day <= to {
                let status = match kind {
                    "rest" => {
                        // "国庆节、中秋节" arranges both festivals.
                        let seen = self.festivals.entry(day.year()).or_default();
                        seen.extend(FESTIVALS.iter().filter(|f| name.contains(**f)));
                        DayStatus::Holiday(name.clone())
                    }
                    "work" if is_weekend(day) => DayStatus::MakeUpWorking(name.clone()),
                    "work" => return Err(err("a `work` day must be a Saturday or Sunday")),
                    _ => return Err(err("kind must be `rest` or `work`")),
                };
                self.special.insert(day, status);
                self.touched.insert(day.year());
                day = day.succ_opt().expect("date in range");
            }
        }
        Ok(())
    }

    /// Whether the official arrangement for `year` is loaded: the rest days of all seven
    /// festivals. A partial notice counts its days but leaves the year not loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.missing(year).is_empty()
    }

    /// The festivals of `year` whose rest days are not loaded.
    pub fn missing(&self, year: i32) -> Vec<&'static str> {
        let seen = self.festivals.get(&year);
        FESTIVALS
            .into_iter()
            .filter(|f| seen.is_none_or(|s| !s.contains(f)))
            .collect()
    }

    /// The years this calendar has any line for, complete or not.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.touched.iter().copied()
    }

    pub fn status(&self, day: NaiveDate) -> DayStatus {
        match self.special.get(&day) {
            Some(s) => s.clone(),
            None if is_weekend(day) => DayStatus::Weekend,
            None => DayStatus::Working,
        }
    }

    pub fn is_rest_day(&self, day: NaiveDate) -> bool {
        self.status(day).is_rest()
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn knows_holidays_and_make_up_working_days_of_2026() {
        let cal = Calendar::official();
        assert_eq!(
            cal.status(d(2026, 10, 3)),
            DayStatus::Holiday("国庆节".into())
        );
        assert_eq!(
            cal.status(d(2026, 10, 10)),
            DayStatus::MakeUpWorking("国庆节调休上班".into())
        );
        assert!(
            !cal.is_rest_day(d(2026, 2, 14)),
            "Saturday 2026-02-14 is a 调休 working day"
        );
        assert!(
            cal.is_rest_day(d(2026, 2, 23)),
            "Monday 2026-02-23 is still 春节"
        );
        assert_eq!(cal.status(d(2026, 11, 21)), DayStatus::Weekend);
        assert!(cal.covers(2025) && cal.covers(2026) && !cal.covers(2027));
    }

    #[test]
    fn a_year_is_loaded_only_with_all_seven_festivals() {
        let mut cal = Calendar::default();
        cal.load("2027-01-01 rest 元旦\n2027-02-06..2027-02-12 rest 春节")
            .unwrap();
        assert!(!cal.covers(2027), "two festivals of seven");
        assert_eq!(
            cal.missing(2027),
            ["清明节", "劳动节", "端午节", "中秋节", "国庆节"]
        );
        assert!(cal.is_rest_day(d(2027, 2, 8)), "the loaded days count");
        cal.load("2027-04-05 rest 清明节\n2027-05-01..2027-05-05 rest 劳动节\n2027-06-09 rest 端午节\n2027-10-01..2027-10-07 rest 国庆节、中秋节")
            .unwrap();
        assert!(cal.covers(2027), "a combined name arranges both festivals");
        assert_eq!(cal.years().collect::<Vec<_>>(), [2027]);
    }

    #[test]
    fn refuses_a_working_weekday_and_a_bad_line() {
        let mut cal = Calendar::default();
        assert_eq!(cal.load("2026-10-09 work 周五").unwrap_err().line, 1);
        assert!(cal.load("\n2026-13-01 rest x").is_err());
    }
}
