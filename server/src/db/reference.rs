//! Queries on reference data: regions, units and the category tree.

use sqlx::{AnyConnection, AnyPool, Row};

use shared::ids::{CategoryId, RegionId};
use shared::reference::{CategoryView, Level, RegionView};

use super::{Tx, decode};

pub struct RegionRow {
    pub id: RegionId,
    pub parent_id: Option<RegionId>,
    pub code: String,
    pub name: String,
    pub level: Level,
    /// 已撤销: the official list no longer has it; kept for the petitions that name it.
    pub retired: bool,
}

const REGIONS: &str =
    "SELECT id, parent_id, code, name, level, retired_at FROM regions ORDER BY code";

fn region_row(r: &sqlx::any::AnyRow) -> Result<RegionRow, sqlx::Error> {
    Ok(RegionRow {
        id: RegionId(r.try_get("id")?),
        parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(RegionId),
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        level: decode::code(r, "level")?,
        retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
    })
}

/// Every region, retired ones included.
pub async fn regions(pool: &AnyPool) -> Result<Vec<RegionRow>, sqlx::Error> {
    sqlx::query(REGIONS)
        .fetch_all(pool)
        .await?
        .iter()
        .map(region_row)
        .collect()
}

/// Every region, read in the transaction that changes them.
pub async fn regions_in(tx: &mut Tx) -> Result<Vec<RegionRow>, sqlx::Error> {
    sqlx::query(REGIONS)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(region_row)
        .collect()
}

/// Renames, moves or brings back a region (a re-import).
pub async fn update_region(
    tx: &mut Tx,
    id: RegionId,
    parent: Option<RegionId>,
    name: &str,
    level: Level,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE regions SET parent_id = $1, name = $2, level = $3, retired_at = NULL WHERE id = $4",
    )
    .bind(parent.map(|p| p.0))
    .bind(name)
    .bind(level.code())
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Retires a region the official list no longer has.
pub async fn retire_region(tx: &mut Tx, id: RegionId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE regions SET retired_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether a region exists and is not retired.
pub async fn region_open(conn: &mut AnyConnection, id: RegionId) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT 1 FROM regions WHERE id = $1 AND retired_at IS NULL")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

pub struct CategoryRow {
    pub id: CategoryId,
    pub parent_id: Option<CategoryId>,
    pub name: String,
    pub position: i64,
    /// 已停用: offered to nobody; petitions filed under it keep it.
    pub retired: bool,
}

pub async fn categories(pool: &AnyPool) -> Result<Vec<CategoryRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, parent_id, name, position, retired_at FROM categories ORDER BY position, id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CategoryRow {
                id: CategoryId(r.try_get("id")?),
                parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(CategoryId),
                name: r.try_get("name")?,
                position: r.try_get("position")?,
                retired: r.try_get::<Option<i64>, _>("retired_at")?.is_some(),
            })
        })
        .collect()
}

/// Renames, places or retires (`Some(at)`) or brings back (`None`) a category.
pub async fn update_category(
    tx: &mut Tx,
    id: CategoryId,
    name: &str,
    position: i64,
    retired_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE categories SET name = $1, position = $2, retired_at = $3 WHERE id = $4")
        .bind(name)
        .bind(position)
        .bind(retired_at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Builds the views with full paths (`江宁市 / 东城区`) from the flat rows.
pub fn region_views(rows: &[RegionRow]) -> Vec<RegionView> {
    let by_id: std::collections::HashMap<_, _> = rows.iter().map(|r| (r.id, r)).collect();
    rows.iter()
        .map(|r| {
            let mut names = vec![r.name.as_str()];
            let mut parent = r.parent_id;
            while let Some(p) = parent.and_then(|p| by_id.get(&p)) {
                names.push(&p.name);
                parent = p.parent_id;
            }
            names.reverse();
            RegionView {
                id: r.id,
                parent_id: r.parent_id,
                code: r.code.clone(),
                name: r.name.clone(),
                path: names.join(" / "),
                level: r.level,
            }
        })
        .collect()
}

/// Builds the category views; only leaves are selectable.
pub fn category_views(rows: &[CategoryRow]) -> Vec<CategoryView> {
    let by_id: std::collections::HashMap<_, _> = rows.iter().map(|r| (r.id, r)).collect();
    rows.iter()
        .map(|r| {
            let path = match r.parent_id.and_then(|p| by_id.get(&p)) {
                Some(p) => format!("{} / {}", p.name, r.name),
                None => r.name.clone(),
            };
            CategoryView {
                id: r.id,
                parent_id: r.parent_id,
                name: r.name.clone(),
                path,
                selectable: !rows.iter().any(|c| c.parent_id == Some(r.id)),
            }
        })
        .collect()
}

pub async fn insert_region(
    tx: &mut Tx,
    parent: Option<i64>,
    code: &str,
    name: &str,
    level: Level,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO regions (parent_id, code, name, level) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(parent)
    .bind(code)
    .bind(name)
    .bind(level.code())
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

pub async fn insert_unit(
    tx: &mut Tx,
    parent: Option<i64>,
    region: i64,
    name: &str,
    kind: &str,
    level: Level,
) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO units (parent_id, region_id, name, kind, level) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(parent)
        .bind(region)
        .bind(name)
        .bind(kind)
        .bind(level.code())
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)
}

pub async fn insert_category(
    tx: &mut Tx,
    parent: Option<i64>,
    name: &str,
    position: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO categories (parent_id, name, position) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(parent)
    .bind(name)
    .bind(position)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)
}

