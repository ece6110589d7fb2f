//! The entries a plan lists by `id` (`[[phase]]`, `[[item]]`, `[[goal]]`)
//! and how to find them in a raw tree.
//!
//! Scenarios merge and remove entries by id, `--set` addresses them by id,
//! and the dangling-reference check looks their ids up; all of them read the
//! tree through these few functions. Nothing here reports problems: a tree
//! that is not shaped like a plan simply has no entries of that kind, and
//! validation says why.

use crate::plan::tree::{Node, Table, Value};
use crate::plan::validate::{GOAL_KEYS, ITEM_KEYS, PHASE_KEYS, SOURCE_KEYS};

/// One kind of entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Phase,
    Item,
    Goal,
    /// `[[source]]` (plan format section 8).
    Source,
}

impl Kind {
    /// Every kind, in the order a plan file usually lists them.
    pub(crate) const ALL: [Kind; 4] = [Kind::Phase, Kind::Item, Kind::Goal, Kind::Source];

    /// The key of the array of tables (`item` for `[[item]]`), which is
    /// also the word validation uses for the kind ("unknown item").
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Phase => "phase",
            Kind::Item => "item",
            Kind::Goal => "goal",
            Kind::Source => "source",
        }
    }

    /// The section header, for messages.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Kind::Phase => "[[phase]]",
            Kind::Item => "[[item]]",
            Kind::Goal => "[[goal]]",
            Kind::Source => "[[source]]",
        }
    }

    /// The top-level scenario key that removes entries of this kind.
    pub(crate) fn remove_key(self) -> &'static str {
        match self {
            Kind::Phase => "remove_phases",
            Kind::Item => "remove_items",
            Kind::Goal => "remove_goals",
            Kind::Source => "remove_sources",
        }
    }

    /// What validation expects of the section's value.
    pub(crate) fn expected_array(self) -> &'static str {
        match self {
            Kind::Phase => "an array of tables, written [[phase]]",
            Kind::Item => "an array of tables, written [[item]]",
            Kind::Goal => "an array of tables, written [[goal]]",
            Kind::Source => "an array of tables, written [[source]]",
        }
    }

    /// Every key an entry of this kind may have.
    pub(crate) fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Phase => PHASE_KEYS,
            Kind::Item => ITEM_KEYS,
            Kind::Goal => GOAL_KEYS,
            Kind::Source => SOURCE_KEYS,
        }
    }

    /// The keys whose value is a table that `--set` may change one
    /// sub-key at a time (`item.tb2.fixed.2022`).
    pub(crate) fn table_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Phase => &[],
            Kind::Item => &["contributes", "fixed"],
            Kind::Goal => &["targets"],
            Kind::Source => &["years"],
        }
    }

    /// The kind whose array of tables is written under `key`.
    pub(crate) fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The root table of a tree (a parsed file always has one).
pub(crate) fn root_table(root: &Node) -> Option<&Table> {
    match &root.value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// The root table of a tree, mutably.
pub(crate) fn root_table_mut(root: &mut Node) -> Option<&mut Table> {
    match &mut root.value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// The `id` of an entry, when it is a table with a string `id`.
pub(crate) fn id_of(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Table(t) => t.get("id").and_then(|e| match &e.node.value {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }),
        _ => None,
    }
}

/// The entries of one kind (none when the section is absent or malformed).
pub(crate) fn entries(root: &Table, kind: Kind) -> &[Node] {
    match root.get(kind.key()).map(|e| &e.node.value) {
        Some(Value::Array(nodes)) => nodes,
        _ => &[],
    }
}

/// The entries of one kind, mutably (`None` when the section is absent or
/// malformed).
pub(crate) fn entries_mut(root: &mut Table, kind: Kind) -> Option<&mut Vec<Node>> {
    match root.get_mut(kind.key()).map(|e| &mut e.node.value) {
        Some(Value::Array(nodes)) => Some(nodes),
        _ => None,
    }
}

/// The ids of one kind, in file order, without duplicates.
pub(crate) fn ids(root: &Table, kind: Kind) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for id in entries(root, kind).iter().filter_map(id_of) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}
