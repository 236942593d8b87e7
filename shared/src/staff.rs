//! Staff of petition bureaus and departments: their roles, and what a staff client sends and sees.

use serde::{Deserialize, Serialize};

/// What a staff member may do; an account holds one or more.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 登记/受理员: registers offline petitions, triages online ones.
    Intake,
    /// 承办人: investigates and drafts the reply.
    Handler,
    /// 负责人: approves replies, extensions and non-acceptance.
    UnitHead,
    /// 督办员: watches deadlines and issues supervision notices.
    Supervisor,
    /// 领导: owns hard cases, sees the dashboards.
    Leader,
    /// 系统管理员: units, staff, categories, calendar.
    Administrator,
    /// 审计员: reads the audit trail.
    Auditor,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Self::Intake => "登记受理员",
            Self::Handler => "承办人",
            Self::UnitHead => "单位负责人",
            Self::Supervisor => "督办员",
            Self::Leader => "领导",
            Self::Administrator => "系统管理员",
            Self::Auditor => "审计员",
        }
    }

    /// Roles as stored: codes separated by commas. Unknown codes are ignored, so a
    /// role removed from the product grants nothing.
    pub fn parse_list(stored: &str) -> Vec<Role> {
        stored
            .split(',')
            .filter_map(|c| Self::from_code(c.trim()))
            .collect()
    }
}

crate::codes!(Role);

/// 工作人员登录: by username and password.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffLoginRequest {
    pub username: String,
    pub password: String,
    /// 动态口令: the 6-digit code of the authenticator app, once one is bound.
    #[serde(default)]
    pub totp: Option<String>,
}

/// 绑定动态口令, step 1: the secret to put into an authenticator app.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetupView {
    /// Base32, for typing in by hand.
    pub secret: String,
    /// `otpauth://` URL, for a QR code.
    pub url: String,
    /// The same URL as a QR code: inline SVG markup, made by the server.
    pub qr_svg: String,
}

/// 绑定动态口令, step 2: a code from the app proves it was set up.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpConfirmRequest {
    pub code: String,
}

/// The staff member as they see themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffView {
    pub username: String,
    pub display_name: String,
    pub unit: Option<String>,
    pub roles: Vec<Role>,
    /// A second factor is bound to the account.
    pub totp_enabled: bool,
    /// The account's roles require one and it is not bound yet: nothing else works until it is.
    pub totp_required: bool,
    /// Signed in with a password an administrator handed out: nothing else works until the
    /// staff member has chosen their own.
    #[serde(default)]
    pub must_change_password: bool,
    /// 通知: in-app notices not yet read (new assignments, 临期, 超期, 督办, system alerts).
    #[serde(default)]
    pub unread_notices: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_role_lists_round_trip_and_ignore_unknown_codes() {
        assert_eq!(
            Role::parse_list("intake, unit_head,retired"),
            [Role::Intake, Role::UnitHead]
        );
        for &r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }
}
