//! 创建工作人员账户: by the installer's `create-admin` command and the demo seed.

use crate::db;
use crate::state::AppState;

/// A password an administrator hands over (16 characters from the OS random source); it
/// works only to choose the account's own.
pub fn handed_out_password() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::crypto::random_bytes::<12>())
}

/// Creates a staff account with a generated password; `None` if the username exists.
pub async fn create(
    state: &AppState,
    unit_id: Option<i64>,
    username: &str,
    display_name: &str,
    roles: &str,
) -> anyhow::Result<Option<String>> {
    let password = handed_out_password();
    let parsed = shared::person::Password::parse(&password).expect("16 characters");
    let hash = state.passwords.hash(&parsed).await?;
    let row = db::staff::NewStaff {
        unit_id,
        username,
        display_name,
        roles,
        password_hash: &hash,
        created_at: crate::time::now_ms(),
    };
    Ok(db::staff::insert(&state.db.writer, row)
        .await?
        .map(|_| password))
}
