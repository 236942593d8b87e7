//! The audit trail: every action appends who, role, unit, what, when and from where to a
//! MAC-chained log in the action's own transaction; `verify` finds any changed, inserted
//! or deleted record, and, against the checkpoint kept outside the database, records cut
//! off the end or a chain emptied. Staff views of case files are recorded in groups
//! (`views`).

pub mod checkpoint;
pub mod views;

use shared::audit_chain::ChainWalk;

use crate::crypto::Vault;
use crate::db::{self, Tx, audit::AuditRow};

/// What to record. `detail` must never carry personal data: ids, codes and staff text only.
pub struct Entry<'a> {
    pub at: i64,
    pub actor: String,
    pub role: Option<&'a str>,
    pub unit_id: Option<i64>,
    pub action: &'a str,
    pub petition_id: Option<i64>,
    pub detail: Option<String>,
    /// The client address the request came from.
    pub client: Option<&'a str>,
}

fn fields(r: &AuditRow) -> Vec<Vec<u8>> {
    let opt = |s: &Option<String>| s.as_deref().unwrap_or("\u{0}none").as_bytes().to_vec();
    let int = |i: Option<i64>| i.map_or_else(|| b"\0none".to_vec(), |i| i.to_string().into_bytes());
    vec![
        r.seq.to_string().into_bytes(),
        r.at.to_string().into_bytes(),
        r.actor.as_bytes().to_vec(),
        opt(&r.role),
        int(r.unit_id),
        r.action.as_bytes().to_vec(),
        int(r.petition_id),
        opt(&r.detail),
        opt(&r.client),
    ]
}

fn link(vault: &Vault, r: &AuditRow) -> Vec<u8> {
    let f = fields(r);
    let parts: Vec<&[u8]> = f.iter().map(Vec::as_slice).collect();
    vault.audit_mac(&r.prev_mac, &parts)
}

/// Appends `e` to the chain inside `tx`; returns its sequence number, which also names
/// the change for the messages it causes.
pub async fn record(tx: &mut Tx, vault: &Vault, e: Entry<'_>) -> Result<i64, sqlx::Error> {
    let (seq, prev_mac) = db::audit::advance_head(tx).await?;
    let mut row = AuditRow {
        seq,
        at: e.at,
        actor: e.actor,
        role: e.role.map(str::to_owned),
        unit_id: e.unit_id,
        action: e.action.to_owned(),
        petition_id: e.petition_id,
        detail: e.detail,
        client: e.client.map(str::to_owned),
        prev_mac,
        mac: Vec::new(),
    };
    row.mac = link(vault, &row);
    db::audit::append(tx, &row).await?;
    Ok(seq)
}

/// Appends `entries`, in order, inside `tx`: one head update and a statement per forty
/// records, however many (the case views of a moment).
pub async fn record_many(
    tx: &mut Tx,
    vault: &Vault,
    entries: Vec<Entry<'_>>,
) -> Result<(), sqlx::Error> {
    let Ok(n) = i64::try_from(entries.len()) else {
        return Ok(());
    };
    if n == 0 {
        return Ok(());
    }
    let (last, mut prev_mac) = db::audit::advance_head_by(tx, n).await?;
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, e) in (last - n + 1..).zip(entries) {
        let mut row = AuditRow {
            seq,
            at: e.at,
            actor: e.actor,
            role: e.role.map(str::to_owned),
            unit_id: e.unit_id,
            action: e.action.to_owned(),
            petition_id: e.petition_id,
            detail: e.detail,
            client: e.client.map(str::to_owned),
            prev_mac,
            mac: Vec::new(),
        };
        row.mac = link(vault, &row);
        prev_mac = row.mac.clone();
        rows.push(row);
    }
    db::audit::append_many(tx, &rows).await
}

/// Appends `e` in a transaction of its own: for what is recorded apart from any change
/// (a sign-in, a second factor bound).
pub async fn record_alone(state: &crate::state::AppState, e: Entry<'_>) -> anyhow::Result<()> {
    let mut tx = state.db.begin_write().await?;
    record(&mut tx, &state.vault, e).await?;
    tx.commit().await?;
    Ok(())
}

/// The outcome of checking the whole chain.
#[derive(Debug, PartialEq, Eq)]
pub struct Verification {
    pub checked: i64,
    /// The first break found, in words, with its sequence number.
    pub problem: Option<String>,
}

/// [`verify`], then the chain against the checkpoint at `checkpoint` (if one was written):
/// the record it names must still be there, with the same MAC.
pub async fn verify_with_checkpoint(
    pool: &sqlx::AnyPool,
    vault: &Vault,
    checkpoint: &std::path::Path,
) -> anyhow::Result<Verification> {
    let v = verify(pool, vault).await?;
    if v.problem.is_some() {
        return Ok(v);
    }
    let problem = match checkpoint::read(checkpoint, vault) {
        Err(e) => Some(format!("审计检查点文件无法使用（{e}）")),
        Ok(None) => None,
        Ok(Some(cp)) if cp.seq > v.checked => Some(format!(
            "检查点记录到第{}条，审计链现只有{}条：末尾的记录已被删除",
            cp.seq, v.checked
        )),
        Ok(Some(cp)) => {
            let kept = db::audit::page(pool, cp.seq - 1, 1).await?;
            match kept.first() {
                Some(r) if r.seq == cp.seq && crate::crypto::same(&r.mac, &cp.mac) => None,
                _ => Some(format!("第{}条记录与检查点不符：审计链已被重写", cp.seq)),
            }
        }
    };
    Ok(Verification {
        checked: v.checked,
        problem,
    })
}

/// Walks the chain from the first record and checks every link and the head.
pub async fn verify(pool: &sqlx::AnyPool, vault: &Vault) -> Result<Verification, sqlx::Error> {
    let mut walk = ChainWalk::new();
    loop {
        let rows = db::audit::page(pool, walk.last_seq(), 1000).await?;
        if rows.is_empty() {
            break;
        }
        for r in rows {
            if let Err(broken) = walk.step(r.seq, &r.prev_mac, &r.mac, &link(vault, &r)) {
                return Ok(Verification {
                    checked: walk.checked(),
                    problem: Some(broken.to_string()),
                });
            }
        }
    }
    let (last_seq, last_mac) = db::audit::head(pool).await?;
    let checked = walk.checked();
    let problem = walk
        .finish(last_seq, &last_mac)
        .err()
        .map(|b| b.to_string());
    Ok(Verification { checked, problem })
}
