//! 撤回: the petitioner withdraws a petition that has not been accepted yet.

use shared::ids::CitizenId;
use shared::petition::Action;

use super::view::owned;
use crate::error::{AppError, AppResult};
use crate::services::workflow::{clocks, detail::workflow, record};
use crate::state::AppState;
use crate::time::now_ms;

pub async fn withdraw(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    number: &str,
) -> AppResult<()> {
    let row = owned(state, citizen, number).await?;
    let next = workflow(&row)
        .apply(Action::Withdraw)
        .map_err(|e| AppError::Conflict(e.0.into()))?;
    let mut work = row.work.clone();
    work.status = next.status.code().to_owned();
    clocks::stop(&mut work);
    let step = record::Step {
        work,
        events: vec![record::Event::public(
            "withdrawn",
            "撤回信访事项",
            "信访人撤回了该信访事项，办理程序终止。",
        )],
        writes: Vec::new(),
        audit_detail: None,
        notices: Vec::new(),
    };
    let who = record::Who::citizen(citizen, client);
    record::commit(
        state,
        row.id,
        row.version,
        &row.work.round,
        &row.work,
        step,
        who,
        "withdraw",
        now_ms(),
    )
    .await?;
    tracing::info!(petition.id = %row.id, "petition withdrawn");
    Ok(())
}
