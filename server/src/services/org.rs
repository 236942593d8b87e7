//! The organisation as the workflow sees it: the unit tree, each unit's region and
//! competences, and the walk up the tree. Loaded from the database and cached briefly.
//! Where an accusation goes, and which unit a petitioner's words name, is in `accused`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::RwLock;

use shared::admin::UnitKind;
use shared::ids::{CategoryId, RegionId, UnitId};
use shared::reference::Level;

use crate::db::{self, units::UnitRow};
use crate::error::{AppError, AppResult};

mod accused;

/// A region as routing sees it.
struct RegionNode {
    parent: Option<RegionId>,
    level: Level,
    name: String,
}

/// A snapshot of units, regions and competences.
pub struct Org {
    /// The open units: only these route, receive, handle or are offered anywhere.
    units: HashMap<UnitId, UnitRow>,
    /// Closed units' names and parents: for the histories that mention them, and for a
    /// review of a reply a closed unit gave (the body above it answers).
    closed: HashMap<UnitId, (String, Option<UnitId>)>,
    regions: HashMap<RegionId, RegionNode>,
    /// category id → parent category
    category_parent: HashMap<CategoryId, Option<CategoryId>>,
    competences: HashSet<(UnitId, CategoryId)>,
}

impl Org {
    pub async fn load(pool: &sqlx::AnyPool) -> Result<Self, sqlx::Error> {
        let units = db::units::all(pool).await?;
        let regions = db::reference::regions(pool).await?;
        let categories = db::reference::categories(pool).await?;
        let competences = db::units::competences(pool).await?;
        let (open, closed): (Vec<UnitRow>, Vec<UnitRow>) =
            units.into_iter().partition(|u| !u.closed);
        Ok(Self {
            units: open.into_iter().map(|u| (u.id, u)).collect(),
            closed: closed
                .into_iter()
                .map(|u| (u.id, (u.name, u.parent_id)))
                .collect(),
            regions: regions
                .into_iter()
                .map(|r| {
                    let node = RegionNode {
                        parent: r.parent_id,
                        level: r.level,
                        name: r.name,
                    };
                    (r.id, node)
                })
                .collect(),
            category_parent: categories
                .into_iter()
                .map(|c| (c.id, c.parent_id))
                .collect(),
            competences: competences.into_iter().collect(),
        })
    }

    pub fn unit(&self, id: UnitId) -> Option<&UnitRow> {
        self.units.get(&id)
    }

    pub fn name(&self, id: UnitId) -> String {
        match (self.unit(id), self.closed.get(&id)) {
            (Some(u), _) => u.name.clone(),
            (None, Some((name, _))) => name.clone(),
            (None, None) => format!("单位{id}"),
        }
    }

    pub fn parent(&self, id: UnitId) -> Option<UnitId> {
        match self.unit(id) {
            Some(u) => u.parent_id,
            None => self.closed.get(&id).and_then(|(_, p)| *p),
        }
    }

    /// `unit` itself, then each unit above it up to the root.
    pub fn ancestors(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = Vec::new();
        let mut at = Some(unit);
        while let Some(u) = at {
            if out.contains(&u) || !self.units.contains_key(&u) {
                break;
            }
            out.push(u);
            at = self.parent(u);
        }
        out
    }

    /// Whether `unit` is `ancestor` or below it.
    pub fn within(&self, unit: UnitId, ancestor: UnitId) -> bool {
        self.ancestors(unit).contains(&ancestor)
    }

    /// `asked`, when it is an open unit at or below `home` (the caller's unit); otherwise
    /// the error the caller sees, on the field `unit`.
    pub fn at_or_below(&self, asked: UnitId, home: UnitId) -> AppResult<UnitId> {
        if self.unit(asked).is_some() && self.within(asked, home) {
            Ok(asked)
        } else {
            Err(AppError::field(
                "unit",
                "没有这个单位，或它不在您所在单位之下。",
            ))
        }
    }

