//! Citizen accounts: what a client sends to register, log in and change a password, and what it gets back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Problems};
use crate::person::{Email, IdCardNumber, MobilePhone, Password, RealName};
use crate::text_type;

pub mod verification;

pub use verification::{CodePurpose, SendCodeRequest, SendCodeView, SmsCode};

/// 实名注册: registration with a real name, resident ID number and mobile phone.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub real_name: String,
    pub id_number: String,
    pub phone: String,
    pub password: String,
    #[serde(default)]
    pub email: Option<String>,
    /// 联系地址: where letters reach the petitioner (条例 art. 17); optional online.
    #[serde(default)]
    pub address: Option<String>,
    /// 短信验证码 sent to `phone` for registration.
    #[serde(default)]
    pub sms_code: String,
}

text_type!(
    /// 联系地址: a postal address.
    Address, 5, 200, multiline = false
);

/// A registration whose every field is valid (the common-password check is the server's).
#[derive(Debug)]
pub struct NewAccount {
    pub real_name: RealName,
    pub id_number: IdCardNumber,
    pub phone: MobilePhone,
    pub password: Password,
    pub email: Option<Email>,
    pub address: Option<Address>,
    pub sms_code: SmsCode,
}

impl RegisterRequest {
    /// Validates every field at once; `today` is the Shanghai date, for the birth-date check.
    pub fn validate(&self, today: NaiveDate) -> Result<NewAccount, ApiError> {
        let mut p = Problems::default();
        let real_name = p.check("real_name", RealName::parse(&self.real_name));
        let id_number = p.check("id_number", IdCardNumber::parse(&self.id_number, today));
        let phone = p.check("phone", MobilePhone::parse(&self.phone));
        let password = p.check("password", Password::parse(&self.password));
        let email = match self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            Some(e) => p.check("email", Email::parse(e)).map(Some),
            None => Some(None),
        };
        let address = match self.address.as_deref().filter(|a| !a.trim().is_empty()) {
            Some(a) => p.check("address", Address::parse(a)).map(Some),
            None => Some(None),
        };
        let sms_code = p.check("sms_code", SmsCode::parse(&self.sms_code));
        p.finish()?;
        Ok(NewAccount {
            real_name: real_name.expect("checked"),
            id_number: id_number.expect("checked"),
            phone: phone.expect("checked"),
            password: password.expect("checked"),
            email: email.expect("checked"),
            address: address.expect("checked"),
            sms_code: sms_code.expect("checked"),
        })
    }
}

/// 登录: by mobile phone and password.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub phone: String,
    pub password: String,
}

/// 修改密码: every session is revoked when it succeeds.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// 找回密码: the account's phone, the code sent to it, and the new password; every session
/// is revoked when it succeeds.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPasswordRequest {
    pub phone: String,
    pub sms_code: String,
    pub new_password: String,
}

/// 更换手机号码: the new number, the code sent to it, and the password as a second proof.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePhoneRequest {
    pub phone: String,
    pub sms_code: String,
    pub password: String,
}

/// Exchange a refresh token for a new pair (API clients; browsers use the cookie).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Tokens issued at login or refresh.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenView {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

/// The account as its owner sees it: the owner is the one person who sees it unmasked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub real_name: String,
    pub id_number: String,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_wrong_field_at_once() {
        let req = RegisterRequest {
            real_name: String::new(),
            id_number: "123".into(),
            phone: "12".into(),
            password: "short".into(),
            email: Some("nope".into()),
            address: Some("短".into()),
            sms_code: "12".into(),
        };
        let err = req
            .validate(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap_err();
        let fields: Vec<_> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "real_name",
                "id_number",
                "phone",
                "password",
                "email",
                "address",
                "sms_code"
            ]
        );
    }
}
