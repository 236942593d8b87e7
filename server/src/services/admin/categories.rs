//! 类别管理: adds categories to the subject tree (existing ones stay: petitions refer to them).

use shared::admin::NewCategoryRequest;
use shared::ids::{CategoryId, StaffId};

use super::{administrator, record};
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
    let name = req.name.trim();
    if !(2..=20).contains(&name.chars().count()) {
        return Err(AppError::field("name", "类别名称应为2到20个字"));
    }
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
