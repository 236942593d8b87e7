//! 电子邮箱: an optional e-mail address for notifications.

#[derive(Clone, PartialEq, Eq)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("电子邮箱格式不正确")]
    Format,
}

impl Email {
    /// A pragmatic check (one `@`, a dotted domain, no spaces); delivery proves the rest.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        let (local, domain) = s.split_once('@').ok_or(EmailError::Format)?;
        let ok = !local.is_empty()
            && s.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(EmailError::Format)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_addresses_and_refuses_broken_ones() {
        assert!(Email::parse("zhang.san@example.cn").is_ok());
        for bad in [
            "zhang",
            "@example.cn",
            "a@b",
            "a b@example.cn",
            "a@@example.cn",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Format), "{bad}");
        }
    }
}
