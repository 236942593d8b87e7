//! 密码: the length rule for passwords; the common-password list lives on the server.

/// A password of acceptable length. It is kept byte-exact: never trimmed or normalised.
#[derive(Clone)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("密码至少需要8个字符")]
    TooShort,
    #[error("密码不能超过128个字符")]
    TooLong,
    #[error("这个密码太常见，很容易被猜中，请换一个")]
    Common,
}

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let n = input.chars().count();
        if n < Self::MIN {
            return Err(PasswordError::TooShort);
        }
        if n > Self::MAX {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spaces_and_counts_characters() {
        assert_eq!(
            Password::parse(" 信访平台密码 ").unwrap().expose(),
            " 信访平台密码 "
        );
        assert_eq!(
            Password::parse("1234567").unwrap_err(),
            PasswordError::TooShort
        );
        assert_eq!(
            Password::parse(&"密".repeat(129)).unwrap_err(),
            PasswordError::TooLong
        );
    }
}
