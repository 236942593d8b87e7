//! Stored codes of the domain's enums: each table derived once (strum, snake_case like
//! serde), and decoded strictly so that a code nobody knows is an error, never a default.

/// A code that no variant carries: a corrupt row or a newer writer, refused by name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} code {code:?}")]
pub struct UnknownCode {
    /// The enum that was asked for.
    pub what: &'static str,
    pub code: String,
}

/// Gives an enum deriving `strum::{IntoStaticStr, EnumString, VariantArray}` the project's
/// code vocabulary: `ALL`, `code()`, `from_code()` (for input), `decode()` and
/// `TryFrom<String>` (for stored rows, which must not hold unknown codes).
#[macro_export]
macro_rules! codes {
    ($($t:ident),+ $(,)?) => {$(
        impl $t {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$t] = <$t as ::strum::VariantArray>::VARIANTS;

            /// The stable code used in storage and the API.
            pub fn code(self) -> &'static str {
                self.into()
            }

            /// The variant with this code, if any: for input, which is validated anyway.
            pub fn from_code(code: &str) -> Option<Self> {
                code.parse().ok()
            }

            /// The variant with this code, or an error naming the enum: for stored data.
            pub fn decode(code: &str) -> Result<Self, $crate::code::UnknownCode> {
                Self::from_code(code).ok_or_else(|| $crate::code::UnknownCode {
                    what: stringify!($t),
                    code: code.to_owned(),
                })
            }
        }

        impl TryFrom<String> for $t {
            type Error = $crate::code::UnknownCode;

            fn try_from(code: String) -> Result<Self, Self::Error> {
                Self::decode(&code)
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use crate::account::CodePurpose;
    use crate::admin::UnitKind;
    use crate::clock::Clock;
    use crate::petition::{
        Channel, ClockState, CommandKind, Decision, NotAcceptReason, OtherProcedure, PetitionKind,
        PetitionStatus, Rating, Round,
    };
    use crate::reference::Level;
    use crate::staff::Role;

    /// One list per fact: the stored code is the JSON name, and both round-trip.
    macro_rules! agree {
        ($($t:ident),+) => {$(
            for v in $t::ALL {
                assert_eq!(serde_json::to_value(v).unwrap(), v.code(), "{}", stringify!($t));
                assert_eq!($t::decode(v.code()), Ok(*v));
            }
            let err = $t::decode("no_such_code").unwrap_err();
            assert_eq!(err.what, stringify!($t));
            assert!($t::try_from(String::new()).is_err());
        )+};
    }

    #[test]
    fn codes_are_the_serde_names_and_unknown_ones_are_refused() {
        agree!(
            CodePurpose,
            UnitKind,
            Clock,
            Channel,
            ClockState,
            Decision,
            NotAcceptReason,
            OtherProcedure,
            PetitionKind,
            PetitionStatus,
            Rating,
            Round,
            Level,
            Role,
            CommandKind
        );
    }
}
