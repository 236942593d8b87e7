//! 节假日安排: an administrator enters a year's holidays and 调休 working days as soon as
//! the State Council publishes them. Every stored due date the change moves is recounted
//! in the same transaction, with a note on the petition's timeline; a year counts as
//! loaded only when all seven festivals are.

use chrono::Datelike;
use shared::admin::{CalendarYearRequest, CalendarYearView};
use shared::clock::Calendar;
use shared::ids::StaffId;

use super::{administrator, record_in};
use crate::calendar::CalendarCell;
use crate::db::{self, petitions::NewEvent};
use crate::error::{AppError, AppResult};
use crate::services::workflow::clocks::{self, Counting};
use crate::state::AppState;
use crate::time::now_ms;

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<CalendarYearView>> {
    administrator(state, staff).await?;
    let cal = state.calendar.get();
    let view = |year: i32, text: String| CalendarYearView {
        year,
        text,
        missing: cal.missing(year).into_iter().map(str::to_owned).collect(),
    };
    let mut years: Vec<CalendarYearView> = db::calendar::years(&state.db.pool)
        .await?
        .into_iter()
        .map(|(year, text)| view(year, text))
        .collect();
    // Next year is listed from the day it matters, loaded or not, so its gap shows.
    let next = crate::time::today().year() + 1;
    if !years.iter().any(|y| y.year == next) {
        years.push(view(next, String::new()));
    }
    Ok(years)
}

pub async fn put(
    state: &AppState,
    staff: StaffId,
    client: &str,
    year: i32,
    req: &CalendarYearRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let this_year = crate::time::today().year();
    if !(this_year - 1..=this_year + 2).contains(&year) {
        return Err(AppError::field(
            "year",
            format!("只能录入{}至{}年的安排", this_year - 1, this_year + 2),
        ));
    }
    if req.text.len() > 20_000 {
        return Err(AppError::field("text", "内容过长"));
    }
    let missing = CalendarCell::check(year, &req.text).map_err(|e| {
        let at = if e.line > 0 {
            format!("第{}行：", e.line)
        } else {
            String::new()
        };
        AppError::field("text", format!("{at}格式不正确（{}）", e.reason))
    })?;
    let calendar = state.calendar.with(&state.db.pool, year, &req.text).await?;
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    db::calendar::put(&mut tx, year, &req.text, now).await?;
    let moved = recount(state, &mut tx, &calendar, year, now).await?;
    let detail = format!(
        "year={year} complete={} recounted={moved}",
        missing.is_empty()
    );
    record_in(&mut tx, state, &actor, client, "calendar_put", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.calendar.set(calendar);
    Ok(())
}

/// Recounts every running clock with `calendar`, writing the due dates that moved and
/// telling each petition's timeline why. Returns how many petitions moved.
async fn recount(
    state: &AppState,
    tx: &mut db::Tx,
    calendar: &Calendar,
    year: i32,
    now: i64,
) -> AppResult<usize> {
    let count = Counting {
        calendar,
        rules: &state.settings.clocks,
    };
    let mut moved = 0;
    for row in db::petitions::with_running_clocks(tx).await? {
        let mut work = row.work.clone();
        count.refresh(&mut work);
        let mut changes = Vec::new();
        if work.due_on != row.work.due_on
            && let (Some(clock), Some(from), Some(to)) =
                (work.clock, &row.work.due_on, &work.due_on)
        {
            changes.push(format!("{}由{from}调整为{to}", clock.label()));
        }
        if work.notice_due != row.work.notice_due
            && let (Some(from), Some(to)) = (&row.work.notice_due, &work.notice_due)
        {
            changes.push(format!("{}由{from}调整为{to}", clocks::NOTICE_LABEL));
        }
        if changes.is_empty() {
            continue;
        }
        if !db::petitions::update_work(tx, row.id, row.version, &work, now).await? {
            return Err(AppError::Conflict(
                "有信访事项正在被办理，期限未能重新计算，请稍后再保存一次。".into(),
            ));
        }
        let detail = format!(
            "{year}年节假日安排已更新，期限依法重新计算：{}。",
            changes.join("；")
        );
        let event = NewEvent {
            petition_id: row.id,
            at: now,
            kind: "recounted",
            actor: "system",
            public: true,
            title: "期限调整",
            detail: Some(&detail),
        };
        db::petitions::insert_event(tx, event).await?;
        moved += 1;
    }
    Ok(moved)
}
