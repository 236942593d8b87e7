//! Queries on the organisation: units with their place in the tree, and their competences.

use sqlx::{AnyPool, Row};

use shared::admin::UnitKind;
use shared::ids::{CategoryId, PartnerId, RegionId, UnitId};
use shared::reference::Level;

use super::{Tx, decode};

/// A unit: a petition bureau, a functional department or a village committee.
#[derive(Clone, Debug)]
pub struct UnitRow {
    pub id: UnitId,
    pub parent_id: Option<UnitId>,
    pub region_id: RegionId,
    pub name: String,
    pub kind: UnitKind,
    pub level: Level,
    /// The partner system the unit handles its cases in, if any.
    pub partner_id: Option<PartnerId>,
    /// Names people write for it besides its full name (住建局).
    pub short_names: Vec<String>,
}

pub async fn all(pool: &AnyPool) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, parent_id, region_id, name, kind, level, partner_id, short_names FROM units \
         ORDER BY id",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(UnitRow {
            id: decode::id(r, "id")?,
            parent_id: decode::id_opt(r, "parent_id")?,
            region_id: decode::id(r, "region_id")?,
            name: r.try_get("name")?,
            kind: decode::code(r, "kind")?,
            level: decode::code(r, "level")?,
            partner_id: decode::id_opt(r, "partner_id")?,
            short_names: r
                .try_get::<String, _>("short_names")?
                .split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    })
    .collect()
}

/// (unit, category) pairs: the unit has power over the category and its children.
pub async fn competences(pool: &AnyPool) -> Result<Vec<(UnitId, CategoryId)>, sqlx::Error> {
    sqlx::query("SELECT unit_id, category_id FROM unit_competences")
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((decode::id(r, "unit_id")?, decode::id(r, "category_id")?)))
        .collect()
}

pub async fn add_competence(tx: &mut Tx, unit: i64, category: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO unit_competences (unit_id, category_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(unit)
    .bind(category)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces a unit's competences.
pub async fn set_competences(
    tx: &mut Tx,
    unit: i64,
    categories: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM unit_competences WHERE unit_id = $1")
        .bind(unit)
        .execute(&mut **tx)
        .await?;
    for c in categories {
        add_competence(tx, unit, *c).await?;
    }
    Ok(())
}

/// Replaces the names people write for a unit besides its full name.
pub async fn set_short_names(tx: &mut Tx, unit: i64, names: &[&str]) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE units SET short_names = $1 WHERE id = $2")
        .bind(names.join("|"))
        .bind(unit)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn name_taken(pool: &AnyPool, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM units WHERE name = $1")
        .bind(name)
        .fetch_one(pool)
        .await?
        .try_get(0)?;
    Ok(n > 0)
}

/// Marks a unit as handled in partner system `partner` (or internal again, with `None`).
pub async fn set_partner(
    tx: &mut Tx,
    unit: i64,
    partner: Option<i64>,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE units SET partner_id = $1 WHERE id = $2")
            .bind(partner)
            .bind(unit)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}
