//! Who a session belongs to: a citizen or a staff member, with the session they act in.
//! Sessions store it and requests resolve to it; it knows neither.

use shared::ids::{CitizenId, StaffId};

/// An authenticated caller and the session they act in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Citizen { id: CitizenId, session: String },
    Staff { id: StaffId, session: String },
}

impl Principal {
    pub fn kind(&self) -> &'static str {
        match self {
            Principal::Citizen { .. } => "citizen",
            Principal::Staff { .. } => "staff",
        }
    }

    pub fn raw_id(&self) -> i64 {
        match self {
            Principal::Citizen { id, .. } => id.0,
            Principal::Staff { id, .. } => id.0,
        }
    }

    pub fn session(&self) -> &str {
        match self {
            Principal::Citizen { session, .. } | Principal::Staff { session, .. } => session,
        }
    }

    /// `citizen:<id>`: the JWT subject and the actor recorded on the timeline.
    pub fn subject(&self) -> String {
        format!("{}:{}", self.kind(), self.raw_id())
    }

    pub fn with_session(self, session: String) -> Self {
        match self {
            Principal::Citizen { id, .. } => Principal::Citizen { id, session },
            Principal::Staff { id, .. } => Principal::Staff { id, session },
        }
    }

    pub fn from_stored(kind: &str, id: i64, session: String) -> Option<Self> {
        match kind {
            "citizen" => Some(Principal::Citizen {
                id: CitizenId(id),
                session,
            }),
            "staff" => Some(Principal::Staff {
                id: StaffId(id),
                session,
            }),
            _ => None,
        }
    }

    /// The principal a token's subject (`citizen:<id>`) names.
    pub(super) fn from_subject(sub: &str, session: String) -> Option<Self> {
        let (kind, id) = sub.split_once(':')?;
        Self::from_stored(kind, id.parse().ok()?, session)
    }
}
