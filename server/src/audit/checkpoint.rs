//! The audit chain's checkpoint, kept outside the database: the last record's number and
//! MAC, signed with a key derived from the master key. Someone who can write the database
//! but not the master key can rewrite the chain's head to hide records cut off its end, or
//! empty the chain altogether; the checkpoint still names the record that must be there.
//! Written each minute by every instance (never backwards), and read by `verify`.

use std::path::Path;

use anyhow::Context;

use crate::crypto::Vault;
use crate::state::AppState;

/// A signed (number, MAC) of one record of the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub mac: Vec<u8>,
}

impl Checkpoint {
    fn tag(&self, vault: &Vault) -> Vec<u8> {
        let seq = self.seq.to_string();
        vault.audit_mac(b"audit checkpoint", &[seq.as_bytes(), &self.mac])
    }

    /// One line: `seq mac tag`, hexadecimal.
    pub fn to_line(&self, vault: &Vault) -> String {
        format!(
            "{} {} {}\n",
            self.seq,
            hex(&self.mac),
            hex(&self.tag(vault))
        )
    }

    /// Reads a line written by [`Checkpoint::to_line`]; an error if it was changed.
    pub fn parse(line: &str, vault: &Vault) -> anyhow::Result<Self> {
        let mut parts = line.split_whitespace();
        let (Some(seq), Some(mac), Some(tag), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            anyhow::bail!("the checkpoint is not three fields");
        };
        let cp = Self {
            seq: seq.parse().context("the checkpoint's number")?,
            mac: unhex(mac).context("the checkpoint's MAC")?,
        };
        anyhow::ensure!(
            crate::crypto::same(&unhex(tag)?, &cp.tag(vault)),
            "the checkpoint's signature does not match"
        );
        Ok(cp)
    }
}

/// The checkpoint at `path`, if one was written.
pub fn read(path: &Path, vault: &Vault) -> anyhow::Result<Option<Checkpoint>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(Checkpoint::parse(&text, vault)?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("failed to read {}", path.display())),
    }
}

/// Moves the checkpoint to the chain's head. Never backwards: a head behind the checkpoint
/// means records were cut off, and the checkpoint is the evidence, so it is kept.
pub async fn advance(state: &AppState) -> anyhow::Result<()> {
    let path = state.settings.audit_checkpoint();
    let (seq, mac) = crate::db::audit::head(&state.db.pool).await?;
    if seq == 0 {
        return Ok(());
    }
    if let Some(old) = read(&path, &state.vault)?
        && old.seq > seq
    {
        tracing::error!(
            checkpoint.seq = old.seq,
            head.seq = seq,
            "the audit chain is shorter than its checkpoint: records were removed"
        );
        return Ok(());
    }
    let line = Checkpoint { seq, mac }.to_line(&state.vault);
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, line).with_context(|| format!("failed to write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("failed to replace {}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(text.len().is_multiple_of(2), "odd length");
    (0..text.len())
        .step_by(2)
        .map(|i| Ok(u8::from_str_radix(&text[i..i + 2], 16)?))
        .collect()
}
