//! What one petition adds to the monthly rollups: [`contribution`] of its facts, keyed by
//! month, unit and shard; the rules of each counter are those written on
//! [`shared::figures::Tally`].

use std::collections::BTreeMap;

use shared::figures::Tally;
use shared::petition::{Channel, Decision, Rating, Round};

pub use crate::db::statistics::{
    AnswerFact, Counts, Decided, Facts, NoticeFact, Routing, TallyKey, VolumeKey,
};

/// A counter: its index in [`Counts`], in the order of `db::statistics::COLUMNS`.
#[derive(Clone, Copy)]
enum C {
    Received,
    Online,
    Decided,
    DecidedInTime,
    Answered,
    AnsweredOnTime,
    Rated,
    Satisfied,
    Repeated,
    FirstAnswered,
    FirstResolved,
    Reviews,
    ReviewsAnswered,
    ReviewsChanged,
    Unrouted,
    Supervised,
    SupervisionAnswered,
    Forwarded,
    Assigned,
    Routed,
    Adopted,
}

/// Rows per busy unit and month: updates spread over them by petition id.
pub const SHARDS: i64 = 4;

/// The rollup rows one petition adds to, or a difference of two such sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contribution {
    pub tallies: BTreeMap<TallyKey, Counts>,
    pub volumes: BTreeMap<VolumeKey, i64>,
}

impl Contribution {
    fn count(&mut self, day: &str, unit: Option<i64>, shard: i64, counter: C) {
        let key = TallyKey {
            month: month_of(day),
            unit_id: unit.unwrap_or(0),
            shard,
        };
        self.tallies.entry(key).or_default()[counter as usize] += 1;
    }

