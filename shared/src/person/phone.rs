//! 手机号码: a mainland China mobile number, the channel citizens actually read.

/// Eleven digits starting `1[3-9]`, stored without country code or separators.
#[derive(Clone, PartialEq, Eq)]
pub struct MobilePhone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("请填写手机号码")]
    Empty,
    #[error("请填写11位中国大陆手机号码")]
    Format,
}

impl MobilePhone {
    /// Accepts `138 0000 0000`, `138-0000-0000` and a `+86` or `86` prefix.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
            .unwrap_or(&digits);
        let b = digits.as_bytes();
        if b.len() != 11
            || !b.iter().all(u8::is_ascii_digit)
            || b[0] != b'1'
            || !(b'3'..=b'9').contains(&b[1])
        {
            return Err(PhoneError::Format);
        }
        Ok(Self(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for MobilePhone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MobilePhone({})", super::mask_phone(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_ways_of_writing_a_number() {
        for input in [
            "13800000000",
            "138 0000 0000",
            "+86 138-0000-0000",
            "8613800000000",
        ] {
            assert_eq!(
                MobilePhone::parse(input).unwrap().as_str(),
                "13800000000",
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_landlines_and_short_numbers() {
        for input in ["02012345678", "1380000000", "12800000000", "1380000000a"] {
            assert_eq!(
                MobilePhone::parse(input),
                Err(PhoneError::Format),
                "{input}"
            );
        }
    }
}
