//! 居民身份证号码: the 18-character resident ID number of GB 11643-1999.

use chrono::NaiveDate;

/// A resident ID number whose check digit and birth date are valid.
#[derive(Clone, PartialEq, Eq)]
pub struct IdCardNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdCardError {
    #[error("请填写身份证号码")]
    Empty,
    #[error("身份证号码应为18位，最后一位可以是数字或X")]
    Format,
    #[error("身份证号码中的出生日期不正确")]
    BirthDate,
    #[error("身份证号码校验位不正确，请核对")]
    CheckDigit,
}

/// Weights of GB 11643-1999 for the first 17 digits (2^(18-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each value of the weighted sum modulo 11.
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdCardNumber {
    /// Parses a number as typed: surrounding spaces are ignored and a lower-case `x` is accepted.
    /// `today` bounds the birth date so that a number born in the future is refused.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, IdCardError> {
        let s = input.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(IdCardError::Empty);
        }
        let bytes = s.as_bytes();
        if bytes.len() != 18
            || !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(IdCardError::Format);
        }
        let birth =
            NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").map_err(|_| IdCardError::BirthDate)?;
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
        if birth < earliest || birth > today {
            return Err(IdCardError::BirthDate);
        }
        let sum: u32 = bytes[..17]
            .iter()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        if CHECK[(sum % 11) as usize] != bytes[17] as char {
            return Err(IdCardError::CheckDigit);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The check character that makes `first17` a valid number (used to build test data).
    pub fn check_char(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let sum: u32 = b
            .iter()
            .zip(WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        Some(CHECK[(sum % 11) as usize])
    }
}

/// Never print the number itself, not even in a debug dump.
impl std::fmt::Debug for IdCardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdCardNumber({})", super::mask_id_number(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn accepts_the_sample_number_of_the_standard() {
        let n = IdCardNumber::parse("11010519491231002x", today()).unwrap();
        assert_eq!(n.as_str(), "11010519491231002X");
    }

    #[test]
    fn refuses_a_wrong_check_digit() {
        assert_eq!(
            IdCardNumber::parse("110105194912310021", today()),
            Err(IdCardError::CheckDigit)
        );
    }

    #[test]
    fn refuses_impossible_and_future_birth_dates() {
        let with_check = |s: &str| format!("{s}{}", IdCardNumber::check_char(s).unwrap());
        assert_eq!(
            IdCardNumber::parse(&with_check("11010519490231002"), today()),
            Err(IdCardError::BirthDate)
        );
        assert_eq!(
            IdCardNumber::parse(&with_check("11010520990101002"), today()),
            Err(IdCardError::BirthDate)
        );
        assert_eq!(
            IdCardNumber::parse(&with_check("11010518891231002"), today()),
            Err(IdCardError::BirthDate)
        );
    }

    #[test]
    fn refuses_wrong_length_and_letters() {
        assert_eq!(
            IdCardNumber::parse("1101051949123100", today()),
            Err(IdCardError::Format)
        );
        assert_eq!(
            IdCardNumber::parse("1101051949123100AX", today()),
            Err(IdCardError::Format)
        );
        assert_eq!(IdCardNumber::parse(" ", today()), Err(IdCardError::Empty));
    }
}
