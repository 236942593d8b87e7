//! 查阅记录: every time a staff member opens a case file, the audit trail records who, from
//! where and which petition. Views are many (every page a clerk opens), so they are
//! appended in groups by one writer task a moment after they happen, instead of each one
//! taking the write lock while the page waits. A view still waiting when the process dies
//! is lost; one that fails to be written is logged (by ids only).

use tokio::sync::mpsc;

use super::Entry;
use crate::crypto::Vault;
use crate::db::Db;

/// At most this many views share a transaction.
const MAX_GROUP: usize = 256;

/// One opening of a case file.
pub struct View {
    pub at: i64,
    pub staff_id: i64,
    pub roles: String,
    pub unit_id: Option<i64>,
    pub petition_id: i64,
    pub client: String,
}

/// Where views queue for the writer (cheap to clone).
#[derive(Clone)]
pub struct ViewLog(mpsc::UnboundedSender<View>);

/// The writer's side, handed to [`run`].
pub struct ViewWriter(mpsc::UnboundedReceiver<View>);

impl ViewLog {
    pub fn new() -> (Self, ViewWriter) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Self(tx), ViewWriter(rx))
    }

    pub fn record(&self, view: View) {
        if self.0.send(view).is_err() {
            tracing::error!("the case-view recorder has stopped");
        }
    }
}

/// Appends the queued views, a group per transaction, for as long as the portal runs.
pub async fn run(db: Db, vault: std::sync::Arc<Vault>, ViewWriter(mut queue): ViewWriter) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        if let Err(e) = write(&db, &vault, &group).await {
            tracing::error!(error = %e, views = group.len(), "failed to record case views");
        }
        group.clear();
    }
}

async fn write(db: &Db, vault: &Vault, views: &[View]) -> anyhow::Result<()> {
    let entries = views
        .iter()
        .map(|v| Entry {
            at: v.at,
            actor: format!("staff:{}", v.staff_id),
            role: Some(&v.roles),
            unit_id: v.unit_id,
            action: "view_case",
            petition_id: Some(v.petition_id),
            detail: None,
            client: Some(&v.client),
        })
        .collect();
    let mut tx = db.begin_write().await?;
    super::record_many(&mut tx, vault, entries).await?;
    tx.commit().await?;
    Ok(())
}
