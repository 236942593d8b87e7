//! 信访件编号: the readable petition number, year + region + sequence.

use serde::{Deserialize, Serialize};

/// `2026-320102-000042`: the year of filing, the six-digit code of the county-level
/// region where the matter arose, and a sequence within that year and region.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PetitionNumber(String);

impl PetitionNumber {
    pub fn new(year: i32, region6: &str, sequence: u64) -> Self {
        Self(format!("{year:04}-{region6}-{sequence:06}"))
    }

    /// Accepts the number as people copy it: with or without hyphens and spaces.
    /// Anything else is `None`; callers answer "not found" rather than "malformed"
    /// so a look-up reveals nothing about which part was wrong.
    pub fn parse(input: &str) -> Option<Self> {
        let digits: String = input.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        if digits.len() < 16 || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Self(format!(
            "{}-{}-{}",
            &digits[..4],
            &digits[4..10],
            &digits[10..]
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PetitionNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_back() {
        let n = PetitionNumber::new(2026, "320102", 42);
        assert_eq!(n.as_str(), "2026-320102-000042");
        assert_eq!(PetitionNumber::parse("2026320102000042"), Some(n.clone()));
        assert_eq!(PetitionNumber::parse(" 2026-320102-000042 "), Some(n));
        assert_eq!(PetitionNumber::parse("2026-32A102-000042"), None);
    }
}
