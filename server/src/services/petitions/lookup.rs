//! 查询: anyone with the number and the query code sees the progress, without logging in
//! (and without anything the petitioner wrote: that needs the texted code, `lookup_detail`).

use shared::petition::{LookupRequest, PetitionNumber, PetitionProgress, QueryCode};

use super::present;
use crate::crypto::same;
use crate::db::{self, petitions::PetitionRow};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A wrong number, a wrong code and a malformed either all answer the same "not
/// found", after the same database query and hash, so a guesser learns nothing.
pub async fn lookup(state: &AppState, req: &LookupRequest) -> AppResult<PetitionProgress> {
    let row = checked(state, req).await?;
    let events = db::petitions::public_events(&state.db.pool, row.id).await?;
    Ok(present::progress_anonymous(state, &row, events))
}

/// The petition whose number and query code `req` holds, or "not found".
pub(super) async fn checked(state: &AppState, req: &LookupRequest) -> AppResult<PetitionRow> {
    let number = PetitionNumber::parse(&req.number);
    let code = QueryCode::parse(&req.query_code).ok();
    let key = number
        .as_ref()
        .map_or(req.number.as_str(), PetitionNumber::as_str);
    let row = db::petitions::by_number(&state.db.pool, key).await?;
    let presented = state
        .vault
        .query_code_hash(key, code.as_ref().map_or("", QueryCode::expose));
    let matches = row
        .as_ref()
        .is_some_and(|r| same(&presented, &r.query_code_hash));
    match row {
        Some(row) if matches && code.is_some() => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

/// The progress of `number`, for a browser that already proved it holds the code (its
/// look-up grant is checked by the caller); `unlocked`: and the texted code, so the
/// petitioner's own words show too.
pub async fn progress(
    state: &AppState,
    number: &str,
    unlocked: bool,
) -> AppResult<PetitionProgress> {
    let number = PetitionNumber::parse(number).ok_or(AppError::NotFound)?;
    let row = db::petitions::by_number(&state.db.pool, number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let events = db::petitions::public_events(&state.db.pool, row.id).await?;
    Ok(if unlocked {
        present::progress(state, &row, events)
    } else {
        present::progress_anonymous(state, &row, events)
    })
}
