//! Any text as a query code: never a panic; an accepted code is sixteen symbols of the
//! alphabet, and both its canonical and its grouped (shown) form read back as the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::petition::QueryCode;

fuzz_target!(|input: &str| {
    if let Ok(code) = QueryCode::parse(input) {
        let canonical = code.expose();
        assert_eq!(canonical.len(), 16);
        assert!(canonical.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        let shown = code.grouped();
        assert_eq!(shown.len(), 19);
        assert_eq!(QueryCode::parse(&shown).expect("shown form").expose(), canonical);
        assert_eq!(QueryCode::parse(canonical).expect("accepted twice").expose(), canonical);
    }
});
