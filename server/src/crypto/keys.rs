//! The master key: from configuration, or generated once into the data folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret, SecretString};

/// Returns the 32-byte master key. A configured key wins; otherwise `<data_dir>/master.key`
/// is read, or created with owner-only permissions on first start. Losing this key
/// makes the stored personal data unreadable, so docs/OPERATIONS.md tells operators to back it up.
pub fn load_master_key(configured: &SecretString, data_dir: &Path) -> anyhow::Result<[u8; 32]> {
    let configured = configured.expose_secret().trim();
    if !configured.is_empty() {
        return decode(configured).context("security.master_key is not 32 bytes of base64");
    }
    let path = data_dir.join("master.key");
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("failed to read {}", path.display()))?;
        return decode(text.trim())
            .with_context(|| format!("{} is not 32 bytes of base64", path.display()));
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("failed to create {}", data_dir.display()))?;
    let key = super::random_bytes::<32>();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("failed to create {}", path.display()))?;
    writeln!(file, "{}", STANDARD.encode(key)).context("failed to write the master key")?;
    file.sync_all().context("failed to sync the master key")?;
    tracing::warn!(path = %path.display(), "generated a new master key; back it up with the database");
    Ok(key)
}

fn decode(text: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = STANDARD.decode(text)?;
    match <[u8; 32]>::try_from(bytes.as_slice()) {
        Ok(key) => Ok(key),
        Err(_) => bail!("expected 32 bytes, found {}", bytes.len()),
    }
}
