//! Any text as a query code: never a panic; accepted codes have the shown form and read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::petition::QueryCode;

fuzz_target!(|input: &str| {
    if let Ok(code) = QueryCode::parse(input) {
        let shown = code.expose();
        assert_eq!(shown.len(), 19);
        assert!(shown.split('-').all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_alphanumeric())));
        assert_eq!(QueryCode::parse(shown).expect("accepted twice").expose(), shown);
    }
});