    /// `unit` and every unit below it.
    pub fn subtree(&self, unit: UnitId) -> Vec<UnitId> {
        let mut ids: Vec<UnitId> = self
            .units
            .keys()
            .copied()
            .filter(|u| self.within(*u, unit))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The open units directly below `parent` (the top-level units for none), by id.
    pub fn children(&self, parent: Option<UnitId>) -> Vec<UnitId> {
        let mut ids: Vec<UnitId> = self
            .units
            .values()
            .filter(|u| u.parent_id == parent)
            .map(|u| u.id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// `unit`, open or closed, then each unit above it up to the root: where a closed
    /// unit's history is counted.
    pub fn lineage(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = vec![unit];
        while let Some(p) = self.parent(out[out.len() - 1]) {
            if out.contains(&p) {
                break;
            }
            out.push(p);
        }
        out
    }

    pub fn is_bureau(&self, unit: UnitId) -> bool {
        self.unit(unit).is_some_and(|u| u.kind == UnitKind::Bureau)
    }

    /// The county (or, above counties, the city) `region` lies in: as precise as a place
    /// may be published (a village could point at a person).
    pub fn county_of(&self, region: RegionId) -> RegionId {
        self.routing_regions(region)
            .first()
            .copied()
            .unwrap_or(region)
    }

    pub fn region_name(&self, region: RegionId) -> String {
        self.regions
            .get(&region)
            .map_or_else(|| format!("地区{}", region.0), |r| r.name.clone())
    }

    /// Every county-level region, by id: the places a public list is filtered by.
    pub fn counties(&self) -> Vec<(RegionId, String)> {
        let mut out: Vec<(RegionId, String)> = self
            .regions
            .iter()
            .filter(|(_, r)| r.level == Level::County)
            .map(|(id, r)| (*id, r.name.clone()))
            .collect();
        out.sort_by_key(|(id, _)| *id);
        out
    }

    /// The region itself and each region above it.
    fn region_path(&self, region: RegionId) -> Vec<RegionId> {
        let mut out = Vec::new();
        let mut at = Some(region);
        while let Some(r) = at {
            if out.contains(&r) {
                break;
            }
            match self.regions.get(&r) {
                Some(node) => {
                    out.push(r);
                    at = node.parent;
                }
                None => break,
            }
        }
        out
    }

    /// The regions that petitions are routed from: the county-level region of `region`
    /// (分级负责: the county handles first), then the city. A city-level region starts there.
    fn routing_regions(&self, region: RegionId) -> Vec<RegionId> {
        let path = self.region_path(region);
        let from = path
            .iter()
            .position(|r| matches!(self.regions[r].level, Level::County | Level::City))
            .unwrap_or(0);
        path[from..].to_vec()
    }

    fn bureau_of_region(&self, region: RegionId) -> Option<UnitId> {
        self.units
            .values()
            .filter(|u| u.region_id == region && u.kind == UnitKind::Bureau)
            .map(|u| u.id)
            .min()
    }

    /// 属地管理: the petition bureau that receives a petition arising in `region`.
    pub fn receiving_bureau(&self, region: RegionId) -> Option<UnitId> {
        self.routing_regions(region)
            .into_iter()
            .find_map(|r| self.bureau_of_region(r))
    }

    /// Whether `unit` has power over `category` or the category above it.
    pub fn competent(&self, unit: UnitId, category: CategoryId) -> bool {
        let parent = self.category_parent.get(&category).copied().flatten();
        self.competences.contains(&(unit, category))
            || parent.is_some_and(|p| self.competences.contains(&(unit, p)))
    }

    /// 谁主管、谁负责: the department with power over `category` nearest to where the
    /// matter arose, else that place's bureau. A unit complained about never handles the
    /// matter: the proposal moves above it (art. 30). Accusations are proposed by
    /// `accused::propose_for_accusation`.
    pub fn propose(
        &self,
        region: RegionId,
        category: CategoryId,
        accused: Option<UnitId>,
    ) -> Option<UnitId> {
        let regions = self.routing_regions(region);
        let mut proposal = regions.iter().find_map(|r| {
            self.units
                .values()
                .filter(|u| u.region_id == *r && u.kind == UnitKind::Department)
                .filter(|u| self.competent(u.id, category))
                .map(|u| u.id)
                .min()
        });
        proposal = proposal.or_else(|| regions.iter().find_map(|r| self.bureau_of_region(*r)));
        match (proposal, accused) {
            (Some(p), Some(a)) => self.outside(p, a),
            _ => proposal,
        }
    }

    /// `unit` itself when it lies outside `accused`; else the unit just above `accused`.
    pub fn outside(&self, unit: UnitId, accused: UnitId) -> Option<UnitId> {
        if self.within(unit, accused) {
            self.parent(accused)
        } else {
            Some(unit)
        }
    }
}

/// The organisation snapshot, reloaded after an administrator's change on this instance
/// and at most a minute after one made on another instance.
pub struct OrgCache {
    pool: sqlx::AnyPool,
    slot: RwLock<Option<(Instant, Arc<Org>)>>,
}

const ORG_TTL: Duration = Duration::from_secs(60);

impl OrgCache {
    pub fn new(pool: sqlx::AnyPool) -> Self {
        Self {
            pool,
            slot: RwLock::default(),
        }
    }

    pub async fn get(&self) -> AppResult<Arc<Org>> {
        if let Some((at, org)) = self.slot.read().await.as_ref()
            && at.elapsed() < ORG_TTL
        {
            return Ok(org.clone());
        }
        let org = Arc::new(Org::load(&self.pool).await?);
        *self.slot.write().await = Some((Instant::now(), org.clone()));
        Ok(org)
    }

    pub async fn invalidate(&self) {
        *self.slot.write().await = None;
    }
}
