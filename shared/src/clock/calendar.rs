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

/// The working-day calendar. Years without loaded data fall back to plain weekends;
/// [`Calendar::covers`] tells whether a year's official arrangement is known.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    special: BTreeMap<NaiveDate, DayStatus>,
    years: BTreeSet<i32>,
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
                    "rest" => DayStatus::Holiday(name.clone()),
                    "work" if is_weekend(day) => DayStatus::MakeUpWorking(name.clone()),
                    "work" => return Err(err("a `work` day must be a Saturday or Sunday")),
                    _ => return Err(err("kind must be `rest` or `work`")),
                };
                self.special.insert(day, status);
                self.years.insert(day.year());
                day = day.succ_opt().expect("date in range");
            }
        }
        Ok(())
    }

    /// Whether the official arrangement for `year` is loaded.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
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
    fn refuses_a_working_weekday_and_a_bad_line() {
        let mut cal = Calendar::default();
        assert_eq!(cal.load("2026-10-09 work 周五").unwrap_err().line, 1);
        assert!(cal.load("\n2026-13-01 rest x").is_err());
    }
}
