//! Who an accusation (检举控告) is against and where it may go: the unit a petitioner's
//! words name, the discipline-inspection body (纪检监察机关, art. 22) that takes an
//! accusation against a public body, and the bureau that receives one against the bureau
//! of the place itself (art. 30: nothing of it reaches the accused).

use std::cmp::Reverse;

use shared::admin::UnitKind;
use shared::ids::{CategoryId, RegionId, UnitId};
use shared::petition::UnitOption;

use super::Org;

/// Region-name endings that people drop when they write a place (东城区 → 东城).
const PLACE_ENDINGS: &[&str] = &["街道", "市", "区", "县", "镇", "乡"];

/// How precisely a petitioner's words placed the unit they name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Placed {
    /// Only the unit's kind of office (住建局): taken from where the matter arose.
    Bare,
    /// The level word and the office (区住建局).
    Level,
    /// The place and the office (东城区住建局, 东城住建局).
    Named,
}

impl Org {
    /// The units an accusation may name: every unit but the top of the tree, which has no
    /// unit of the portal above it to handle the matter.
    pub fn accusable_units(&self) -> Vec<UnitOption> {
        let mut units: Vec<_> = self
            .units
            .values()
            .filter(|u| u.parent_id.is_some())
            .map(|u| UnitOption {
                id: u.id,
                name: u.name.clone(),
                kind: u.kind.code().to_owned(),
            })
            .collect();
        units.sort_by_key(|u| u.id.0);
        units
    }

    /// Why `unit` cannot be recorded as accused, if it cannot.
    pub fn refuse_accused(&self, unit: UnitId) -> Option<&'static str> {
        match self.unit(unit) {
            None => Some("请选择一个存在的单位"),
            Some(u) if u.parent_id.is_none() => Some(
                "该单位是本系统最高一级机关，本系统内没有其上级机关可以办理，请向其上级机关或纪检监察机关提出。",
            ),
            Some(_) => None,
        }
    }

    /// The unit of the directory that `text` (what the petitioner wrote about whom they
    /// accuse) names, for a matter that arose in `region`. A name with its place wins over
    /// one with a level word, and that over the bare office, which is taken from the place
    /// where the matter arose (county first, then city); a longer name wins a tie.
    pub fn match_accused(&self, text: &str, region: RegionId) -> Option<UnitId> {
        let path = self.routing_regions(region);
        // (how placed, length of the match, nearness, lower id first): the greatest wins.
        let mut best: Option<(Placed, usize, Reverse<usize>, Reverse<UnitId>)> = None;
        for u in self.units.values().filter(|u| u.parent_id.is_some()) {
            let Some(node) = self.regions.get(&u.region_id) else {
                continue;
            };
            let stem = u.name.strip_prefix(node.name.as_str()).unwrap_or(&u.name);
            let offices = std::iter::once(stem)
                .chain(u.short_names.iter().map(String::as_str))
                .filter(|o| o.chars().count() >= 2);
            let short_place = PLACE_ENDINGS
                .iter()
                .find_map(|e| node.name.strip_suffix(e))
                .filter(|p| p.chars().count() >= 2);
            let level_word = PLACE_ENDINGS.iter().find(|e| node.name.ends_with(**e));
            // Units of the place where the matter arose come first among equals.
            let nearness = path
                .iter()
                .position(|r| *r == u.region_id)
                .unwrap_or(usize::MAX);
            for office in offices {
                let mut found = Vec::new();
                for place in std::iter::once(Some(node.name.as_str())).chain([short_place]) {
                    if let Some(place) = place
                        && text.contains(&format!("{place}{office}"))
                    {
                        found.push((Placed::Named, place.len() + office.len()));
                    }
                }
                if let Some(word) = level_word
                    && nearness != usize::MAX
                    && text.contains(&format!("{word}{office}"))
                {
                    found.push((Placed::Level, word.len() + office.len()));
                }
                if nearness != usize::MAX && text.contains(office) {
                    found.push((Placed::Bare, office.len()));
                }
                for (placed, len) in found {
                    let candidate = (placed, len, Reverse(nearness), Reverse(u.id));
                    if best.is_none_or(|b| candidate > b) {
                        best = Some(candidate);
                    }
                }
            }
        }
        best.map(|(_, _, _, Reverse(id))| id)
    }

    /// 纪检监察机关 for an accusation against `accused`: the discipline-inspection body of
    /// the accused unit's place, or of the nearest place above, that is not inside it.
    pub fn discipline_body(&self, accused: UnitId) -> Option<UnitId> {
        let region = self.unit(accused)?.region_id;
        self.region_path(region).into_iter().find_map(|r| {
            self.units
                .values()
                .filter(|u| u.region_id == r && u.kind == UnitKind::Discipline)
                .filter(|u| !self.within(u.id, accused))
                .map(|u| u.id)
                .min()
        })
    }

    /// Where an accusation is proposed to go: for one against a unit, the
    /// discipline-inspection body (art. 22), else the nearest bureau above the accused;
    /// for one against no unit (confirmed by a clerk), the usual routing. Nothing while the
    /// accused is not settled: routing waits for it.
    pub fn propose_accusation(
        &self,
        region: RegionId,
        category: CategoryId,
        accused: Option<UnitId>,
        none_confirmed: bool,
    ) -> Option<UnitId> {
        match accused {
            Some(a) => self.discipline_body(a).or_else(|| self.bureau_above(a)),
            None if none_confirmed => self.propose(region, category, None),
            None => None,
        }
    }

    /// The petition bureau that receives a matter arising in `region`; for an accusation
    /// against that bureau (or a unit inside it), the nearest bureau above the accused.
    pub fn landing_bureau(&self, region: RegionId, accused: Option<UnitId>) -> Option<UnitId> {
        let bureau = self.receiving_bureau(region)?;
        match accused {
            Some(a) if self.within(bureau, a) => self.bureau_above(a),
            _ => Some(bureau),
        }
    }

    /// The nearest petition bureau strictly above `unit`.
    fn bureau_above(&self, unit: UnitId) -> Option<UnitId> {
        self.ancestors(unit)
            .into_iter()
            .skip(1)
            .find(|u| self.is_bureau(*u))
    }
}
