//! Fuzzes the plan loader: any UTF-8 text as a plan file, as a scenario
//! overlaid on a valid plan, and its lines as `--set` arguments on a valid
//! plan (relative values such as `+10M`, `*0.8` and `-20%` included).
//! Nothing may panic; rejected input must render as diagnostics.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// A valid plan for the scenarios and `--set` arguments to change.
const BASE: &str = include_str!("../../tests/fixtures/whatif/base.toml");

fn must_render(
    result: Result<
        (capplan::plan::Plan, capplan::diagnostic::SourceMap),
        capplan::diagnostic::InvalidInput,
    >,
) {
    if let Err(invalid) = result {
        assert!(!invalid.diagnostics.is_empty());
        let _ = invalid.render(false);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    must_render(capplan::plan::load_text("fuzz.toml", text));
    let sets: Vec<String> = text.lines().take(8).map(String::from).collect();
    must_render(capplan::scenario::load_text("base.toml", BASE, &sets));
    let scenario = vec![("scenario.toml".to_string(), text.to_string())];
    must_render(capplan::scenario::load_texts(
        "base.toml",
        BASE,
        &scenario,
        &[],
    ));
});
