//! Keys and the field vault: encryption of personal data at rest, blind indexes and keyed hashes.

mod keys;
mod vault;

pub use keys::load_master_key;
pub use vault::{Field, Vault, same};

use rand::Rng;
use rand::rand_core::UnwrapErr;
use rand::rngs::SysRng;

/// `n` bytes from the operating system's secure random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    UnwrapErr(SysRng).fill_bytes(&mut b);
    b
}
