//! The audit chain's rule, kept free of storage and keys so that it can be checked in
//! isolation (and fuzzed): records are numbered 1, 2, 3… without a gap, each names the MAC
//! of the one before it, each MAC is the one its content yields, and the head names the
//! last record.

/// Where a chain breaks. The messages are the ones administrators read (Chinese).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    Missing { expected: i64, found: i64 },
    Unlinked { seq: i64 },
    Altered { seq: i64 },
    TailMissing { head: i64, found: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing { expected, found } => {
                write!(f, "第{expected}条记录缺失（下一条为第{found}条）")
            }
            Self::Unlinked { seq } => write!(f, "第{seq}条记录与前一条记录的链接不符"),
            Self::Altered { seq } => write!(f, "第{seq}条记录的内容已被改动"),
            Self::TailMissing { head, found } => {
                write!(f, "审计链末尾的记录缺失：应有{head}条，实有{found}条")
            }
        }
    }
}

/// Walks a chain record by record, in sequence order.
#[derive(Debug)]
pub struct ChainWalk {
    expected_seq: i64,
    prev: Vec<u8>,
    checked: i64,
}

impl Default for ChainWalk {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainWalk {
    pub fn new() -> Self {
        Self {
            expected_seq: 1,
            prev: Vec::new(),
            checked: 0,
        }
    }

    /// The sequence number of the last record accepted so far (0 before the first).
    pub fn last_seq(&self) -> i64 {
        self.expected_seq - 1
    }

    pub fn checked(&self) -> i64 {
        self.checked
    }

    /// Checks the next record: its number, its link to the one before, and its MAC against
    /// `computed`, the MAC its stored content yields.
    pub fn step(
        &mut self,
        seq: i64,
        prev_mac: &[u8],
        mac: &[u8],
        computed: &[u8],
    ) -> Result<(), Break> {
        if seq != self.expected_seq {
            return Err(Break::Missing {
                expected: self.expected_seq,
                found: seq,
            });
        }
        if !same(prev_mac, &self.prev) {
            return Err(Break::Unlinked { seq });
        }
        if !same(mac, computed) {
            return Err(Break::Altered { seq });
        }
        self.checked += 1;
        self.expected_seq += 1;
        self.prev = mac.to_vec();
        Ok(())
    }

    /// After the last record: the head must name it, or records were cut off the end.
    pub fn finish(self, head_seq: i64, head_mac: &[u8]) -> Result<i64, Break> {
        if head_seq != self.checked || !same(head_mac, &self.prev) {
            return Err(Break::TailMissing {
                head: head_seq,
                found: self.checked,
            });
        }
        Ok(self.checked)
    }
}

/// Equal in time independent of where they differ (MACs are compared here).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy MAC: enough to build chains for the walk's own rules.
    fn mac(prev: &[u8], content: u8) -> Vec<u8> {
        let mut m = prev.to_vec();
        m.push(content);
        m
    }

    fn chain(n: u8) -> Vec<(i64, Vec<u8>, Vec<u8>, u8)> {
        let mut out = Vec::new();
        let mut prev = Vec::new();
        for i in 1..=n {
            let m = mac(&prev, i);
            out.push((i64::from(i), prev.clone(), m.clone(), i));
            prev = m;
        }
        out
    }

    fn walk(records: &[(i64, Vec<u8>, Vec<u8>, u8)], head: (i64, &[u8])) -> Result<i64, Break> {
        let mut w = ChainWalk::new();
        for (seq, prev, m, content) in records {
            w.step(*seq, prev, m, &mac(prev, *content))?;
        }
        w.finish(head.0, head.1)
    }

    #[test]
    fn an_intact_chain_verifies_and_every_kind_of_tampering_is_named() {
        let c = chain(5);
        let head = c[4].2.clone();
        assert_eq!(walk(&c, (5, &head)), Ok(5));

        let mut altered = c.clone();
        altered[2].3 = 99;
        assert_eq!(walk(&altered, (5, &head)), Err(Break::Altered { seq: 3 }));

        let mut gap = c.clone();
        gap.remove(1);
        assert_eq!(
            walk(&gap, (5, &head)),
            Err(Break::Missing {
                expected: 2,
                found: 3
            })
        );

        let mut relinked = c.clone();
        relinked[3].1 = vec![7];
        assert_eq!(walk(&relinked, (5, &head)), Err(Break::Unlinked { seq: 4 }));

        let cut = &c[..4];
        assert_eq!(
            walk(cut, (5, &head)),
            Err(Break::TailMissing { head: 5, found: 4 })
        );
        assert_eq!(
            Break::Altered { seq: 3 }.to_string(),
            "第3条记录的内容已被改动"
        );
    }
}