    /// Adds `other` times `sign` (1 or -1), dropping rows that come to nothing.
    pub fn add(&mut self, other: &Contribution, sign: i64) {
        for (k, counts) in &other.tallies {
            let row = self.tallies.entry(k.clone()).or_default();
            for (a, b) in row.iter_mut().zip(counts) {
                *a += sign * b;
            }
            if row.iter().all(|c| *c == 0) {
                self.tallies.remove(k);
            }
        }
        for (k, n) in &other.volumes {
            let v = self.volumes.entry(k.clone()).or_default();
            *v += sign * n;
            if *v == 0 {
                self.volumes.remove(k);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty() && self.volumes.is_empty()
    }
}

/// `YYYY-MM` of a `YYYY-MM-DD` day.
pub fn month_of(day: &str) -> String {
    day.get(..7).unwrap_or(day).to_owned()
}

/// The counters as a [`Tally`].
pub fn to_tally(c: &Counts) -> Tally {
    let n = |i: C| u64::try_from(c[i as usize]).unwrap_or(0);
    Tally {
        received: n(C::Received),
        online: n(C::Online),
        decided: n(C::Decided),
        decided_in_time: n(C::DecidedInTime),
        answered: n(C::Answered),
        answered_on_time: n(C::AnsweredOnTime),
        rated: n(C::Rated),
        satisfied: n(C::Satisfied),
        repeated: n(C::Repeated),
        first_answered: n(C::FirstAnswered),
        first_resolved: n(C::FirstResolved),
        reviews: n(C::Reviews),
        reviews_answered: n(C::ReviewsAnswered),
        reviews_changed: n(C::ReviewsChanged),
        unrouted: n(C::Unrouted),
        supervised: n(C::Supervised),
        supervision_answered: n(C::SupervisionAnswered),
        forwarded: n(C::Forwarded),
        assigned: n(C::Assigned),
        routed: n(C::Routed),
        adopted: n(C::Adopted),
    }
}

/// What `f` adds to the rollups, by the rules written on [`Tally`]'s counters.
pub fn contribution(f: &Facts) -> Contribution {
    let mut c = Contribution::default();
    let shard = f.id.rem_euclid(SHARDS);
    let received = f.received_on.as_str();
    let by = f.received_by;
    c.count(received, by, shard, C::Received);
    if f.channel == Channel::Online.code() {
        c.count(received, by, shard, C::Online);
    }
    if f.repeat {
        c.count(received, by, shard, C::Repeated);
    }
    c.volumes.insert(
        VolumeKey {
            month: month_of(received),
            unit_id: by.unwrap_or(0),
            channel: f.channel.clone(),
            kind: f.kind.clone(),
            category_id: f.category_id,
            region_id: f.region_id,
            shard,
        },
        1,
    );
    if let Some(d) = &f.decided {
        let day = d.on.as_str();
        c.count(day, by, shard, C::Decided);
        if d.in_time {
            c.count(day, by, shard, C::DecidedInTime);
        } else {
            c.count(received, by, shard, C::Unrouted);
        }
        match d.how {
            Routing::Forwarded => c.count(day, by, shard, C::Forwarded),
            Routing::Assigned => c.count(day, by, shard, C::Assigned),
            Routing::Accepted | Routing::NotAccepted => {}
        }
        if let Some(to) = d.to {
            c.count(day, Some(to), shard, C::Routed);
        }
    }
    let mut answers: Vec<&AnswerFact> = f.answers.iter().collect();
    answers.sort_by_key(|a| round_order(a.round));
    let mut reviewed: Option<&AnswerFact> = None;
    let mut adopted = false;
    for a in answers {
        let (day, unit) = (a.answered_on.as_str(), a.unit_id);
        c.count(day, unit, shard, C::Answered);
        if a.on_time {
            c.count(day, unit, shard, C::AnsweredOnTime);
        }
        if let Some(r) = a.rating {
            c.count(day, unit, shard, C::Rated);
            if r != Rating::NotSatisfied {
                c.count(day, unit, shard, C::Satisfied);
            }
        }
        if a.round == Round::First {
            if !f.repeat {
                c.count(day, unit, shard, C::FirstAnswered);
                if a.review_requested_on.is_none() && !f.repeated_later {
                    c.count(day, unit, shard, C::FirstResolved);
                }
            }
        } else {
            c.count(day, unit, shard, C::ReviewsAnswered);
            let before = reviewed.and_then(|r| r.decision.as_deref());
            if before.is_some() && a.decision.is_some() && before != a.decision.as_deref() {
                c.count(day, unit, shard, C::ReviewsChanged);
            }
        }
        // A suggestion adopted is counted once, at its first answer that adopts it.
        if !adopted
            && matches!(
                a.decision.as_deref().and_then(Decision::from_code),
                Some(Decision::Adopted | Decision::PartlyAdopted)
            )
        {
            adopted = true;
            c.count(day, unit, shard, C::Adopted);
        }
        if let Some(asked) = &a.review_requested_on {
            c.count(asked, unit, shard, C::Reviews);
        }
        reviewed = Some(a);
    }
    for n in &f.notices {
        let unit = Some(n.unit_id);
        c.count(&n.issued_on, unit, shard, C::Supervised);
        if n.answered {
            c.count(&n.issued_on, unit, shard, C::SupervisionAnswered);
        }
    }
    c
}

fn round_order(r: Round) -> u8 {
    match r {
        Round::First => 0,
        Round::Review => 1,
        Round::ReReview => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed(id: i64) -> Facts {
        Facts {
            id,
            received_on: "2026-11-03".into(),
            received_by: Some(7),
            channel: "online".into(),
            kind: "complaint".into(),
            category_id: 1,
            region_id: 2,
            ..Facts::default()
        }
    }

    fn answer(round: Round, decision: &str) -> AnswerFact {
        AnswerFact {
            round,
            unit_id: Some(9),
            answered_on: "2026-12-01".into(),
            on_time: true,
            decision: Some(decision.into()),
            rating: Some(Rating::BasicallySatisfied),
            review_requested_on: None,
        }
    }

    fn decided(on: &str, in_time: bool, how: Routing, to: Option<i64>) -> Option<Decided> {
        Some(Decided {
            on: on.into(),
            in_time,
            how,
            to,
        })
    }

    fn tally(c: &Contribution, month: &str, unit: i64) -> Tally {
        let mut t = Tally::default();
        for (k, counts) in &c.tallies {
            if k.month == month && k.unit_id == unit {
                t.add(&to_tally(counts));
            }
        }
        t
    }

    #[test]
    fn a_matter_counts_where_and_when_each_thing_happened() {
        let mut f = filed(6);
        f.decided = decided("2026-11-20", false, Routing::Forwarded, Some(9));
        let mut first = answer(Round::First, "reject");
        first.review_requested_on = Some("2026-12-05".into());
        f.answers = vec![answer(Round::Review, "support"), first];
        let c = contribution(&f);
        let november = tally(&c, "2026-11", 7);
        assert_eq!(
            (november.received, november.online, november.decided),
            (1, 1, 1)
        );
        assert_eq!((november.decided_in_time, november.unrouted), (0, 1));
        assert_eq!(
            (november.forwarded, november.assigned, november.routed),
            (1, 0, 0),
            "forwarded by the unit that received it"
        );
        let given = tally(&c, "2026-11", 9);
        assert_eq!((given.routed, given.received), (1, 0), "routed to unit 9");
        let december = tally(&c, "2026-12", 9);
        assert_eq!(
            (december.answered, december.rated, december.satisfied),
            (2, 2, 2)
        );
        assert_eq!((december.first_answered, december.first_resolved), (1, 0));
        assert_eq!(
            (
                december.reviews,
                december.reviews_answered,
                december.reviews_changed
            ),
            (1, 1, 1),
            "the review changed 不予支持 to 支持"
        );
        assert!(c.tallies.keys().all(|k| k.shard == 6 % SHARDS));
    }

    #[test]
    fn the_difference_of_two_states_is_what_changed() {
        let before = filed(1);
        let mut after = before.clone();
        after.decided = decided("2026-11-04", true, Routing::Accepted, Some(7));
        let mut delta = contribution(&after);
        delta.add(&contribution(&before), -1);
        assert!(delta.volumes.is_empty(), "still received once");
        let t = tally(&delta, "2026-11", 7);
        assert_eq!((t.received, t.decided, t.decided_in_time), (0, 1, 1));
        assert_eq!((t.routed, t.forwarded), (1, 0), "accepted where received");
        let mut back = delta.clone();
        back.add(&delta, -1);
        assert!(back.is_empty());
    }

    #[test]
    fn an_adopted_suggestion_counts_once_and_a_refusal_routes_nowhere() {
        let mut f = filed(3);
        f.kind = "suggestion".into();
        f.decided = decided("2026-11-05", true, Routing::Assigned, Some(9));
        let mut review = answer(Round::Review, "adopted");
        review.answered_on = "2027-01-10".into();
        f.answers = vec![answer(Round::First, "partly_adopted"), review];
        let c = contribution(&f);
        assert_eq!(tally(&c, "2026-11", 7).assigned, 1);
        assert_eq!(tally(&c, "2026-11", 9).routed, 1);
        assert_eq!(tally(&c, "2026-12", 9).adopted, 1, "at the first answer");
        assert_eq!(tally(&c, "2027-01", 9).adopted, 0, "not twice");

        let mut refused = filed(4);
        refused.decided = decided("2026-11-05", true, Routing::NotAccepted, None);
        let t = tally(&contribution(&refused), "2026-11", 7);
        assert_eq!((t.decided, t.forwarded, t.assigned, t.routed), (1, 0, 0, 0));
    }
}
