//! 公开案例: the public list and pages of published cases; publishing one is `publish`,
//! and finding what to take out of its texts is `redact`.

pub mod publish;
pub mod redact;

use shared::cases::{CaseList, CaseQuery, CaseSummary, Choice, PublishedCase};
use shared::ids::RegionId;
use shared::petition::{Decision, PetitionKind};

use crate::db::{self, cases::CaseRow};
use crate::error::{AppError, AppResult};
use crate::services::org::Org;
use crate::state::AppState;

/// Cases per page of the list.
const PAGE: i64 = 20;

pub async fn list(state: &AppState, q: &CaseQuery) -> AppResult<CaseList> {
    let org = state.org.get().await?;
    let all = db::reference::categories(&state.db.pool).await?;
    let categories: Vec<i64> = match q.category_id {
        None => Vec::new(),
        // The category and every one below it.
        Some(c) => {
            let mut ids = vec![c.0];
            let mut i = 0;
            while i < ids.len() {
                let parent = ids[i];
                ids.extend(
                    all.iter()
                        .filter(|k| k.parent_id.map(|p| p.0) == Some(parent))
                        .map(|k| k.id.0),
                );
                i += 1;
            }
            ids
        }
    };
    let regions: Vec<i64> = q
        .region_id
        .map(|r| vec![org.county_of(r).0])
        .unwrap_or_default();
    let after = match q.after.as_deref() {
        None => None,
        Some(a) => Some(
            cursor(a)
                .ok_or_else(|| AppError::field("after", "翻页参数无效，请从第一页重新查看"))?,
        ),
    };
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let mut rows =
        db::cases::page(&mut conn, &categories, &regions, q.adopted, after, PAGE + 1).await?;
    let next = (rows.len() > PAGE as usize).then(|| {
        rows.truncate(PAGE as usize);
        rows.last()
            .map(|r| format!("{}.{}", r.published_at, r.id))
            .unwrap_or_default()
    });
    let views = db::reference::category_views(&all);
    Ok(CaseList {
        items: rows
            .into_iter()
            .map(|r| CaseSummary {
                id: r.id,
                adopted: adopted(&r),
                region: org.region_name(RegionId(r.region_id)),
                title: r.title,
                category: r.category,
                answered_on: r.answered_on,
            })
            .collect(),
        next,
        categories: views
            .into_iter()
            .filter(|c| !all.iter().any(|k| k.id == c.id && k.retired))
            .map(|c| Choice {
                id: c.id.0,
                name: c.path,
            })
            .collect(),
        regions: org
            .counties()
            .into_iter()
            .map(|(id, name)| Choice { id: id.0, name })
            .collect(),
    })
}

pub async fn case(state: &AppState, id: i64) -> AppResult<PublishedCase> {
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let row = db::cases::by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = state.org.get().await?;
    Ok(view(&org, row))
}

/// The decision of an adopted 人民建议 (采纳, 部分采纳), as people read it.
fn adopted(r: &CaseRow) -> Option<String> {
    let decision = Decision::from_code(&r.decision)?;
    (r.kind == PetitionKind::Suggestion.code()
        && matches!(decision, Decision::Adopted | Decision::PartlyAdopted))
    .then(|| decision.label().to_owned())
}

fn view(org: &Org, r: CaseRow) -> PublishedCase {
    PublishedCase {
        adopted: adopted(&r),
        id: r.id,
        title: r.title,
        facts: r.facts,
        request: r.request,
        answer: r.answer,
        category: r.category,
        region: org.region_name(RegionId(r.region_id)),
        unit: r.unit,
        answered_on: r.answered_on,
        published_on: crate::time::shanghai_day(r.published_at),
    }
}

/// `published_at.id`, as a page's `next` gave it.
fn cursor(a: &str) -> Option<(i64, i64)> {
    let (at, id) = a.split_once('.')?;
    Some((at.parse().ok()?, id.parse().ok()?))
}
