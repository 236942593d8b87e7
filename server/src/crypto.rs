//! Keys and the field vault: encryption of personal data at rest, blind indexes and keyed hashes.

mod keys;
mod vault;

pub use keys::load_master_key;
pub use vault::{Field, Vault, same};

use rand::RngCore;

/// `n` bytes from the operating system's secure random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}
