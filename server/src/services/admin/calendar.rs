//! 节假日安排: an administrator enters a year's holidays and 调休 working days as soon as
//! the State Council publishes them; every clock counts with them from then on.

use chrono::Datelike;
use shared::admin::{CalendarYearRequest, CalendarYearView};
use shared::ids::StaffId;

use super::{administrator, record};
use crate::calendar::CalendarCell;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<CalendarYearView>> {
    administrator(state, staff).await?;
    Ok(db::calendar::years(&state.db.pool)
        .await?
        .into_iter()
        .map(|(year, text)| CalendarYearView { year, text })
        .collect())
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
    CalendarCell::check(year, &req.text).map_err(|e| {
        let at = if e.line > 0 {
            format!("第{}行：", e.line)
        } else {
            String::new()
        };
        AppError::field("text", format!("{at}格式不正确（{}）", e.reason))
    })?;
    db::calendar::put(&state.db.writer, year, &req.text, crate::time::now_ms()).await?;
    state.calendar.reload(&state.db.pool).await?;
    record(
        state,
        &actor,
        client,
        "calendar_put",
        format!("year={year}"),
    )
    .await
}
