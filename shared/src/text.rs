//! Rules for free text typed by people: length in characters, no control characters.
//!
//! Text is stored byte-exact as submitted; these checks only decide whether it is
//! accepted. Lengths count characters (not bytes) because that is what a person sees.

/// Why a piece of free text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("请填写此项")]
    Empty,
    #[error("至少需要 {0} 个字")]
    TooShort(usize),
    #[error("不能超过 {0} 个字")]
    TooLong(usize),
    #[error("含有不可见的控制字符，请删除后再提交")]
    ControlCharacter,
}

/// Checks `input` against a length range; line breaks and tabs are allowed only when `multiline`.
pub fn check(input: &str, min: usize, max: usize, multiline: bool) -> Result<(), TextError> {
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if input.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextError::ControlCharacter);
    }
    let len = input.trim().chars().count();
    if len == 0 {
        return Err(TextError::Empty);
    }
    if len < min {
        return Err(TextError::TooShort(min));
    }
    if input.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(())
}

/// Declares a newtype for free text with a length range; `parse` is the only way in.
#[macro_export]
macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, multiline = $ml:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MIN: usize = $min;
            pub const MAX: usize = $max;

            pub fn parse(input: &str) -> Result<Self, $crate::text::TextError> {
                $crate::text::check(input, $min, $max, $ml)?;
                Ok(Self(input.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(check("信访事项", 4, 4, false), Ok(()));
        assert_eq!(check("信访事项内", 4, 4, false), Err(TextError::TooLong(4)));
    }

    #[test]
    fn refuses_control_characters_but_keeps_line_breaks_in_long_text() {
        assert_eq!(
            check("a\u{0}b", 1, 9, true),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(check("第一行\n第二行", 1, 20, true), Ok(()));
        assert_eq!(
            check("第一行\n第二行", 1, 20, false),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn blank_is_empty() {
        assert_eq!(check("   ", 1, 9, false), Err(TextError::Empty));
    }
}
