//! 单位管理: the unit tree, each unit's jurisdiction (region), competences (categories),
//! kind and reception details; renaming and moving, merging (合并) and closing (撤销).
//! A closed unit stays on record under its name; its open matters must first be moved.

mod closing;

pub use closing::{close, merge};

use shared::admin::{
    CompetencesRequest, NewUnitRequest, Reception, ReceptionView, UnitUpdateRequest, UnitView,
};
use shared::ids::{RegionId, StaffId, UnitId};
use shared::reference::Level;

use super::{administrator, record, record_in};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::org::Org;
use crate::state::AppState;

pub(crate) fn reception_of(r: &db::units::Reception) -> Reception {
    Reception {
        address: r.address.clone(),
        hours: r.hours.clone(),
        phone: r.phone.clone(),
    }
}

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
            reception: reception_of(&u.reception),
            name: u.name,
            kind: u.kind.code().to_owned(),
            level: u.level.code().to_owned(),
            partner_id: u.partner_id.map(|p| p.0),
            closed: u.closed,
        })
        .collect())
}

/// 信访接待: the open units that publish where and when they receive people (art. 18),
/// for everyone.
pub async fn reception(state: &AppState) -> AppResult<Vec<ReceptionView>> {
    let regions = db::reference::regions(&state.db.pool).await?;
    let paths = db::reference::region_views(&regions);
    let path = |id: RegionId| {
        paths
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.path.clone())
            .unwrap_or_default()
    };
    let mut units: Vec<ReceptionView> = db::units::all(&state.db.pool)
        .await?
        .into_iter()
        .filter(|u| !u.closed && !u.reception.address.is_empty())
        .map(|u| ReceptionView {
            region: path(u.region_id),
            reception: reception_of(&u.reception),
            unit: u.name,
            kind: u.kind,
        })
        .collect();
    units.sort_by(|a, b| a.region.cmp(&b.region).then(a.unit.cmp(&b.unit)));
    Ok(units)
}

/// The checked name, the level of an open region, and a parent that exists and is not
/// `unit` itself or below it.
async fn checked(
    state: &AppState,
    org: &Org,
    unit: Option<UnitId>,
    name: &str,
    region: RegionId,
    parent: Option<UnitId>,
) -> AppResult<(String, Level)> {
    let name = name.trim();
    let pool = &state.db.pool;
    if !(2..=60).contains(&name.chars().count()) {
        return Err(AppError::field("name", "单位名称应为2到60个字"));
    }
    let renamed = unit.is_none_or(|u| org.name(u) != name);
    if renamed && db::units::name_taken(pool, name).await? {
        return Err(AppError::field("name", "已有同名单位"));
    }
    let Some(level) = db::reference::region_level(pool, region.0).await? else {
        return Err(AppError::field("region_id", "请选择单位的辖区"));
    };
    let mut conn = pool.acquire().await.map_err(anyhow::Error::from)?;
    if !db::reference::region_open(&mut conn, region).await? {
        return Err(AppError::field(
            "region_id",
            "该辖区的区划已撤销，请重新选择",
        ));
    }
    if let Some(p) = parent {
        if org.unit(p).is_none() {
            return Err(AppError::field("parent_id", "上级单位不存在或已撤销"));
        }
        if unit.is_some_and(|u| org.within(p, u)) {
            return Err(AppError::field(
                "parent_id",
                "上级单位不能是本单位或本单位的下级单位",
            ));
        }
    }
    Ok((name.to_owned(), level))
}

fn stored(r: &Reception) -> db::units::Reception {
    db::units::Reception {
        address: r.address.clone(),
        hours: r.hours.clone(),
        phone: r.phone.clone(),
    }
}

pub async fn create(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &NewUnitRequest,
) -> AppResult<UnitId> {
    let actor = administrator(state, staff).await?;
    let reception = req.reception.validate()?;
    let org = state.org.get().await?;
    let (name, level) = checked(state, &org, None, &req.name, req.region_id, req.parent_id).await?;
    let mut tx = state.db.begin_write().await?;
    let id = db::reference::insert_unit(
        &mut tx,
        req.parent_id.map(|p| p.0),
        req.region_id.0,
        &name,
        req.kind.code(),
        level,
    )
    .await
    .map_err(name_taken)?;
    if !reception.is_empty() {
        let edit = db::units::UnitEdit {
            parent_id: req.parent_id,
            region_id: req.region_id,
            name: &name,
            kind: req.kind,
            level,
            reception: &stored(&reception),
        };
        db::units::update(&mut tx, UnitId(id), &edit).await?;
    }
    record_in(
        &mut tx,
        state,
        &actor,
        client,
        "unit_create",
        format!("unit={id}"),
    )
    .await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(UnitId(id))
}

/// 改名, 调整隶属, 接待信息: the unit's record as the administrator now gives it.
pub async fn update(
    state: &AppState,
    staff: StaffId,
    client: &str,
    unit: UnitId,
    req: &UnitUpdateRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let org = state.org.get().await?;
    if org.unit(unit).is_none() {
        return Err(AppError::NotFound);
    }
    let reception = req.reception.validate()?;
    let (name, level) = checked(
        state,
        &org,
        Some(unit),
        &req.name,
        req.region_id,
        req.parent_id,
    )
    .await?;
    let edit = db::units::UnitEdit {
        parent_id: req.parent_id,
        region_id: req.region_id,
        name: &name,
        kind: req.kind,
        level,
        reception: &stored(&reception),
    };
    let mut tx = state.db.begin_write().await?;
    if req.parent_id != org.parent(unit) {
        let parent_of = |u: UnitId| {
            if u == unit {
                req.parent_id
            } else {
                org.parent(u)
            }
        };
        firewall_after(&mut tx, |u| u, parent_of).await?;
    }
    db::units::update(&mut tx, unit, &edit)
        .await
        .map_err(name_taken)?;
    let detail = format!(
        "unit={unit} parent={} region={} kind={}",
        req.parent_id.map_or(0, |p| p.0),
        req.region_id.0,
        req.kind.code()
    );
    record_in(&mut tx, state, &actor, client, "unit_update", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(())
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

/// Refuses a change of the tree (a move or a merge) after which a unit that reaches an
/// open accusation (holds it, forwarded it, is asked to co-handle it) would lie inside the
/// unit it is against (art. 30). `map` renames units (a merged unit becomes the receiving
/// one); `parent_of` gives each unit's parent in the tree after the change.
async fn firewall_after(
    tx: &mut db::Tx,
    map: impl Fn(UnitId) -> UnitId,
    parent_of: impl Fn(UnitId) -> Option<UnitId>,
) -> AppResult<()> {
    for open in db::units::open_accusations(tx).await? {
        let accused = map(open.accused);
        for reacher in open.reachers.into_iter().map(&map) {
            let mut seen = Vec::new();
            let mut at = Some(reacher);
            while let Some(u) = at {
                if u == accused {
                    return Err(AppError::Conflict(
                        "调整后，有单位将办理或经手反映其自身（或其上级）的检举控告（《信访工作条例》第三十条），不能这样调整；请先将有关事项改由其他单位办理。".into(),
                    ));
                }
                if seen.contains(&u) {
                    break;
                }
                seen.push(u);
                at = parent_of(u);
            }
        }
    }
    Ok(())
}

/// Another request took the name meanwhile: the same answer as the check before.
fn name_taken(e: sqlx::Error) -> AppError {
    match db::unique_violation(&e) {
        Some(_) => AppError::field("name", "已有同名单位"),
        None => e.into(),
    }
}
