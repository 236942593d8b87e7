//! 撤销 and 合并: a unit ends only once its open work is finished or handed to the unit
//! that takes it over; its record and name stay.

use shared::admin::MergeUnitRequest;
use shared::ids::{StaffId, UnitId};

use super::firewall_after;
use crate::db::{self, petitions::NewEvent};
use crate::error::{AppError, AppResult};
use crate::services::admin::{administrator, record_in};
use crate::services::statistics;
use crate::state::AppState;
use crate::time::now_ms;

/// 撤销: only a unit that holds no open matter and has no open unit below it. Its staff
/// accounts are disabled (their sessions end); its record and name stay.
pub async fn close(state: &AppState, staff: StaffId, client: &str, unit: UnitId) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let org = state.org.get().await?;
    if org.unit(unit).is_none() {
        return Err(AppError::NotFound);
    }
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let open = db::units::open_links(&mut tx, unit).await?;
    let mut left = Vec::new();
    for (n, what) in [
        (open.held, "件未办结的信访事项"),
        (open.forwarded, "件本单位转送、尚未办结的信访事项"),
        (open.co_handling, "件待回复的协办请求"),
        (open.supervision, "份待答复的督办单"),
        (open.children, "个下级单位"),
    ] {
        if n > 0 {
            left.push(format!("{n}{what}"));
        }
    }
    if !left.is_empty() {
        return Err(AppError::Conflict(format!(
            "该单位还有{}。请先将本单位合并到承接单位（这些随之移交），或调整下级单位、待办结后再撤销。",
            left.join("、")
        )));
    }
    for id in db::staff::ids_of_unit_in(&mut tx, unit.0).await? {
        db::staff::set_disabled(&mut tx, id, Some(now)).await?;
        db::sessions::revoke_all(&mut tx, "staff", id, now).await?;
    }
    db::units::close(&mut tx, unit, now).await?;
    record_in(
        &mut tx,
        state,
        &actor,
        client,
        "unit_close",
        format!("unit={unit}"),
    )
    .await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(())
}

/// 合并: everything `unit` holds moves to the receiving unit (open matters with a note on
/// each timeline, staff, units below, competences), then `unit` is closed. Refused when
/// the receiving unit would then hold an accusation against itself (art. 30).
pub async fn merge(
    state: &AppState,
    staff: StaffId,
    client: &str,
    unit: UnitId,
    req: &MergeUnitRequest,
) -> AppResult<()> {
    let actor = administrator(state, staff).await?;
    let org = state.org.get().await?;
    let into = req.into;
    if org.unit(unit).is_none() {
        return Err(AppError::NotFound);
    }
    if into == unit || org.unit(into).is_none() {
        return Err(AppError::field("into", "请选择另一个现有单位承接"));
    }
    if org.within(into, unit) {
        return Err(AppError::field("into", "不能并入本单位的下级单位"));
    }
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let map = |u: UnitId| if u == unit { into } else { u };
    firewall_after(&mut tx, map, |u| org.parent(u).map(map)).await?;
    // Open supervision notices move with the rest; the figures count them at the receiver.
    let supervised = db::statistics::with_open_notices(&mut tx, unit).await?;
    let tally = statistics::Retally::begin(&mut tx, supervised).await?;
    let moved = db::units::merge(&mut tx, unit, into, now).await?;
    tally.finish(&mut tx).await?;
    let (from_name, into_name) = (org.name(unit), org.name(into));
    let detail =
        format!("{from_name}已并入{into_name}，您的信访事项由{into_name}继续办理，期限不变。");
    for id in &moved {
        let event = NewEvent {
            petition_id: shared::ids::PetitionId(*id),
            at: now,
            kind: "unit_merged",
            actor: "system",
            public: true,
            title: "承办单位调整",
            detail: Some(&detail),
        };
        db::petitions::insert_event(&mut tx, event).await?;
    }
    db::units::close(&mut tx, unit, now).await?;
    let audit = format!("unit={unit} into={into} matters={}", moved.len());
    record_in(&mut tx, state, &actor, client, "unit_merge", audit).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(())
}
