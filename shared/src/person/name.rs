//! 姓名: the real name a petitioner registers with (实名).

/// A person's name: letters of any script, with the separators names use (`·`, space, `-`).
#[derive(Clone, PartialEq, Eq)]
pub struct RealName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("请填写真实姓名")]
    Empty,
    #[error("姓名不能超过30个字")]
    TooLong,
    #[error("姓名只能包含文字和间隔号“·”")]
    Characters,
}

impl RealName {
    pub fn parse(input: &str) -> Result<Self, NameError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(NameError::Empty);
        }
        if s.chars().count() > 30 {
            return Err(NameError::TooLong);
        }
        if !s
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '·' | '•' | ' ' | '-' | '.'))
        {
            return Err(NameError::Characters);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for RealName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RealName(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_han_and_minority_names() {
        assert!(RealName::parse("张三").is_ok());
        assert!(RealName::parse("阿依古丽·买买提").is_ok());
    }

    #[test]
    fn refuses_digits_and_markup() {
        assert_eq!(RealName::parse("张3"), Err(NameError::Characters));
        assert_eq!(RealName::parse("<b>"), Err(NameError::Characters));
    }
}
