//! Keeping the rollups current: the contributions of the petitions a write touches, taken
//! before and after it in the same transaction, and their difference added.

use super::tally::{Contribution, contribution};
use crate::db::{self, Tx, statistics::Facts};

/// The contributions of some petitions before a write; [`Retally::finish`] adds what the
/// write changed.
#[must_use = "the rollups change only when finished"]
pub struct Retally {
    ids: Vec<i64>,
    before: Contribution,
}

impl Retally {
    /// Takes the contributions of `ids` (duplicates are counted once).
    pub async fn begin(
        tx: &mut Tx,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<Self, sqlx::Error> {
        let mut ids: Vec<i64> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let before = sum(tx, &ids).await?;
        Ok(Self { ids, before })
    }

    /// A petition inserted in this transaction: it contributed nothing before.
    pub fn include_new(&mut self, id: i64) {
        if let Err(at) = self.ids.binary_search(&id) {
            self.ids.insert(at, id);
        }
    }

    /// Adds the difference between the contributions now and before.
    pub async fn finish(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        let mut delta = sum(tx, &self.ids).await?;
        delta.add(&self.before, -1);
        apply(tx, &delta).await
    }
}

/// The petitions filed in one group transaction: their contributions, known without
/// reading them back, summed and added once before the group commits (many filings of a
/// month share a unit's rows, so a group of fifty updates a few rows, not a hundred).
#[derive(Default)]
pub struct Filed(Contribution);

impl Filed {
    pub fn add(&mut self, facts: &Facts) {
        self.0.add(&contribution(facts), 1);
    }

    pub async fn apply(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        apply(tx, &self.0).await
    }
}

async fn sum(tx: &mut Tx, ids: &[i64]) -> Result<Contribution, sqlx::Error> {
    let mut total = Contribution::default();
    for &id in ids {
        for f in db::statistics::facts(tx, id - 1, id, 1).await? {
            total.add(&contribution(&f), 1);
        }
    }
    Ok(total)
}

pub(super) async fn apply(tx: &mut Tx, delta: &Contribution) -> Result<(), sqlx::Error> {
    for (key, counts) in &delta.tallies {
        db::statistics::add_tally(tx, key, counts).await?;
    }
    for (key, n) in &delta.volumes {
        db::statistics::add_volume(tx, key, *n).await?;
    }
    Ok(())
}
