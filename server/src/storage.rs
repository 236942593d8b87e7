//! The attachment store: files on local disk under the data folder, named by random keys,
//! encrypted with the field vault's key (ID scans and evidence are personal data like the
//! fields beside them) and readable by the portal's user alone.
//!
//! Files are written (and synced, with their folder) before the database row that names
//! them commits, so a committed row always has its file; a rolled-back filing leaves at
//! most an orphan file, which the caller deletes.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use crate::crypto::{Field, Vault};

/// What an encrypted attachment file starts with; older files without it are plain.
const SEALED: &[u8] = b"PPSEAL1\n";

#[derive(Clone)]
pub struct AttachmentStore {
    dir: PathBuf,
    vault: Arc<Vault>,
}

impl AttachmentStore {
    pub fn new(dir: PathBuf, vault: Arc<Vault>) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("failed to create {}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("failed to restrict {}", dir.display()))?;
        }
        Ok(Self { dir, vault })
    }

    /// The folder the files are in (backups copy it).
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Stores `bytes` under a new random key and returns the key.
    pub async fn put(&self, bytes: Vec<u8>) -> anyhow::Result<String> {
        let key = uuid::Uuid::new_v4().simple().to_string();
        let path = self.dir.join(&key);
        let tmp = self.dir.join(format!("{key}.tmp"));
        let dir = self.dir.clone();
        let vault = self.vault.clone();
        let context = key.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            use std::io::Write;
            let mut sealed = SEALED.to_vec();
            sealed.extend(vault.seal(Field::Attachment, context.as_bytes(), &bytes));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options
                .open(&tmp)
                .context("failed to create an attachment file")?;
            f.write_all(&sealed)
                .context("failed to write an attachment file")?;
            f.sync_all().context("failed to sync an attachment file")?;
            std::fs::rename(&tmp, &path).context("failed to move an attachment file into place")?;
            // The rename is durable only once the folder is synced too.
            std::fs::File::open(&dir)
                .and_then(|d| d.sync_all())
                .context("failed to sync the attachment folder")?;
            Ok(())
        })
        .await
        .context("attachment writer failed")??;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        anyhow::ensure!(
            key.bytes().all(|b| b.is_ascii_hexdigit()),
            "bad storage key"
        );
        let stored = tokio::fs::read(self.dir.join(key))
            .await
            .context("failed to read an attachment file")?;
        match stored.strip_prefix(SEALED) {
            Some(sealed) => self.vault.open(Field::Attachment, key.as_bytes(), sealed),
            // Stored before attachments were encrypted.
            None => Ok(stored),
        }
    }

    /// Best-effort removal of files whose database rows did not commit.
    pub async fn discard(&self, keys: &[String]) {
        for key in keys {
            if let Err(e) = tokio::fs::remove_file(self.dir.join(key)).await {
                tracing::warn!(error = %e, "failed to remove an orphan attachment file");
            }
        }
    }
}
