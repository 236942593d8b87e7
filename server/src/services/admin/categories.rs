//! 类别管理: the subject tree. Categories are added, renamed, reordered and retired, never
//! deleted: petitions refer to them.

use shared::admin::{CategoryAdminView, CategoryUpdateRequest, NewCategoryRequest};
use shared::ids::{CategoryId, StaffId};

use super::{administrator, record, record_in};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewCategoryRequest,
) -> AppResult<CategoryId> {
    let actor = administrator(state, staff).await?;
    let name = checked_name(&req.name)?;
    let pool = &state.db.pool;
    let parent = req.parent_id.map(|p| p.0);
    if let Some(p) = parent
        && !db::reference::categories(pool)
            .await?
            .iter()
            .any(|c| c.id.0 == p && c.parent_id.is_none())
    {
        return Err(AppError::field(
            "parent_id",
            "上级类别应为一个已有的一级类别",
        ));
    }
    let (position, taken) = db::reference::siblings(pool, parent, name).await?;
    if taken {
        return Err(AppError::field("name", "同一级下已有同名类别"));
    }
    let mut tx = state.db.begin_write().await?;
    let id = db::reference::insert_category(&mut tx, parent, name, position).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    record(
        state,
        &actor,
        client,
        "category_create",
        format!("category={id}"),
    )
    .await?;
    Ok(CategoryId(id))
}

fn checked_name(name: &str) -> AppResult<&str> {
    let name = name.trim();
    if !(2..=20).contains(&name.chars().count()) || name.chars().any(char::is_control) {
        return Err(AppError::field("name", "类别名称应为2到20个字"));
    }
    Ok(name)
}

/// Every category, retired ones included, in their order.
pub async fn list(state: &AppState, staff: StaffId) -> AppResult<Vec<CategoryAdminView>> {
    administrator(state, staff).await?;
    Ok(db::reference::categories(&state.db.pool)
        .await?
        .into_iter()
        .map(|c| CategoryAdminView {
            id: c.id,
            parent_id: c.parent_id,
            name: c.name,
            position: c.position,
            retired: c.retired,
        })
        .collect())
}

/// 改名, 调整顺序, 停用 or 恢复. A retired category is offered to nobody, and units'
/// competences over it stay for the petitions filed under it.
pub async fn update(
    state: &AppState,
    staff: StaffId,
    client: &str,
    id: CategoryId,
    req: &CategoryUpdateRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let name = checked_name(&req.name)?;
    let all = db::reference::categories(&state.db.pool).await?;
    let Some(this) = all.iter().find(|c| c.id == id) else {
        return Err(AppError::NotFound);
    };
    if all
        .iter()
        .any(|c| c.id != id && c.parent_id == this.parent_id && c.name == name)
    {
        return Err(AppError::field("name", "同一级下已有同名类别"));
    }
    if !(0..=10_000).contains(&req.position) {
        return Err(AppError::field("position", "顺序应为0到10000之间的数"));
    }
    let retired_at = req.retired.then(crate::time::now_ms);
    let mut tx = state.db.begin_write().await?;
    db::reference::update_category(&mut tx, id, name, req.position, retired_at).await?;
    let detail = format!(
        "category={id} position={} retired={}",
        req.position, req.retired
    );
    record_in(&mut tx, state, &actor, client, "category_update", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(())
}
