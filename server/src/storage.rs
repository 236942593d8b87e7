//! The attachment store: files on local disk under the data folder, named by random keys.
//!
//! Files are written (and synced) before the database row that names them commits, so
//! a committed row always has its file; a rolled-back filing leaves at most an orphan
//! file, which the caller deletes.

use std::path::PathBuf;

use anyhow::Context;

#[derive(Clone, Debug)]
pub struct AttachmentStore {
    dir: PathBuf,
}

impl AttachmentStore {
    pub fn new(dir: PathBuf) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("failed to create {}", dir.display()))?;
        Ok(Self { dir })
    }

    /// Stores `bytes` under a new random key and returns the key.
    pub async fn put(&self, bytes: Vec<u8>) -> anyhow::Result<String> {
        let key = uuid::Uuid::new_v4().simple().to_string();
        let path = self.dir.join(&key);
        let tmp = self.dir.join(format!("{key}.tmp"));
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            use std::io::Write;
            let mut f =
                std::fs::File::create(&tmp).context("failed to create an attachment file")?;
            f.write_all(&bytes)
                .context("failed to write an attachment file")?;
            f.sync_all().context("failed to sync an attachment file")?;
            std::fs::rename(&tmp, &path).context("failed to move an attachment file into place")?;
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
        tokio::fs::read(self.dir.join(key))
            .await
            .context("failed to read an attachment file")
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
