//! Rebuilds the server when a migration is added: `sqlx::migrate!` embeds the migration
//! files at compile time, and without this a new file would not be noticed.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
