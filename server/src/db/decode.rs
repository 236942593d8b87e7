//! Reading columns strictly: a code no enum knows, or a flag other than 0/1, fails the
//! row (a logged 500 for that request), never turns into a default.

use std::fmt::Display;

use shared::code::UnknownCode;
use sqlx::any::AnyRow;
use sqlx::{ColumnIndex, Row};

/// A column, by name or by position.
pub trait Col: ColumnIndex<AnyRow> + Display + Copy {}
impl<T: ColumnIndex<AnyRow> + Display + Copy> Col for T {}

fn corrupt(col: impl Col, e: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: col.to_string(),
        source: Box::new(e),
    }
}

/// A stored code, as the enum `T`.
pub fn code<T: TryFrom<String, Error = UnknownCode>>(
    r: &AnyRow,
    col: impl Col,
) -> Result<T, sqlx::Error> {
    T::try_from(r.try_get::<String, _>(col)?).map_err(|e| corrupt(col, e))
}

/// A stored code that may be absent (NULL).
pub fn code_opt<T: TryFrom<String, Error = UnknownCode>>(
    r: &AnyRow,
    col: impl Col,
) -> Result<Option<T>, sqlx::Error> {
    r.try_get::<Option<String>, _>(col)?
        .map(T::try_from)
        .transpose()
        .map_err(|e| corrupt(col, e))
}

/// A flag stored as 0 or 1 (both engines keep flags as integers).
pub fn flag(r: &AnyRow, col: impl Col) -> Result<bool, sqlx::Error> {
    match r.try_get::<i64, _>(col)? {
        0 => Ok(false),
        1 => Ok(true),
        n => Err(corrupt(col, BadFlag(n))),
    }
}

/// A calendar date stored as `YYYY-MM-DD`.
pub fn date(r: &AnyRow, col: impl Col) -> Result<chrono::NaiveDate, sqlx::Error> {
    let text: String = r.try_get(col)?;
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| corrupt(col, e))
}

/// A petition number as issued: `XF…`, never anything else.
pub fn number(r: &AnyRow, col: impl Col) -> Result<shared::petition::PetitionNumber, sqlx::Error> {
    let text: String = r.try_get(col)?;
    shared::petition::PetitionNumber::parse(&text).ok_or_else(|| corrupt(col, BadNumber))
}

/// A typed id.
pub fn id<T: From<i64>>(r: &AnyRow, col: impl Col) -> Result<T, sqlx::Error> {
    Ok(T::from(r.try_get::<i64, _>(col)?))
}

/// A typed id that may be absent (NULL).
pub fn id_opt<T: From<i64>>(r: &AnyRow, col: impl Col) -> Result<Option<T>, sqlx::Error> {
    Ok(r.try_get::<Option<i64>, _>(col)?.map(T::from))
}

#[derive(Debug, thiserror::Error)]
#[error("flag holds {0}, not 0 or 1")]
struct BadFlag(i64);

#[derive(Debug, thiserror::Error)]
#[error("not a petition number")]
struct BadNumber;
