//! Typed identifiers, so a petition id is never passed where a user id belongs.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A petition's internal id; citizens see its [`crate::petition::PetitionNumber`] instead.
    PetitionId
);
id_type!(
    /// A citizen account.
    CitizenId
);
id_type!(
    /// A staff account.
    StaffId
);
id_type!(
    /// An organisational unit (bureau or department).
    UnitId
);
id_type!(
    /// A region of the administrative tree (city, county, township, village).
    RegionId
);
id_type!(
    /// A node of the subject category tree.
    CategoryId
);
id_type!(
    /// An uploaded file.
    AttachmentId
);
id_type!(
    /// A partner handling system (对接系统).
    PartnerId
);
id_type!(
    /// A partner system's subscription to events (webhook).
    SubscriptionId
);
id_type!(
    /// A supervision notice (督办单).
    NoticeId
);
id_type!(
    /// A message of the outbox.
    MessageId
);
id_type!(
    /// A texted verification code, as issued.
    CodeId
);
