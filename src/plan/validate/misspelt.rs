//! Sections under a mistyped header (`[[goals]]`, `[[itme]]`).
//!
//! A mistyped header is reported as an unknown key with a did-you-mean by
//! the root table's reader. Its entries are still read as the section it
//! was meant to be, so the one typo is the one problem: no "the plan needs
//! at least one [[goal]]", no "unknown goal" for every item that serves one.

use crate::plan::tree::{Node, Table, Value};
use crate::suggest;

/// The entries of root keys that are not known keys but are misspellings
/// of `section` holding an array of tables, in file order.
pub(super) fn entries_meant_as<'a>(root: &'a Node, section: &str, known: &[&str]) -> Vec<&'a Node> {
    let Value::Table(Table { entries, .. }) = &root.value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| !known.contains(&e.key.as_str()))
        .filter(|e| suggest::closest(&e.key, known.iter().copied()) == Some(section))
        .filter_map(|e| match &e.node.value {
            Value::Array(nodes) if nodes.iter().all(|n| matches!(n.value, Value::Table(_))) => {
                Some(nodes.iter())
            }
            _ => None,
        })
        .flatten()
        .collect()
}
