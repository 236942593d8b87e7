//! The facts the figures count, for the seeded petitions: the first acceptance decision and
//! the 答复记录 of those answered, so the rollups rebuilt at start have a realistic shape.

use chrono::{Duration, NaiveDate};
use server::state::AppState;

use crate::bulk::{Val, insert_rows};

/// The first acceptance decision of a matter past 待受理: a few days after it arrived, one
/// in seventeen after the fifteen-day period.
pub fn decided(id: i64, status: &str, filed: NaiveDate) -> Option<(NaiveDate, bool)> {
    let days = id % 17;
    (status != "submitted").then(|| (filed + Duration::days(days), days <= 15))
}

/// How that decision went: every matter past 待受理 went to a department, one in five as
/// 交办, the rest as 转送.
pub fn routed_as(id: i64) -> &'static str {
    if id % 5 == 0 { "assigned" } else { "forwarded" }
}

/// 答复记录 of the answered matters (id, answering unit, day filed): one in ten late, three
/// in four rated.
pub async fn answers(
    state: &AppState,
    answered: impl Iterator<Item = (i64, i64, NaiveDate)>,
) -> anyhow::Result<()> {
    let rows: Vec<Vec<Val>> = answered
        .map(|(id, unit, filed)| {
            let rating =
                ["satisfied", "basically_satisfied", "not_satisfied", ""][(id % 4) as usize];
            vec![
                Val::Int(id),
                Val::Int(unit),
                Val::Text((filed + Duration::days(20 + id % 40)).to_string()),
                Val::Int(i64::from(id % 10 != 0)),
                if rating.is_empty() {
                    Val::NullText
                } else {
                    Val::Text(rating.into())
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    insert_rows(
        state,
        "answers (petition_id, unit_id, answered_on, on_time, rating, round, decision)",
        &rows,
        "'first', 'support'",
    )
    .await
}