pub async fn count(pool: &AnyPool, table: Table) -> Result<i64, sqlx::Error> {
    let sql = match table {
        Table::Regions => "SELECT COUNT(*) FROM regions",
        Table::Categories => "SELECT COUNT(*) FROM categories",
    };
    sqlx::query(sql).fetch_one(pool).await?.try_get(0)
}

/// Reference tables that the seeders fill once.
#[derive(Clone, Copy)]
pub enum Table {
    Regions,
    Categories,
}

/// The six-digit county-level code a petition number carries for `region`
/// (the region's own code, or its county's, cut to six digits).
pub async fn number_code(
    conn: &mut AnyConnection,
    region: RegionId,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT code FROM regions WHERE id = $1")
        .bind(region.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row
        .map(|r| r.try_get::<String, _>(0))
        .transpose()?
        .map(|c| c.chars().take(6).collect()))
}

pub async fn category_is_leaf(
    conn: &mut AnyConnection,
    id: CategoryId,
) -> Result<Option<bool>, sqlx::Error> {
    // A retired category (or one under a retired one) is no category to file under.
    let exists = sqlx::query(
        "SELECT 1 FROM categories c LEFT JOIN categories p ON p.id = c.parent_id \
         WHERE c.id = $1 AND c.retired_at IS NULL AND p.retired_at IS NULL",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let child = sqlx::query("SELECT 1 FROM categories WHERE parent_id = $1 AND retired_at IS NULL")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(Some(child.is_none()))
}

pub async fn unit_id_by_name(pool: &AnyPool, name: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM units WHERE name = $1")
        .bind(name)
        .fetch_optional(pool)
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

/// A top-level category by name.
pub async fn top_category_id(tx: &mut Tx, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT id FROM categories WHERE parent_id IS NULL AND name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
}

/// A region's code and level, if the region exists.
pub async fn region_code(
    pool: &AnyPool,
    id: RegionId,
) -> Result<Option<(String, Level)>, sqlx::Error> {
    sqlx::query("SELECT code, level FROM regions WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .map(|r| Ok((r.try_get(0)?, decode::code(&r, 1)?)))
        .transpose()
}

/// A region's level, if the region exists.
pub async fn region_level(pool: &AnyPool, id: i64) -> Result<Option<Level>, sqlx::Error> {
    sqlx::query("SELECT level FROM regions WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| decode::code(&r, 0))
        .transpose()
}

/// How many categories share `parent` (the next position), and whether `name` is among them.
pub async fn siblings(
    pool: &AnyPool,
    parent: Option<i64>,
    name: &str,
) -> Result<(i64, bool), sqlx::Error> {
    let rows = sqlx::query("SELECT name FROM categories WHERE parent_id IS NOT DISTINCT FROM $1")
        .bind(parent)
        .fetch_all(pool)
        .await?;
    let taken = rows
        .iter()
        .any(|r| r.try_get::<String, _>(0).is_ok_and(|n| n == name));
    Ok((i64::try_from(rows.len()).unwrap_or(0), taken))
}
