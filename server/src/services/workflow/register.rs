//! 代为登记: an intake clerk registers a letter, visit or call; the petitioner gets a
//! number and query code, and the record and clocks are those of an online filing.

use shared::ids::StaffId;
use shared::petition::{OfflineFilingRequest, SubmittedView};
use shared::staff::Role;

use super::actor::StaffActor;
use crate::error::{AppError, AppResult};
use crate::services::petitions::{self, Filer};
use crate::state::AppState;
use crate::time::today;

/// The staff member if they may register petitions: an intake clerk of a petition bureau.
pub async fn registrar(state: &AppState, staff: StaffId) -> AppResult<StaffActor> {
    let actor = StaffActor::load(state, staff).await?;
    let org = state.org.get().await?;
    let at_bureau = actor.unit_id.is_some_and(|u| org.is_bureau(u));
    if !actor.has_any(&[Role::Intake]) || !at_bureau {
        return Err(AppError::Forbidden(
            "只有信访部门的登记受理员可以代为登记信访事项。".into(),
        ));
    }
    Ok(actor)
}

#[tracing::instrument(skip_all, fields(staff = %staff))]
pub async fn register(
    state: &AppState,
    staff: StaffId,
    client: &str,
    idempotency_key: Option<&str>,
    req: &OfflineFilingRequest,
    uploads: Vec<petitions::Upload>,
) -> AppResult<(SubmittedView, bool)> {
    let actor = registrar(state, staff).await?;
    // Both halves are checked before anything is written, so every problem shows at once.
    let petition = req.petition.validate();
    let petitioner = req.validate_petitioner(today());
    match (petition, petitioner) {
        (Err(mut a), Err(b)) => {
            a.fields.extend(b.fields);
            return Err(a.into());
        }
        (Err(e), _) | (_, Err(e)) => return Err(e.into()),
        _ => {}
    }
    let filer = Filer::Staff {
        id: actor.id,
        channel: req.channel,
        petitioner: &req.petitioner,
        received_on: req.received_on,
    };
    let done = petitions::submit(
        state,
        filer,
        client,
        idempotency_key,
        &req.petition,
        uploads,
    )
    .await?;
    Ok((done.view, done.replayed))
}
