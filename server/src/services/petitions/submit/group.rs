//! Group commit: filings that wait for the write lock are written in one transaction and
//! made durable by one commit.
//!
//! One writer holds the lock at a time, and with `synchronous = FULL` every commit waits
//! for the disk (0.2 ms on an idle machine here, up to 1 ms under load) besides its BEGIN
//! and COMMIT trips to the connection's thread. Committed one by one, a surge of filings
//! queued on those. A group shares them; a filing still answers only after the commit
//! that holds it, so every acknowledged filing is durable.

use anyhow::{Context, anyhow};
use tokio::sync::{mpsc, oneshot};

use super::files;
use super::write::{self, Filing, Written};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// At most this many filings share a commit: every connection of a busy portal fits in
/// one group, and the last of a group does not wait long behind the others.
const MAX_GROUP: usize = 32;

type Waiting = (Filing, oneshot::Sender<AppResult<Written>>);

/// Where filings queue for the writer (the sending side; cheap to clone).
#[derive(Clone)]
pub struct FilingQueue(mpsc::UnboundedSender<Waiting>);

/// The writer's side of the queue, handed to [`run`].
pub struct FilingWriter(mpsc::UnboundedReceiver<Waiting>);

impl FilingQueue {
    pub fn new() -> (Self, FilingWriter) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Self(tx), FilingWriter(rx))
    }
}

/// Queues a filing and waits for the commit of its group.
pub(super) async fn write(state: &AppState, filing: Filing) -> AppResult<Written> {
    let (reply, answer) = oneshot::channel();
    if let Err(mpsc::error::SendError((filing, _))) = state.filings.0.send((filing, reply)) {
        state.attachments.discard(&files::keys(&filing.files)).await;
        return Err(anyhow!("the filing writer has stopped").into());
    }
    // The group's task drops the reply only if it panics, before or after its commit: a
    // retry with the same key finds out which.
    match answer.await {
        Ok(written) => written,
        Err(_) => Err(anyhow!("the filing's group failed").into()),
    }
}

/// Writes the queued filings, a group at a time, for as long as the portal runs. A group
/// runs as a task of its own, so that a panic fails only the filings of that group.
pub async fn run(state: AppState, FilingWriter(mut queue): FilingWriter) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let state = state.clone();
        let taken = std::mem::replace(&mut group, Vec::with_capacity(MAX_GROUP));
        if tokio::spawn(async move { write_group(&state, taken).await })
            .await
            .is_err()
        {
            tracing::error!("a group of filings panicked");
        }
    }
}

async fn write_group(state: &AppState, group: Vec<Waiting>) {
    let (filings, replies): (Vec<Filing>, Vec<_>) = group.into_iter().unzip();
    let results = match commit(state, &filings).await {
        Ok(results) => results,
        // One of them failed unexpectedly and took the group's transaction with it: each
        // is written alone, so that one bad filing costs the others nothing.
        Err(e) if filings.len() > 1 => {
            if let AppError::Unexpected(cause) = &e {
                tracing::warn!(
                    error = format!("{cause:#}"),
                    "a group of filings failed; writing them one by one"
                );
            }
            let mut results = Vec::with_capacity(filings.len());
            for filing in &filings {
                results.push(match commit(state, std::slice::from_ref(filing)).await {
                    Ok(mut one) => one.pop().expect("one result for one filing"),
                    Err(e) => Err(e),
                });
            }
            results
        }
        Err(e) => vec![Err(e)],
    };
    for ((result, reply), filing) in results.into_iter().zip(replies).zip(&filings) {
        if !matches!(result, Ok(Written::Filed { .. })) {
            state.attachments.discard(&files::keys(&filing.files)).await;
        }
        // The filer may have gone (closed the page); the petition stands either way and
        // a retry with the same key gets its receipt.
        let _ = reply.send(result);
    }
}

/// Writes the filings in one transaction, in order, and commits it: one wait for the
/// disk for all of them. A filing refused for what it is does not stop the others; an
/// unexpected error is returned, and then nothing of the group was kept.
async fn commit(state: &AppState, filings: &[Filing]) -> AppResult<Vec<AppResult<Written>>> {
    let mut tx = state.db.begin_write().await?;
    let mut results = Vec::with_capacity(filings.len());
    let mut filed = crate::services::statistics::Filed::default();
    for filing in filings {
        match write::write(state, &mut tx, filing, &mut filed).await {
            Err(e @ AppError::Unexpected(_)) => {
                let _ = tx.rollback().await;
                return Err(e);
            }
            result => results.push(result),
        }
    }
    filed.apply(&mut tx).await?;
    tx.commit()
        .await
        .context("failed to commit the petitions")?;
    Ok(results)
}
