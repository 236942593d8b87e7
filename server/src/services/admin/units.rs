//! 单位管理: the unit tree, each unit's jurisdiction (region) and competences (categories).

use shared::admin::{CompetencesRequest, NewUnitRequest, UnitView};
use shared::ids::{StaffId, UnitId};

use super::{administrator, record};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<UnitView>> {
    administrator(state, staff).await?;
    let pool = &state.db.pool;
    let competences = db::units::competences(pool).await?;
    Ok(db::units::all(pool)
        .await?
        .into_iter()
        .map(|u| UnitView {
            id: u.id,
            parent_id: u.parent_id,
            region_id: u.region_id,
            competences: competences
                .iter()
                .filter(|(unit, _)| *unit == u.id)
                .map(|(_, c)| *c)
                .collect(),
            name: u.name,
            kind: u.kind.code().to_owned(),
            level: u.level.code().to_owned(),
            partner_id: u.partner_id.map(|p| p.0),
        })
        .collect())
}

pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewUnitRequest,
) -> AppResult<UnitId> {
    let actor = administrator(state, staff).await?;
    let name = req.name.trim();
    let pool = &state.db.pool;
    if !(2..=60).contains(&name.chars().count()) {
        return Err(AppError::field("name", "单位名称应为2到60个字"));
    }
    if db::units::name_taken(pool, name).await? {
        return Err(AppError::field("name", "已有同名单位"));
    }
    let Some(level) = db::reference::region_level(pool, req.region_id.0).await? else {
        return Err(AppError::field("region_id", "请选择单位的辖区"));
    };
    let org = state.org.get().await?;
    if let Some(parent) = req.parent_id
        && org.unit(parent).is_none()
    {
        return Err(AppError::field("parent_id", "上级单位不存在"));
    }
    let mut tx = state.db.begin_write().await?;
    let id = db::reference::insert_unit(
        &mut tx,
        req.parent_id.map(|p| p.0),
        req.region_id.0,
        name,
        req.kind.code(),
        level,
    )
    .await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    record(state, &actor, client, "unit_create", format!("unit={id}")).await?;
    Ok(UnitId(id))
}

pub async fn set_competences(
    state: &AppState,
    staff: StaffId,
    client: &str,
    unit: UnitId,
    req: &CompetencesRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let org = state.org.get().await?;
    if org.unit(unit).is_none() {
        return Err(AppError::NotFound);
    }
    let known: Vec<i64> = db::reference::categories(&state.db.pool)
        .await?
        .into_iter()
        .map(|c| c.id.0)
        .collect();
    let ids: Vec<i64> = req.category_ids.iter().map(|c| c.0).collect();
    if let Some(bad) = ids.iter().find(|c| !known.contains(c)) {
        return Err(AppError::field("category_ids", format!("类别{bad}不存在")));
    }
    let mut tx = state.db.begin_write().await?;
    db::units::set_competences(&mut tx, unit.0, &ids).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    record(
        state,
        &actor,
        client,
        "unit_competences",
        format!("unit={} categories={ids:?}", unit.0),
    )
    .await
}
