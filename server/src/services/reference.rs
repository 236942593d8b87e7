//! 基础数据: the region and category trees and the unit directory the filing form offers.

use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use shared::reference::{Level, ReferenceData, RegionView};

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

/// How many places one search offers: enough to choose from on a phone screen.
pub const SEARCH_LIMIT: usize = 20;
/// What is searched: the first 40 characters typed, at most six words of them. Place
/// names are short; a pasted essay costs no more than a name.
const QUERY_CHARS: usize = 40;
const QUERY_WORDS: usize = 6;

/// 问题发生地 search for the filing form's picker: the places in service a petition can
/// name (township and below) that match what was typed, best first. The form sends
/// these few instead of the whole county.
pub async fn search_regions(state: &AppState, query: &str) -> AppResult<Vec<RegionView>> {
    let regions = db::reference::regions(&state.db.pool).await?;
    let views = db::reference::region_views(&regions)
        .into_iter()
        .zip(&regions)
        .filter(|(v, r)| !r.retired && v.level >= Level::Township)
        .map(|(v, _)| v);
    Ok(matching(views, query, SEARCH_LIMIT))
}

/// The places whose path holds every word typed (a space or `/` between words), or whose
/// division code starts with the digits typed. A name equal to a word comes first, then a
/// name holding one, then the rest; within each, townships before villages, in the order
/// of their official codes.
pub fn matching(
    places: impl Iterator<Item = RegionView>,
    query: &str,
    limit: usize,
) -> Vec<RegionView> {
    let query: String = query.chars().take(QUERY_CHARS).collect();
    let words: Vec<&str> = query
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '，' | '、'))
        .filter(|w| !w.is_empty())
        .take(QUERY_WORDS)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let by_code = words.len() == 1 && words[0].bytes().all(|b| b.is_ascii_digit());
    let mut found: Vec<(u8, RegionView)> = places
        .filter_map(|p| {
            let hit = if by_code {
                p.code.starts_with(words[0])
            } else {
                words.iter().all(|w| p.path.contains(w))
            };
            if !hit {
                return None;
            }
            let rank = if words.iter().any(|w| p.name == *w) {
                0
            } else if words.iter().any(|w| p.name.contains(w)) {
                1
            } else {
                2
            };
            Some((rank, p))
        })
        .collect();
    found.sort_by(|(ra, a), (rb, b)| (ra, a.level, &a.code).cmp(&(rb, b.level, &b.code)));
    found.into_iter().take(limit).map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::RegionId;

    fn place(id: i64, code: &str, path: &str, level: Level) -> RegionView {
        RegionView {
            id: RegionId(id),
            parent_id: None,
            code: code.into(),
            name: path.rsplit(" / ").next().unwrap_or(path).into(),
            path: path.into(),
            level,
        }
    }

    fn county() -> Vec<RegionView> {
        vec![
            place(
                1,
                "320115001",
                "示范市 / 东城区 / 新桥街道",
                Level::Township,
            ),
            place(
                2,
                "320115001001",
                "示范市 / 东城区 / 新桥街道 / 新桥社区",
                Level::Village,
            ),
            place(
                3,
                "320115001002",
                "示范市 / 东城区 / 新桥街道 / 东村",
                Level::Village,
            ),
            place(
                4,
                "320116002003",
                "示范市 / 清河县 / 柳林乡 / 东村",
                Level::Village,
            ),
        ]
    }

    fn ids(found: Vec<RegionView>) -> Vec<i64> {
        found.into_iter().map(|p| p.id.0).collect()
    }

    #[test]
    fn part_of_a_village_name_finds_it_with_its_full_path() {
        let found = matching(county().into_iter(), "柳林", 20);
        assert_eq!(found[0].path, "示范市 / 清河县 / 柳林乡 / 东村");
        assert_eq!(ids(found), [4]);
    }

    #[test]
    fn several_words_narrow_two_villages_of_one_name_down_to_one() {
        assert_eq!(ids(matching(county().into_iter(), "东村", 20)), [3, 4]);
        assert_eq!(ids(matching(county().into_iter(), "新桥 东村", 20)), [3]);
    }

    #[test]
    fn a_name_equal_to_the_word_comes_before_names_that_hold_it() {
        assert_eq!(
            ids(matching(county().into_iter(), "新桥街道", 20)),
            [1, 2, 3]
        );
    }

    #[test]
    fn digits_search_the_division_code_and_blank_finds_nothing() {
        assert_eq!(
            ids(matching(county().into_iter(), "320115001", 20)),
            [1, 2, 3]
        );
        assert!(matching(county().into_iter(), " / ", 20).is_empty());
        assert_eq!(matching(county().into_iter(), "东", 2).len(), 2);
    }
}
