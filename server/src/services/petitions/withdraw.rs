//! 撤回: the petitioner withdraws a petition that has not been accepted yet.

use shared::ids::CitizenId;
use shared::petition::Action;

use super::view::owned;
use crate::error::AppResult;
use crate::services::workflow::{clocks, record};
use crate::state::AppState;

#[tracing::instrument(skip_all, fields(citizen = %citizen))]
pub async fn withdraw(
    state: &AppState,
    citizen: CitizenId,
    client: &str,
    number: &str,
) -> AppResult<()> {
    let row = owned(state, citizen, number).await?;
    let who = record::Who::citizen(citizen, client);
    record::apply(state, &row, who, Action::Withdraw, |_, mut work| {
        clocks::stop(&mut work);
        Ok(record::Step {
            work,
            events: vec![record::Event::public(
                "withdrawn",
                "撤回信访事项",
                "信访人撤回了该信访事项，办理程序终止。",
            )],
            writes: Vec::new(),
            audit_detail: None,
            notices: Vec::new(),
        })
    })
    .await?;
    tracing::info!(petition.id = %row.id, "petition withdrawn");
    Ok(())
}
