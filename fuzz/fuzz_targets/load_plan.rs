//! Fuzzes the plan loader: any UTF-8 text as a plan file, and its lines as
//! `--set` arguments on a valid plan. Nothing may panic; rejected input
//! must render as diagnostics.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// A valid plan for the `--set` arguments to change.
const BASE: &str = include_str!("../../tests/fixtures/whatif/base.toml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(invalid) = capplan::plan::load_text("fuzz.toml", text) {
        assert!(!invalid.diagnostics.is_empty());
        let _ = invalid.render(false);
    }
    let sets: Vec<String> = text.lines().take(8).map(String::from).collect();
    if let Err(invalid) = capplan::scenario::load_text("base.toml", BASE, &sets) {
        assert!(!invalid.diagnostics.is_empty());
        let _ = invalid.render(false);
    }
});
