//! Who acts on a petition: the staff member performing an action (account, unit and
//! roles, as loaded per request) and, for the timeline and audit trail, any actor.
//! A disabled account does not exist here; one still on a handed-out password, or whose
//! roles require a second factor it has not bound, works only once it has done so.

use shared::ids::{CitizenId, StaffId, UnitId};
use shared::staff::Role;

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
        staff_name(self.id)
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

/// `staff:<id>`: a staff member (or a partner's service account) on the timeline and in
/// the audit trail.
fn staff_name(id: StaffId) -> String {
    format!("staff:{id}")
}

/// Who acts on a petition: the timeline's actor column and the audit trail name them.
#[derive(Clone, Debug)]
pub enum Actor {
    /// The petitioner, from their account.
    Citizen(CitizenId),
    /// The petitioner without their account (a letter writer, a visitor): proved by the
    /// number, the query code and a code texted to the phone on file.
    Petitioner,
    /// A staff member, with the roles they act in and their unit.
    Staff {
        id: StaffId,
        roles: String,
        unit: Option<UnitId>,
    },
    /// A partner handling system reporting through its service account for `unit`.
    Partner { account: StaffId, unit: UnitId },
    /// The portal itself: the clocks.
    System,
}

impl Actor {
    /// How the timeline and the audit trail name the actor (ids only, never names).
    pub fn audit_name(&self) -> String {
        match self {
            Self::Citizen(id) => format!("citizen:{id}"),
            Self::Petitioner => "petitioner:lookup".into(),
            Self::System => "system".into(),
            Self::Staff { id, .. } | Self::Partner { account: id, .. } => staff_name(*id),
        }
    }

    pub(super) fn role(&self) -> Option<String> {
        match self {
            Self::Citizen(_) | Self::Petitioner | Self::System => None,
            Self::Staff { roles, .. } => Some(roles.clone()),
            Self::Partner { .. } => Some("partner".into()),
        }
    }

    pub(super) fn unit(&self) -> Option<UnitId> {
        match self {
            Self::Citizen(_) | Self::Petitioner | Self::System => None,
            Self::Staff { unit, .. } => *unit,
            Self::Partner { unit, .. } => Some(*unit),
        }
    }

    /// The staff account that signs a record of handling. A citizen's step writes none;
    /// one that tried would be a defect, refused rather than signed by nobody.
    pub(super) fn signer(&self) -> AppResult<StaffId> {
        match self {
            Self::Staff { id, .. } | Self::Partner { account: id, .. } => Ok(*id),
            Self::Citizen(_) | Self::Petitioner | Self::System => {
                Err(anyhow::anyhow!("a step without a staff actor wrote a staff record").into())
            }
        }
    }
}

/// The actor and the client address they acted from.
pub struct Who<'a> {
    pub actor: Actor,
    pub client: Option<&'a str>,
}

impl<'a> Who<'a> {
    pub fn citizen(id: CitizenId, client: &'a str) -> Self {
        Self {
            actor: Actor::Citizen(id),
            client: Some(client),
        }
    }

    /// The petitioner after a look-up with the texted code (no account involved).
    pub fn petitioner(client: &'a str) -> Self {
        Self {
            actor: Actor::Petitioner,
            client: Some(client),
        }
    }
}
