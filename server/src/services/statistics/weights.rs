//! 信访指数权重: the weights in force (an administrator's, else the configuration's), and
//! an administrator setting them, recorded in the audit trail.

use shared::admin::{IndexWeightsRequest, IndexWeightsView};
use shared::figures::Figure;
use shared::figures::index::{self, Weight};
use shared::ids::StaffId;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::admin::{administrator, record_in};
use crate::state::AppState;

/// The most a figure may weigh.
const MOST: u32 = 100;

/// The weights the index is computed with now, in the order of the figures.
pub async fn current(state: &AppState) -> AppResult<Vec<Weight>> {
    Ok(in_force(state).await?.0)
}

/// The weights in force, and whether an administrator set them (else the configuration's).
async fn in_force(state: &AppState) -> AppResult<(Vec<Weight>, bool)> {
    Ok(match set_here(state).await? {
        Some(weights) => (weights, true),
        None => (state.settings.statistics.index_weights.clone(), false),
    })
}

/// The weights an administrator set, if any.
async fn set_here(state: &AppState) -> AppResult<Option<Vec<Weight>>> {
    let mut conn = state.db.pool.acquire().await.map_err(anyhow::Error::from)?;
    let rows = db::statistics::index_weights(&mut conn).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    // A code no figure has any more (a figure retired by an upgrade) is left out.
    let mut weights: Vec<Weight> = rows
        .into_iter()
        .filter_map(|(code, weight)| {
            Some(Weight {
                figure: Figure::from_code(&code)?,
                weight: u32::try_from(weight).ok()?,
            })
        })
        .collect();
    weights.sort_by_key(|w| Figure::ALL.iter().position(|f| *f == w.figure));
    Ok(Some(weights))
}

pub async fn get(state: &AppState, staff: StaffId) -> AppResult<IndexWeightsView> {
    administrator(state, staff).await?;
    let (weights, set) = in_force(state).await?;
    Ok(IndexWeightsView {
        method: index::explain(&weights),
        weights: Figure::ALL
            .iter()
            .map(|f| Weight {
                figure: *f,
                weight: weights
                    .iter()
                    .find(|w| w.figure == *f)
                    .map_or(0, |w| w.weight),
            })
            .collect(),
        set_here: set,
    })
}

pub async fn put(
    state: &AppState,
    staff: StaffId,
    client: &str,
    req: &IndexWeightsRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let weights = checked(&req.weights)?;
    let rows: Vec<(&str, i64)> = weights
        .iter()
        .map(|w| (w.figure.code(), i64::from(w.weight)))
        .collect();
    let detail = rows
        .iter()
        .map(|(code, weight)| format!("{code}={weight}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut tx = state.db.begin_write().await?;
    db::statistics::put_index_weights(&mut tx, &rows).await?;
    record_in(&mut tx, state, &actor, client, "index_weights_put", detail).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(())
}

/// The weights that count, each figure once and each weight within bounds; at least one.
fn checked(asked: &[Weight]) -> AppResult<Vec<Weight>> {
    let mut out: Vec<Weight> = Vec::new();
    for w in asked {
        if out.iter().any(|o| o.figure == w.figure) {
            return Err(AppError::field(
                "weights",
                format!("“{}”填写了两次", w.figure.name()),
            ));
        }
        if w.weight > MOST {
            return Err(AppError::field(
                "weights",
                format!("“{}”的权重应为0至{MOST}的整数", w.figure.name()),
            ));
        }
        if w.weight > 0 {
            out.push(*w);
        }
    }
    if out.is_empty() {
        return Err(AppError::field("weights", "至少给一项指标设定大于0的权重"));
    }
    out.sort_by_key(|w| Figure::ALL.iter().position(|f| *f == w.figure));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(figure: Figure, weight: u32) -> Weight {
        Weight { figure, weight }
    }

    #[test]
    fn weights_count_once_within_bounds_and_zero_leaves_a_figure_out() {
        let ok = checked(&[
            w(Figure::Satisfaction, 30),
            w(Figure::Unrouted, 0),
            w(Figure::TimelyAcceptance, 70),
        ])
        .unwrap();
        assert_eq!(
            ok,
            [w(Figure::TimelyAcceptance, 70), w(Figure::Satisfaction, 30)],
            "in the figures' order, the zero left out"
        );
        for bad in [
            vec![],
            vec![w(Figure::Satisfaction, 0)],
            vec![w(Figure::Satisfaction, 101)],
            vec![w(Figure::Satisfaction, 1), w(Figure::Satisfaction, 2)],
        ] {
            assert!(checked(&bad).is_err(), "{bad:?}");
        }
    }
}
