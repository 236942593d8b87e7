//! Any text as an uploaded file's name: never a panic, and what is kept can point nowhere
//! (no separators), break no header or page (no controls, quotes or angle brackets) and
//! is short.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::petition::clean_name;

fuzz_target!(|input: &str| {
    let name = clean_name(input, "png");
    let stem = name.strip_suffix(".png").expect("the detected extension");
    assert!(!stem.is_empty() && stem.chars().count() <= 80);
    assert!(!stem.starts_with('.'), "{name}");
    assert!(!name.chars().any(|c| c.is_control() || "/\\<>\":|?*".contains(c)), "{name}");
});
