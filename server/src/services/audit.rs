//! 审计: auditors check the audit trail's chain from the portal, as `portal verify-audit`
//! does, and read its records (who unmasked whom and why, who changed what, from where).

use shared::admin::{AuditRecordView, AuditRecordsPage};
use shared::ids::{StaffId, UnitId};
use shared::petition::PetitionNumber;
use shared::staff::Role;

pub use shared::admin::AuditReport;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::workflow::StaffActor;
use crate::state::AppState;

/// Records per page of the trail.
const PAGE: i64 = 50;

async fn auditor(state: &AppState, staff: StaffId) -> AppResult<()> {
    let actor = StaffActor::load(state, staff).await?;
    if !actor.has_any(&[Role::Auditor]) {
        return Err(AppError::Forbidden(
            "只有审计员可以查看和校验审计记录。".into(),
        ));
    }
    Ok(())
}

/// The trail newest first, older than record `before`, of one petition when `number` is
/// given (an unknown number finds nothing).
pub async fn records(
    state: &AppState,
    staff: StaffId,
    before: Option<i64>,
    number: Option<&str>,
) -> AppResult<AuditRecordsPage> {
    auditor(state, staff).await?;
    let petition = match number.map(str::trim).filter(|n| !n.is_empty()) {
        None => None,
        Some(n) => {
            let n = PetitionNumber::parse(n)
                .ok_or_else(|| AppError::field("number", "请填写正确的信访件编号"))?;
            match db::petitions::by_number(&state.db.pool, n.as_str()).await? {
                Some(row) => Some(row.id.0),
                None => {
                    return Ok(AuditRecordsPage {
                        records: Vec::new(),
                        next: None,
                    });
                }
            }
        }
    };
    let rows = db::audit::recent(&state.db.pool, before, petition, PAGE).await?;
    let org = state.org.get().await?;
    let next = (rows.len() == usize::try_from(PAGE).unwrap_or(usize::MAX))
        .then(|| rows.last().map(|r| r.row.seq))
        .flatten();
    let records = rows
        .into_iter()
        .map(|r| AuditRecordView {
            seq: r.row.seq,
            at: crate::time::from_ms(r.row.at),
            actor: r.row.actor,
            role: r.row.role,
            unit: r.row.unit_id.map(|u| org.name(UnitId(u))),
            action: r.row.action,
            number: r.number,
            detail: r.row.detail,
            client: r.row.client,
        })
        .collect();
    Ok(AuditRecordsPage { records, next })
}

pub async fn verify(state: &AppState, staff: StaffId) -> AppResult<AuditReport> {
    auditor(state, staff).await?;
    let checkpoint = state.settings.audit_checkpoint();
    let v = crate::audit::verify_with_checkpoint(&state.db.pool, &state.vault, &checkpoint).await?;
    Ok(AuditReport {
        checked: v.checked,
        intact: v.problem.is_none(),
        problem: v.problem,
    })
}
