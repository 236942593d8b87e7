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
    /// Where and when people are received, and the phone (art. 18 wants them public).
    pub reception: Reception,
    /// 已撤销: kept for the record and the names in petitions' histories; routes nothing.
    pub closed: bool,
}

/// 接待信息: a unit's reception details.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reception {
    pub address: String,
    pub hours: String,
    pub phone: String,
}

pub async fn all(pool: &AnyPool) -> Result<Vec<UnitRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, parent_id, region_id, name, kind, level, partner_id, short_names, address, \
         hours, phone, closed_at FROM units ORDER BY id",
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
            reception: Reception {
                address: r.try_get("address")?,
                hours: r.try_get("hours")?,
                phone: r.try_get("phone")?,
            },
            closed: r.try_get::<Option<i64>, _>("closed_at")?.is_some(),
        })
    })
    .collect()
}

/// A unit's editable record.
pub struct UnitEdit<'a> {
    pub parent_id: Option<UnitId>,
    pub region_id: RegionId,
    pub name: &'a str,
    pub kind: UnitKind,
    pub level: Level,
    pub reception: &'a Reception,
}

/// Renames, moves or re-describes a unit.
pub async fn update(tx: &mut Tx, id: UnitId, u: &UnitEdit<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE units SET parent_id = $1, region_id = $2, name = $3, kind = $4, level = $5, \
         address = $6, hours = $7, phone = $8 WHERE id = $9",
    )
    .bind(u.parent_id.map(|p| p.0))
    .bind(u.region_id.0)
    .bind(u.name)
    .bind(u.kind.code())
    .bind(u.level.code())
    .bind(&u.reception.address)
    .bind(&u.reception.hours)
    .bind(&u.reception.phone)
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Closes a unit (撤销); its record stays.
pub async fn close(tx: &mut Tx, id: UnitId, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE units SET closed_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An open accusation with the units that reach it: its holder, the office that forwarded
/// it and the units asked to co-handle it (none of which may lie inside the accused unit).
pub struct OpenAccusation {
    pub accused: UnitId,
    pub reachers: Vec<UnitId>,
}

const OPEN: &str = "('withdrawn', 'not_accepted', 'closed')";

/// Every open accusation whose accused unit is known, with who reaches it.
pub async fn open_accusations(tx: &mut Tx) -> Result<Vec<OpenAccusation>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, unit_id, forwarded_by, accused_unit_id FROM petitions \
         WHERE kind = 'accusation' AND accused_unit_id IS NOT NULL AND status NOT IN {OPEN}"
    ))
    .fetch_all(&mut **tx)
    .await?;
    let co = sqlx::query(&format!(
        "SELECT c.petition_id, c.unit_id FROM co_handlers c JOIN petitions p ON p.id = c.petition_id \
         WHERE c.answered_at IS NULL AND p.kind = 'accusation' AND p.status NOT IN {OPEN}"
    ))
    .fetch_all(&mut **tx)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let mut reachers: Vec<UnitId> = [
            decode::id_opt(r, "unit_id")?,
            decode::id_opt(r, "forwarded_by")?,
        ]
        .into_iter()
        .flatten()
        .collect();
        for c in &co {
            if c.try_get::<i64, _>("petition_id")? == id {
                reachers.push(decode::id(c, "unit_id")?);
            }
        }
        out.push(OpenAccusation {
            accused: decode::id(r, "accused_unit_id")?,
            reachers,
        });
    }
    Ok(out)
}

/// What still ties a unit to open work: a closed unit must have none of it.
#[derive(Debug, Default)]
pub struct OpenLinks {
    /// Open matters it holds.
    pub held: i64,
    /// Open matters it forwarded (an objection would come back to it).
    pub forwarded: i64,
    /// Co-handling requests it has not answered.
    pub co_handling: i64,
    /// Supervision notices it has not answered.
    pub supervision: i64,
    /// Open units below it.
    pub children: i64,
}

pub async fn open_links(tx: &mut Tx, unit: UnitId) -> Result<OpenLinks, sqlx::Error> {
    let mut n = Vec::new();
    for sql in [
        format!("SELECT COUNT(*) FROM petitions WHERE unit_id = $1 AND status NOT IN {OPEN}"),
        format!("SELECT COUNT(*) FROM petitions WHERE forwarded_by = $1 AND status NOT IN {OPEN}"),
        "SELECT COUNT(*) FROM co_handlers WHERE unit_id = $1 AND answered_at IS NULL".to_owned(),
        "SELECT COUNT(*) FROM supervision_notices WHERE unit_id = $1 AND answered_at IS NULL"
            .to_owned(),
        "SELECT COUNT(*) FROM units WHERE parent_id = $1 AND closed_at IS NULL".to_owned(),
    ] {
        n.push(
            sqlx::query(&sql)
                .bind(unit.0)
                .fetch_one(&mut **tx)
                .await?
                .try_get::<i64, _>(0)?,
        );
    }
    Ok(OpenLinks {
        held: n[0],
        forwarded: n[1],
        co_handling: n[2],
        supervision: n[3],
        children: n[4],
    })
}

/// 合并: moves everything `from` holds to `into`: its open matters (a new version each, so
/// a page open on one refuses a stale step), the matters it forwarded, its staff, its open
/// co-handling requests and supervision notices, its child units and its competences;
/// accusations against it now name `into`. Returns the ids of the matters moved.
pub async fn merge(
    tx: &mut Tx,
    from: UnitId,
    into: UnitId,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let moved: Vec<i64> = sqlx::query(
        "SELECT id FROM petitions WHERE unit_id = $1 \
         AND status NOT IN ('withdrawn', 'not_accepted', 'closed') ORDER BY id",
    )
    .bind(from.0)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<Result<_, _>>()?;
    for (sql, with_time) in [
        (
            "UPDATE petitions SET unit_id = $1, version = version + 1, updated_at = $3 \
             WHERE unit_id = $2 AND status NOT IN ('withdrawn', 'not_accepted', 'closed')",
            true,
        ),
        (
            "UPDATE petitions SET forwarded_by = $1 WHERE forwarded_by = $2",
            false,
        ),
        (
            "UPDATE petitions SET accused_unit_id = $1 WHERE accused_unit_id = $2",
            false,
        ),
        ("UPDATE staff SET unit_id = $1 WHERE unit_id = $2", false),
        // Its open co-handling requests and supervision notices are the receiving unit's
        // now; a request the receiving unit already has for the same round is kept once.
        (
            "DELETE FROM co_handlers WHERE unit_id = $2 AND answered_at IS NULL AND EXISTS \
             (SELECT 1 FROM co_handlers x WHERE x.petition_id = co_handlers.petition_id \
             AND x.round = co_handlers.round AND x.unit_id = $1)",
            false,
        ),
        (
            "UPDATE co_handlers SET unit_id = $1 WHERE unit_id = $2 AND answered_at IS NULL",
            false,
        ),
        (
            "UPDATE supervision_notices SET unit_id = $1 WHERE unit_id = $2 AND answered_at IS NULL",
            false,
        ),
        (
            "UPDATE units SET parent_id = $1 WHERE parent_id = $2",
            false,
        ),
        (
            "INSERT INTO unit_competences (unit_id, category_id) \
             SELECT $1, category_id FROM unit_competences WHERE unit_id = $2 ON CONFLICT DO NOTHING",
            false,
        ),
    ] {
        let q = sqlx::query(sql).bind(into.0).bind(from.0);
        let q = if with_time { q.bind(now) } else { q };
        q.execute(&mut **tx).await?;
    }
    Ok(moved)
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
