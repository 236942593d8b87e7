//! 查询码: the secret code that lets a petitioner follow a petition without logging in.

/// 32 symbols with no look-alikes: no 0/O, no 1/I. Five bits per symbol.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// 16 symbols of 5 bits: 80 random bits.
const LEN: usize = 16;

/// A query code in canonical form (16 symbols, no separators). Shown grouped as
/// `ABCD-EFGH-JKLM-NPQR`; only a keyed hash of it is ever stored.
#[derive(Clone, PartialEq, Eq)]
pub struct QueryCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryCodeError {
    #[error("请填写查询码")]
    Empty,
    #[error("查询码为16位字母和数字")]
    Format,
}

impl QueryCode {
    /// Builds a code from 10 random bytes (80 bits) drawn by the caller from a secure source.
    pub fn from_random(bytes: [u8; 10]) -> Self {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let code = (0..LEN)
            .map(|i| ALPHABET[((bits >> (5 * (LEN - 1 - i))) & 31) as usize] as char)
            .collect();
        Self(code)
    }

    /// Accepts lower case, spaces and hyphens, as people type a code read aloud.
    pub fn parse(input: &str) -> Result<Self, QueryCodeError> {
        let s: String = input
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.is_empty() {
            return Err(QueryCodeError::Empty);
        }
        if s.len() != LEN || !s.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(QueryCodeError::Format);
        }
        Ok(Self(s))
    }

    /// The canonical form, which is what gets hashed.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `ABCD-EFGH-JKLM-NPQR`, for showing and printing.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ascii"))
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl std::fmt::Debug for QueryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("QueryCode(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_generated_code_parses_back_in_any_case_and_grouping(bytes in any::<[u8; 10]>()) {
            let code = QueryCode::from_random(bytes);
            prop_assert_eq!(code.expose().len(), 16);
            prop_assert_eq!(QueryCode::parse(&code.grouped().to_lowercase()).unwrap(), code.clone());
            prop_assert!(!code.expose().contains(['0', 'O', '1', 'I']));
        }

        #[test]
        fn distinct_random_bytes_give_distinct_codes(a in any::<[u8; 10]>(), b in any::<[u8; 10]>()) {
            prop_assert_eq!(a == b, QueryCode::from_random(a) == QueryCode::from_random(b));
        }
    }

    #[test]
    fn refuses_look_alikes_and_wrong_lengths() {
        assert_eq!(
            QueryCode::parse("0000-AAAA-BBBB-CCCC"),
            Err(QueryCodeError::Format)
        );
        assert_eq!(QueryCode::parse("AAAA-BBBB"), Err(QueryCodeError::Format));
        assert_eq!(QueryCode::parse(" "), Err(QueryCodeError::Empty));
    }
}
