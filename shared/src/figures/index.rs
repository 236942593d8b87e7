//! 信访指数: one number from 0 to 100 per unit and month, the weighted mean of its figures'
//! scores, for a leader's phone and the monthly 通报's ranking.

use serde::{Deserialize, Serialize};

use super::{Figure, Tally};

/// A figure's weight in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Weight {
    pub figure: Figure,
    pub weight: u32,
}

/// The weights a portal starts with (the configuration's `[statistics] index_weights` may
/// set others, and an administrator others again on the administration page): the answer
/// on time and the petitioner's satisfaction weigh most, as the bureaus' evaluations do.
pub const DEFAULT_WEIGHTS: [Weight; 6] = [
    Weight {
        figure: Figure::TimelyAcceptance,
        weight: 20,
    },
    Weight {
        figure: Figure::OnTimeAnswer,
        weight: 25,
    },
    Weight {
        figure: Figure::Satisfaction,
        weight: 25,
    },
    Weight {
        figure: Figure::RatingShare,
        weight: 10,
    },
    Weight {
        figure: Figure::Unrouted,
        weight: 10,
    },
    Weight {
        figure: Figure::SupervisionAnswered,
        weight: 10,
    },
];

/// The index of `t`: each weighted figure scores its share (or, where lower is better, the
/// rest of it); figures with nothing counted are left out and the others' weights stand for
/// the whole. None when no weighted figure has anything counted.
pub fn index(t: &Tally, weights: &[Weight]) -> Option<u32> {
    let (mut sum, mut total) = (0u64, 0u64);
    for w in weights {
        let Some(m) = w.figure.of(t).per_mille() else {
            continue;
        };
        let score = if w.figure.higher_is_better() {
            m
        } else {
            1000 - m.min(1000)
        };
        sum += u64::from(w.weight) * score;
        total += u64::from(w.weight);
    }
    // Per mille to points, rounded half up.
    (total > 0).then(|| u32::try_from((sum + total * 5) / (total * 10)).unwrap_or(100))
}

/// How the index is computed, in words, for the pages that show it.
pub fn explain(weights: &[Weight]) -> String {
    let parts: Vec<String> = weights
        .iter()
        .map(|w| {
            let how = if w.figure.higher_is_better() {
                ""
            } else {
                "（取100%减该率）"
            };
            format!("{}{how}×{}", w.figure.name(), w.weight)
        })
        .collect();
    format!(
        "信访指数＝（{}）÷ 权重之和，满分100；当月没有计数的指标不参与计算。",
        parts.join(" ＋ ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_the_weighted_mean_of_the_scores() {
        let t = Tally {
            received: 10,
            decided: 10,
            decided_in_time: 9,
            answered: 8,
            answered_on_time: 6,
            rated: 4,
            satisfied: 3,
            unrouted: 1,
            ..Tally::default()
        };
        // 90×20 + 75×25 + 75×25 + 50×10 + 90×10 = 6 950 over 90 (督办 not counted): 77.2.
        assert_eq!(index(&t, &DEFAULT_WEIGHTS), Some(77));
        assert_eq!(index(&Tally::default(), &DEFAULT_WEIGHTS), None);
        let only = [Weight {
            figure: Figure::Unrouted,
            weight: 1,
        }];
        assert_eq!(index(&t, &only), Some(90), "lower is better: 100 − 10");
    }

    #[test]
    fn the_explanation_names_every_weight() {
        let text = explain(&DEFAULT_WEIGHTS);
        assert!(text.contains("按期办结率×25") && text.contains("漏排率（取100%减该率）×10"));
    }
}
