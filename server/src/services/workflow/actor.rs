//! The staff member performing an action: account, unit and roles, as loaded per request.
//! A disabled account does not exist here; one still on a handed-out password, or whose
//! roles require a second factor it has not bound, works only once it has done so.

use shared::ids::{StaffId, UnitId};
use shared::staff::Role;

use super::record::Actor;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct StaffActor {
    pub id: StaffId,
    pub display_name: String,
    pub unit_id: Option<UnitId>,
    pub roles: Vec<Role>,
}

impl StaffActor {
    pub async fn load(state: &AppState, id: StaffId) -> AppResult<Self> {
        let row = db::staff::by_id(&state.db.pool, id.0)
            .await?
            .filter(|r| !r.disabled)
            .ok_or(AppError::Unauthenticated)?;
        if row.must_change_password {
            return Err(AppError::Forbidden(
                "请先修改初始密码：在“我的账户”中设置只有您自己知道的新密码后才能办理。".into(),
            ));
        }
        let roles = Role::parse_list(&row.roles);
        if crate::services::staff::totp::required(state, &roles)
            && !db::staff::totp(&state.db.pool, row.id)
                .await?
                .is_some_and(|t| t.enabled)
        {
            return Err(AppError::Forbidden(
                "您的岗位须先绑定动态口令（TOTP）才能办理，请在“我的账户”中绑定。".into(),
            ));
        }
        Ok(Self {
            id: StaffId(row.id),
            display_name: row.display_name,
            unit_id: row.unit_id.map(UnitId),
            roles,
        })
    }

    pub fn has_any(&self, roles: &[Role]) -> bool {
        self.roles.iter().any(|r| roles.contains(r))
    }

    /// How the audit trail names this actor.
    pub fn audit_name(&self) -> String {
        format!("staff:{}", self.id)
    }

    /// This staff member as the actor of a step.
    pub fn as_actor(&self) -> Actor {
        Actor::Staff {
            id: self.id,
            roles: self.role_codes(),
            unit: self.unit_id,
        }
    }

    /// The roles, as the audit trail records them.
    pub fn role_codes(&self) -> String {
        self.roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}
