//! 基础数据: the region and category trees and the unit directory the filing form offers.

use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use shared::reference::ReferenceData;

pub async fn reference_data(state: &AppState) -> AppResult<ReferenceData> {
    let regions = db::reference::regions(&state.db.pool).await?;
    let mut categories = db::reference::categories(&state.db.pool).await?;
    // Retired categories, and those under one, are offered to nobody.
    let retired: Vec<_> = categories
        .iter()
        .filter(|c| c.retired)
        .map(|c| c.id)
        .collect();
    categories.retain(|c| !c.retired && !c.parent_id.is_some_and(|p| retired.contains(&p)));
    let org = state.org.get().await?;
    Ok(ReferenceData {
        // A retired division is offered to nobody; petitions that name it keep it.
        regions: db::reference::region_views(&regions)
            .into_iter()
            .zip(&regions)
            .filter(|(_, r)| !r.retired)
            .map(|(v, _)| v)
            .collect(),
        categories: db::reference::category_views(&categories),
        units: org.accusable_units(),
    })
}
