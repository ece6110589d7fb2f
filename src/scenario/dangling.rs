//! References left pointing at removed entries.
//!
//! After every overlay is applied, an item may still name an id that a
//! scenario removed: in `requires` (items), `phases` (phases) or as a key of
//! `contributes` (goals). Validation would call that an unknown id; here it
//! is reported as what it is, a dangling reference, at the reference itself
//! (usually in the base plan), with the place of the removal in the help.
//! An id that a later overlay adds back is not removed any more.

use super::entries::{self, Kind};
use super::merge::Removal;
use crate::diagnostic::{Diagnostic, Problem, SourceMap, Span};
use crate::plan::tree::{Node, Table, Value};

/// The removals still in effect on the merged tree.
pub(crate) struct Removed {
    removals: Vec<Removal>,
}

impl Removed {
    /// The removals in effect, in the order they were written.
    pub(crate) fn removals(&self) -> &[Removal] {
        &self.removals
    }

    /// The removals whose id no overlay added back.
    pub(crate) fn still_in_effect(removals: Vec<Removal>, plan: &Node) -> Removed {
        let Some(root) = entries::root_table(plan) else {
            return Removed {
                removals: Vec::new(),
            };
        };
        let mut kept: Vec<Removal> = Vec::new();
        for r in removals {
            let back = entries::ids(root, r.kind).contains(&r.id.as_str());
            if !back && !kept.iter().any(|k| k.kind == r.kind && k.id == r.id) {
                kept.push(r);
            }
        }
        Removed { removals: kept }
    }

    fn find(&self, kind: Kind, id: &str) -> Option<&Removal> {
        self.removals.iter().find(|r| r.kind == kind && r.id == id)
    }

    /// Whether a validation diagnostic is an unknown-id report that a
    /// dangling reference already explains.
    pub(crate) fn explains(&self, diagnostic: &Diagnostic) -> bool {
        match &diagnostic.problem {
            Problem::UnknownId { kind, id } => Kind::from_key(kind)
                .and_then(|kind| self.find(kind, id))
                .is_some(),
            _ => false,
        }
    }

    /// Every reference in the merged plan to a removed id.
    pub(crate) fn dangling(&self, plan: &Node, sources: &SourceMap) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if self.removals.is_empty() {
            return out;
        }
        let Some(root) = entries::root_table(plan) else {
            return out;
        };
        for item in entries::entries(root, Kind::Item) {
            let Value::Table(table) = &item.value else {
                continue;
            };
            let by = entries::id_of(item).unwrap_or("?");
            for (key, kind, id, span) in references(table) {
                if let Some(removal) = self.find(kind, id) {
                    let removed_at = sources.locate(removal.span);
                    out.push(
                        Diagnostic::at(
                            span,
                            Problem::DanglingReference {
                                kind: kind.key(),
                                id: id.to_string(),
                                by: format!("the `{key}` of item `{by}`"),
                            },
                        )
                        .with_help(format!(
                            "`{}` at {removed_at} removes it; give item `{by}` a new `{key}` in the scenario too",
                            kind.remove_key()
                        )),
                    );
                }
            }
        }
        out
    }
}

/// The ids an item refers to: (key, kind, id, where the id is written).
fn references(item: &Table) -> Vec<(&'static str, Kind, &str, Span)> {
    let mut out = Vec::new();
    for (key, kind) in [("requires", Kind::Item), ("phases", Kind::Phase)] {
        if let Some(Value::Array(nodes)) = item.get(key).map(|e| &e.node.value) {
            for node in nodes {
                if let Value::Str(id) = &node.value {
                    out.push((key, kind, id.as_str(), node.span));
                }
            }
        }
    }
    if let Some(Value::Table(goals)) = item.get("contributes").map(|e| &e.node.value) {
        for e in &goals.entries {
            out.push(("contributes", Kind::Goal, e.key.as_str(), e.key_span));
        }
    }
    out
}
