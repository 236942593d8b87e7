//! The staff member performing an action: account, unit and roles, as loaded per request;
//! an account whose roles require a second factor works only once it has bound one.

use shared::ids::StaffId;
use shared::staff::Role;

use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct StaffActor {
    pub id: i64,
    pub display_name: String,
    pub unit_id: Option<i64>,
    pub roles: Vec<Role>,
}

impl StaffActor {
    pub async fn load(state: &AppState, id: StaffId) -> AppResult<Self> {
        let row = db::staff::by_id(&state.db.pool, id.0)
            .await?
            .ok_or(AppError::Unauthenticated)?;
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
            id: row.id,
            display_name: row.display_name,
            unit_id: row.unit_id,
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

    /// The roles, as the audit trail records them.
    pub fn role_codes(&self) -> String {
        self.roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}
