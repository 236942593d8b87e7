//! Bulk writes for the data set: many rows per INSERT statement, bound, never spliced in.

use server::state::AppState;
use sqlx::Any;

/// Rows per INSERT statement. Small on purpose: binding a `$N` parameter costs SQLite a
/// walk over the statement's parameter names, so a statement's bind time grows with the
/// square of its parameters; at 500 rows (8 000 parameters) that walk was 87 % of the
/// seeding profile.
const ROWS_PER_STATEMENT: usize = 40;

pub enum Val {
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
    /// NULL in a text column, and in an integer one: PostgreSQL takes a parameter's type
    /// from its column and refuses a NULL bound as another.
    NullText,
    NullInt,
}

/// Writes `rows` into `target` ("table (columns)") in one transaction, many rows per
/// statement; `constants` (SQL literals) fill the last columns of every row.
pub async fn insert_rows(
    state: &AppState,
    target: &str,
    rows: &[Vec<Val>],
    constants: &str,
) -> anyhow::Result<()> {
    let mut tx = state.db.begin_write().await?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let width = chunk[0].len();
        let mut sql = format!("INSERT INTO {target} VALUES ");
        for r in 0..chunk.len() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            let marks: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            sql.push_str(&marks.join(", "));
            if !constants.is_empty() {
                sql.push_str(", ");
                sql.push_str(constants);
            }
            sql.push(')');
        }
        let mut q = sqlx::query::<Any>(&sql);
        for row in chunk {
            for v in row {
                q = match v {
                    Val::Int(i) => q.bind(*i),
                    Val::Text(t) => q.bind(t.as_str()),
                    Val::Blob(b) => q.bind(b.as_slice()),
                    Val::NullText => q.bind(None::<String>),
                    Val::NullInt => q.bind(None::<i64>),
                };
            }
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}
