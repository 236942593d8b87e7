//! 短信验证码: what a client sends to get one, and the code's format.

use serde::{Deserialize, Serialize};

/// How long a code lives, in minutes.
pub const CODE_MINUTES: i64 = 5;
/// How long a phone waits between two codes, in seconds.
pub const RESEND_SECS: i64 = 60;
/// Codes per phone per day.
pub const CODES_PER_DAY: i64 = 10;
/// Wrong tries before a code dies.
pub const MAX_TRIES: i64 = 5;

/// What a code is for: a code is only good for the purpose (and the phone) it was sent for.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    /// 注册
    Register,
    /// 更换手机号码 (sent to the new number)
    ChangePhone,
    /// 查看详情 after a query-code look-up (sent to the petitioner's number on file)
    Lookup,
    /// 找回密码 (sent to the account's phone)
    ResetPassword,
}

crate::codes!(CodePurpose);

/// 获取验证码
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendCodeRequest {
    pub phone: String,
    pub purpose: CodePurpose,
}

/// A code is on its way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendCodeView {
    /// Seconds the code stays valid.
    pub expires_in: i64,
    /// Seconds before another code may be asked for this phone.
    pub resend_after: i64,
}

/// A six-digit code as typed (spaces tolerated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsCode(String);

impl SmsCode {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err("请填写短信验证码");
        }
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("短信验证码为6位数字");
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_six_digits() {
        assert_eq!(SmsCode::parse(" 012 345 ").unwrap().as_str(), "012345");
        assert!(SmsCode::parse("").is_err());
        assert!(SmsCode::parse("12345").is_err());
        assert!(SmsCode::parse("12345a").is_err());
        assert!(SmsCode::parse("1234567").is_err());
    }
}
