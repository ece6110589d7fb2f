//! File -> [`Plan`], with every diagnostic.
//!
//! Reading a file can fail before TOML is even parsed (missing, a directory,
//! binary, too large, empty); each of those is a diagnostic like any other,
//! so the command line treats all bad input alike.

use super::tree::{self, Node, Value};
use super::validate::validate;
use super::Plan;
use crate::diagnostic::{Diagnostic, InvalidInput, Problem, SourceMap, Span};
use std::path::Path;

/// The largest plan file capplan reads.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and validates a plan file.
pub fn load(path: &Path) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    let root = read_tree(path, &mut sources)
        .map_err(|diagnostics| InvalidInput::new(diagnostics, sources.clone()))?;
    finish(root, sources)
}

/// Validates plan text that did not come from a file (tests, generators).
pub fn load_text(name: &str, text: &str) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    let root = parse_source(name, text.to_string(), &mut sources)
        .map_err(|diagnostics| InvalidInput::new(diagnostics, sources.clone()))?;
    finish(root, sources)
}

/// Validates a (possibly merged) tree.
pub fn finish(root: Node, sources: SourceMap) -> Result<(Plan, SourceMap), InvalidInput> {
    match validate(&root, &sources) {
        Ok(plan) => Ok((plan, sources)),
        Err(diagnostics) => Err(InvalidInput::new(diagnostics, sources)),
    }
}

/// Reads one TOML file into a raw tree, registering it in `sources`.
pub fn read_tree(path: &Path, sources: &mut SourceMap) -> Result<Node, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = read_text(path).map_err(|reason| {
        vec![Diagnostic::nowhere(Problem::Unreadable {
            path: name.clone(),
            reason,
        })]
    })?;
    parse_source(&name, text, sources)
}

/// Parses one source's text into a raw tree, registering it in `sources`;
/// an empty file is a diagnostic like a syntax error.
pub fn parse_source(
    name: &str,
    text: String,
    sources: &mut SourceMap,
) -> Result<Node, Vec<Diagnostic>> {
    let empty = text.trim().is_empty();
    let file = sources.add(name, text);
    let empty_file = || {
        Diagnostic::at(Span::new(file, 0..0), Problem::EmptyFile)
            .with_help("a plan needs [plan], [budget], [[item]] and [[goal]] sections")
    };
    if empty {
        return Err(vec![empty_file()]);
    }
    let root = tree::parse(&sources.file(file).text, file)?;
    match &root.value {
        Value::Table(t) if t.entries.is_empty() => {
            Err(vec![empty_file().with_label("only comments, no keys")])
        }
        _ => Ok(root),
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    super::bounded::read_text(path, MAX_FILE_BYTES)
}
