//! Which statuses each query of the queue reads: one per status, every open status at once
//! in due order, and the paper replies waiting for their delivery; each condition worded
//! as the index that serves it.

use shared::petition::{PetitionStatus, QueueSort};

use super::{Arg, QueueQuery, place};

/// The statuses in which someone on the staff side has to act, word for word as
/// `petitions_open_due_idx`'s condition (the engine uses a partial index only for a
/// condition it can match to the index's own).
const ALL_OPEN: &str =
    "p.status IN ('submitted', 'forwarded', 'objected', 'handling', 'awaiting_approval')";

/// The statuses of [`ALL_OPEN`].
const OPEN_STATUSES: [PetitionStatus; 5] = [
    PetitionStatus::Submitted,
    PetitionStatus::Forwarded,
    PetitionStatus::Objected,
    PetitionStatus::Handling,
    PetitionStatus::AwaitingApproval,
];

/// Whether `statuses` are exactly those of [`ALL_OPEN`].
fn is_all_open(statuses: &[PetitionStatus]) -> bool {
    statuses.len() == OPEN_STATUSES.len() && OPEN_STATUSES.iter().all(|s| statuses.contains(s))
}

/// Whether `open_matters` (migration 0023: the open matters by unit, status and due date,
/// kept by triggers) holds every row `part` of `q` reads: it counts the open statuses only.
pub(super) fn in_rollup(q: &QueueQuery<'_>, part: Part) -> bool {
    match part {
        Part::AllOpen => true,
        Part::Open => q.statuses.iter().all(|s| OPEN_STATUSES.contains(s)),
        Part::AwaitingDelivery => false,
    }
}

/// A reply that went out on paper waits for its 送达 to be recorded: until then no window
/// runs, so it stays on the desk. (The same words as `petitions_awaiting_delivery_idx`'s
/// condition, which is what lets the engine use that index.)
const AWAITING: &str = "p.status = 'replied' AND p.clock = 'none' AND p.channel <> 'online'";

/// The condition on the status of one part.
pub(super) fn status_part<'a>(q: &QueueQuery<'a>, part: Part, args: &mut Vec<Arg<'a>>) -> String {
    match part {
        Part::Open => {
            let st: Vec<String> = q
                .statuses
                .iter()
                .map(|s| place(Arg::Text(s.code()), args))
                .collect();
            format!("p.status IN ({})", st.join(", "))
        }
        Part::AllOpen => ALL_OPEN.to_owned(),
        Part::AwaitingDelivery => AWAITING.to_owned(),
    }
}

/// Which statuses one query reads: each served by a range of the (unit, status) indexes.
#[derive(Clone, Copy)]
pub(super) enum Part {
    /// The query's statuses (one, as [`parts`] splits them).
    Open,
    /// Every open status at once, in due order ([`ALL_OPEN`]).
    AllOpen,
    /// Paper replies waiting for their 送达 to be recorded.
    AwaitingDelivery,
}

/// The query split into one query per status, and one for the paper replies waiting for
/// their delivery when those are asked for.
pub(super) fn parts<'a>(q: &QueueQuery<'a>) -> Vec<(QueueQuery<'a>, Part)> {
    let mut out: Vec<(QueueQuery<'a>, Part)> = q
        .statuses
        .iter()
        .map(|s| {
            let sub = QueueQuery {
                statuses: std::slice::from_ref(s),
                awaiting_delivery: false,
                ..*q
            };
            (sub, Part::Open)
        })
        .collect();
    if q.awaiting_delivery {
        let sub = QueueQuery {
            statuses: &[],
            awaiting_delivery: false,
            ..*q
        };
        out.push((sub, Part::AwaitingDelivery));
    }
    out
}

/// The parts a page of rows reads: with every open status asked in due order, one range of
/// `petitions_open_due_idx` a unit instead of one per status.
pub(super) fn row_parts<'a>(q: &QueueQuery<'a>) -> Vec<(QueueQuery<'a>, Part)> {
    if !(matches!(q.sort, QueueSort::Due) && is_all_open(q.statuses)) {
        return parts(q);
    }
    let mut out = vec![(
        QueueQuery {
            awaiting_delivery: false,
            ..*q
        },
        Part::AllOpen,
    )];
    out.extend(
        parts(&QueueQuery {
            statuses: &[],
            ..*q
        })
        .into_iter()
        .filter(|(_, part)| matches!(part, Part::AwaitingDelivery)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_statuses_are_word_for_word_the_partial_index_condition_and_the_rollup() {
        for sql in [
            include_str!("../../../../../migrations/sqlite/0021_open_matters_by_due.sql"),
            include_str!("../../../../../migrations/postgres/0021_open_matters_by_due.sql"),
            include_str!("../../../../../migrations/sqlite/0023_open_matters.sql"),
            include_str!("../../../../../migrations/postgres/0023_open_matters.sql"),
        ] {
            let list = ALL_OPEN.replace("p.status ", "");
            assert!(sql.contains(&list), "{sql}");
            // Every list of statuses in the file is that one (the rollup's triggers repeat it).
            assert_eq!(
                sql.matches("IN ('").count(),
                sql.matches(&list).count(),
                "{sql}"
            );
        }
        use PetitionStatus::*;
        assert!(is_all_open(&[
            Handling,
            Submitted,
            Forwarded,
            Objected,
            AwaitingApproval
        ]));
        assert!(!is_all_open(&[Submitted, Forwarded, Objected, Handling]));
        assert!(!is_all_open(&[
            Submitted, Forwarded, Objected, Handling, Handling
        ]));
    }
}
