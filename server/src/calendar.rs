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

    /// Checks a year's text: it must parse and describe `year` and no other. Returns the
    /// festivals it leaves out: a partial notice is kept, but the year is not yet loaded.
    pub fn check(year: i32, text: &str) -> Result<Vec<&'static str>, CalendarError> {
        let mut probe = Calendar::default();
        probe.load(text)?;
        if probe.years().next().is_none() || probe.years().any(|y| y != year) {
            return Err(CalendarError {
                line: 0,
                reason: format!("the text must describe {year} and no other year"),
            });
        }
        Ok(probe.missing(year))
    }

    /// The calendar as it will be once `year` reads `text`: the base, the stored years,
    /// and the new text in place of the stored one.
    pub async fn with(
        &self,
        pool: &sqlx::AnyPool,
        year: i32,
        text: &str,
    ) -> anyhow::Result<Calendar> {
        let mut stored = db::calendar::years(pool).await?;
        stored.retain(|(y, _)| *y != year);
        stored.push((year, text.to_owned()));
        Ok(self.assemble(stored))
    }

    /// Makes `cal` the calendar in force.
    pub fn set(&self, cal: Calendar) {
        match self.current.write() {
            Ok(mut c) => *c = Arc::new(cal),
            Err(p) => *p.into_inner() = Arc::new(cal),
        }
    }

    fn assemble(&self, stored: Vec<(i32, String)>) -> Calendar {
        let mut cal = self.base.clone();
        for (year, body) in stored {
            if let Err(e) = cal.load(&body) {
                tracing::warn!(year, error = %e, "a stored calendar year does not parse; skipped");
            }
        }
        cal
    }

    /// Rebuilds from the base and the years stored in the database.
    pub async fn reload(&self, pool: &sqlx::AnyPool) -> anyhow::Result<()> {
        let stored = db::calendar::years(pool).await?;
        self.set(self.assemble(stored));
        Ok(())
    }
}
