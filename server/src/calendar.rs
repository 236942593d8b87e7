//! The holiday calendar in force: the shipped years, the configured files, and the years
//! an administrator entered, reloaded from the database so every instance agrees.

use std::sync::{Arc, RwLock};

use shared::clock::{Calendar, CalendarError};

use crate::db;

pub struct CalendarCell {
    /// Shipped and configured years; fixed for the life of the process.
    base: Calendar,
    current: RwLock<Arc<Calendar>>,
}

impl CalendarCell {
    pub fn new(base: Calendar) -> Self {
        Self {
            current: RwLock::new(Arc::new(base.clone())),
            base,
        }
    }

    /// The calendar to count with now.
    pub fn get(&self) -> Arc<Calendar> {
        self.current
            .read()
            .map_or_else(|p| p.into_inner().clone(), |c| c.clone())
    }

    /// Checks a year's text: it must parse and cover only `year`.
    pub fn check(year: i32, text: &str) -> Result<(), CalendarError> {
        let mut probe = Calendar::default();
        probe.load(text)?;
        if !probe.covers(year) || (1900..2200).any(|y| y != year && probe.covers(y)) {
            return Err(CalendarError {
                line: 0,
                reason: format!("the text must describe {year} and no other year"),
            });
        }
        Ok(())
    }

    /// Rebuilds from the base and the years stored in the database.
    pub async fn reload(&self, pool: &sqlx::AnyPool) -> anyhow::Result<()> {
        let mut cal = self.base.clone();
        for (year, body) in db::calendar::years(pool).await? {
            if let Err(e) = cal.load(&body) {
                tracing::warn!(year, error = %e, "a stored calendar year does not parse; skipped");
            }
        }
        match self.current.write() {
            Ok(mut c) => *c = Arc::new(cal),
            Err(p) => *p.into_inner() = Arc::new(cal),
        }
        Ok(())
    }
}
