//! A scenario's label: the optional top-level `name` of a scenario file,
//! else the file's stem.
//!
//! Reports that show several runs side by side (the review pack, compare)
//! label each run with it, so a committee reads "Austerity 2026-28", not a
//! path cut to fit. This module checks the key when a scenario is merged
//! and reads it back for labels; it never changes the plan: `name` is not
//! a plan key and nothing of it reaches validation.

use crate::diagnostic::{Diagnostic, Problem, SourceMap};
use crate::plan::load::read_tree;
use crate::plan::tree::{Entry, Value};
use std::path::Path;

/// The top-level key of a scenario file that names it.
pub(crate) const NAME_KEY: &str = "name";

/// The problem with a scenario's `name`, if any: it must be a string that
/// is not blank.
pub(crate) fn check_name(entry: &Entry) -> Option<Diagnostic> {
    match &entry.node.value {
        Value::Str(name) if !name.trim().is_empty() => None,
        Value::Str(_) => Some(Diagnostic::at(
            entry.node.span,
            Problem::OutOfRange {
                key: NAME_KEY.into(),
                rule: "a non-empty string".into(),
            },
        )),
        other => Some(
            Diagnostic::at(
                entry.node.span,
                Problem::WrongType {
                    key: NAME_KEY.into(),
                    expected: "a string",
                    found: other.type_name(),
                },
            )
            .with_help("the scenario's name labels its run in reports, e.g. name = \"Austerity\""),
        ),
    }
}

/// The label of the scenario in `path`: its `name` (trimmed) when it has
/// one, else the file name without its directory and extension, else the
/// path as given. A file that cannot be read or parsed gets the stem too
/// (loading the scenario reports its problems).
pub fn label(path: &Path) -> String {
    let mut sources = SourceMap::new();
    let named = read_tree(path, &mut sources)
        .ok()
        .and_then(|root| match root.value {
            Value::Table(table) => match table.get(NAME_KEY).map(|e| &e.node.value) {
                Some(Value::Str(name)) if !name.trim().is_empty() => Some(name.trim().to_string()),
                _ => None,
            },
            _ => None,
        });
    named.unwrap_or_else(|| stem(path))
}

/// The file name without directory and extension (`austerity` for
/// `plans/scenarios/austerity.toml`), or the path as given when it has no
/// file name.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("capplan-label-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(name);
        let _ = std::fs::write(&path, text);
        path
    }

    #[test]
    fn the_name_key_labels_the_scenario() {
        let path = scratch(
            "cut.toml",
            "name = \"  Austerity 2026-28 \"\n[budget]\nscale = 0.8\n",
        );
        assert_eq!(label(&path), "Austerity 2026-28");
    }

    #[test]
    fn without_a_name_the_label_is_the_file_stem() {
        let path = scratch("reported-budgets.toml", "[budget]\nscale = 0.8\n");
        assert_eq!(label(&path), "reported-budgets");
        assert_eq!(label(Path::new("no/such/dir/gone.toml")), "gone");
        let blank = scratch("blank.toml", "name = \" \"\n[budget]\nscale = 0.8\n");
        assert_eq!(label(&blank), "blank");
    }
}
