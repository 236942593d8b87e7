//! The demo jurisdiction's counties as the seed files petitions in them.

use anyhow::Context;
use server::state::AppState;
use sqlx::Row;

/// A county: its code, its bureau, its departments and the places below it.
pub struct County {
    pub code: String,
    pub bureau: i64,
    pub departments: Vec<i64>,
    pub places: Vec<i64>,
}

/// The two demo counties, each with its bureau, departments and the places below it.
pub async fn counties(state: &AppState) -> anyhow::Result<Vec<County>> {
    let regions = sqlx::query("SELECT id, parent_id, code, level FROM regions")
        .fetch_all(&state.db.pool)
        .await?;
    let units = sqlx::query("SELECT id, region_id, kind FROM units")
        .fetch_all(&state.db.pool)
        .await?;
    let mut out = Vec::new();
    for r in regions.iter().filter(|r| r.get::<String, _>(3) == "county") {
        let id: i64 = r.get(0);
        let of_region = |kind: &str| -> Vec<i64> {
            units
                .iter()
                .filter(|u| u.get::<i64, _>(1) == id && u.get::<String, _>(2) == kind)
                .map(|u| u.get(0))
                .collect()
        };
        let townships: Vec<i64> = regions
            .iter()
            .filter(|t| t.get::<Option<i64>, _>(1) == Some(id))
            .map(|t| t.get(0))
            .collect();
        let mut places = townships.clone();
        places.extend(
            regions
                .iter()
                .filter(|v| townships.contains(&v.get::<Option<i64>, _>(1).unwrap_or(0)))
                .map(|v| v.get::<i64, _>(0)),
        );
        out.push(County {
            code: r.get::<String, _>(2).chars().take(6).collect(),
            bureau: *of_region("bureau").first().context("a county bureau")?,
            departments: of_region("department"),
            places,
        });
    }
    anyhow::ensure!(!out.is_empty(), "the demo jurisdiction has counties");
    Ok(out)
}
