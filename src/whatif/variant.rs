//! How a `compare` variant is formed from the command line.
//!
//! `--variant SPEC` is one run with several overlays together. SPEC lists
//! its parts separated by ` + ` (a plus with a space on each side) or `;`:
//! a part with an `=` is a `--set PATH=VALUE`, any other part a scenario
//! file. As in `solve`, the scenario files apply first, in the order
//! written, then the overrides in the order written. A leading `NAME: `
//! (text, a colon and a space) names the run; otherwise its name is the
//! parts as written, joined by ` + `:
//!
//! - `--variant "cut.toml + no-radar.toml"`: both scenarios, named
//!   `cut.toml + no-radar.toml`;
//! - `--variant "late UH-60: item.uh60.latest=2028; item.uh60.min_units=2"`:
//!   two overrides, named `late UH-60`.
//!
//! A relative value such as `budget.scale=+10%` has no space after its
//! `+`, so it is not taken for a separator. This module only reads the
//! text; the overlays are applied and validated like any others.

use std::path::PathBuf;

/// One variant: its name and its overlays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    pub scenarios: Vec<PathBuf>,
    pub sets: Vec<String>,
}

/// Why a variant's text names no run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariantError {
    /// Nothing after the name, or an empty part between separators.
    EmptyPart { spec: String },
    /// `NAME:` with no name before the colon.
    EmptyName { spec: String },
}

impl std::fmt::Display for VariantError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VariantError::EmptyPart { spec } => write!(
                f,
                "--variant `{spec}`: an empty part; write scenario files and PATH=VALUE \
                 overrides separated by ` + ` or `;`, e.g. \"cut.toml + budget.scale=0.9\""
            ),
            VariantError::EmptyName { spec } => write!(
                f,
                "--variant `{spec}`: no name before `: `; write \"NAME: PARTS\" or the parts alone"
            ),
        }
    }
}

impl std::error::Error for VariantError {}

impl Variant {
    /// Reads one `--variant` value.
    pub fn parse(spec: &str) -> Result<Variant, VariantError> {
        let (name, body) = match spec.split_once(": ") {
            // A `--set` value may hold `: ` (a quoted string); a name has
            // no `=` before its colon.
            Some((name, body)) if !name.contains('=') => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(VariantError::EmptyName { spec: spec.into() });
                }
                (Some(name.to_string()), body)
            }
            _ => (None, spec),
        };
        let parts: Vec<&str> = body
            .split(';')
            .flat_map(|p| p.split(" + "))
            .map(str::trim)
            .collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(VariantError::EmptyPart { spec: spec.into() });
        }
        let mut variant = Variant {
            name: name.unwrap_or_else(|| parts.join(" + ")),
            scenarios: Vec::new(),
            sets: Vec::new(),
        };
        for part in parts {
            if part.contains('=') {
                variant.sets.push(part.to_string());
            } else {
                variant.scenarios.push(PathBuf::from(part));
            }
        }
        Ok(variant)
    }

    /// [`Variant::parse`] for a command-line value.
    pub fn parse_arg(spec: &str) -> Result<Variant, VariantError> {
        Variant::parse(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_scenarios_or_overrides_and_the_name_is_the_text() {
        let v = Variant::parse("a.toml + b.toml").expect("a variant");
        assert_eq!(v.name, "a.toml + b.toml");
        assert_eq!(
            v.scenarios,
            [PathBuf::from("a.toml"), PathBuf::from("b.toml")]
        );
        assert!(v.sets.is_empty());
        let v = Variant::parse("a.toml; item.uh60.min_units=2").expect("a variant");
        assert_eq!(v.name, "a.toml + item.uh60.min_units=2");
        assert_eq!(v.scenarios, [PathBuf::from("a.toml")]);
        assert_eq!(v.sets, ["item.uh60.min_units=2"]);
    }

    #[test]
    fn a_name_before_a_colon_names_the_run() {
        let v = Variant::parse("late UH-60: item.uh60.latest=2028; item.uh60.min_units=2")
            .expect("a variant");
        assert_eq!(v.name, "late UH-60");
        assert_eq!(v.sets, ["item.uh60.latest=2028", "item.uh60.min_units=2"]);
    }

    #[test]
    fn a_relative_value_is_not_a_separator() {
        let v = Variant::parse("budget.scale=+10% + cut.toml").expect("a variant");
        assert_eq!(v.sets, ["budget.scale=+10%"]);
        assert_eq!(v.scenarios, [PathBuf::from("cut.toml")]);
        // A string value with `: ` is an override, not a name.
        let v = Variant::parse("plan.name=\"a: b\"").expect("a variant");
        assert_eq!(v.sets, ["plan.name=\"a: b\""]);
        assert_eq!(v.name, "plan.name=\"a: b\"");
    }

    #[test]
    fn empty_parts_and_names_are_refused() {
        assert!(matches!(
            Variant::parse("a.toml + "),
            Err(VariantError::EmptyPart { .. })
        ));
        assert!(matches!(
            Variant::parse("a.toml;;b.toml"),
            Err(VariantError::EmptyPart { .. })
        ));
        assert!(matches!(
            Variant::parse(": a.toml"),
            Err(VariantError::EmptyName { .. })
        ));
        assert!(matches!(
            Variant::parse("name: "),
            Err(VariantError::EmptyPart { .. })
        ));
    }
}
