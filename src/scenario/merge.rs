//! Overlaying one scenario file on the plan tree.
//!
//! A scenario is a partial plan. Its `[plan]` and `[budget]` tables merge
//! key by key, recursively; its `[[phase]]`, `[[item]]` and `[[goal]]`
//! entries merge by `id`, one level deep (a key given replaces the whole
//! value, even a table such as `contributes`); its `remove_*` lists delete
//! entries. Merged nodes keep the spans of the file they were written in, so
//! validation points into whichever file holds a bad line. This module checks
//! only what validation cannot: the scenario's own top-level keys, entry ids
//! and removal lists. It never reads the keys inside a section.

use super::entries::{self, id_of, Kind};
use crate::diagnostic::{Diagnostic, Problem, Span};
use crate::plan::tree::{Entry, Node, Table, Value};
use crate::plan::validate::ROOT_KEYS;
use crate::suggest;

/// The keys a scenario file may have at its top level, beyond a plan's.
const REMOVE_KEYS: [&str; 4] = [
    "remove_phases",
    "remove_items",
    "remove_goals",
    "remove_sources",
];

/// An entry a scenario removed, and where the removal is written.
#[derive(Clone, Debug)]
pub(crate) struct Removal {
    pub kind: Kind,
    pub id: String,
    pub span: Span,
}

/// Applies one scenario to `plan`. Removals come first, then the sections
/// in the order the scenario writes them, so a scenario that removes an id
/// and also gives an entry with that id replaces the entry as a whole.
/// Every removal is appended to `removals`; every problem to `diagnostics`.
pub(crate) fn apply_scenario(
    plan: &mut Node,
    scenario: &Node,
    removals: &mut Vec<Removal>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (Some(overlay), Some(target)) =
        (entries::root_table(scenario), entries::root_table_mut(plan))
    else {
        return;
    };
    for entry in &overlay.entries {
        if let Some(kind) = Kind::ALL.into_iter().find(|k| k.remove_key() == entry.key) {
            remove_entries(target, kind, entry, removals, diagnostics);
        }
    }
    for entry in &overlay.entries {
        if let Some(kind) = Kind::from_key(&entry.key) {
            merge_entries(target, kind, entry, diagnostics);
        } else if ROOT_KEYS.contains(&entry.key.as_str()) {
            merge_entry(target, entry);
        } else if entry.key == super::label::NAME_KEY {
            diagnostics.extend(super::label::check_name(entry));
        } else if !REMOVE_KEYS.contains(&entry.key.as_str()) {
            diagnostics.push(unknown_top_level_key(entry));
        }
    }
}

fn unknown_top_level_key(entry: &Entry) -> Diagnostic {
    let known = ROOT_KEYS
        .iter()
        .chain(REMOVE_KEYS.iter())
        .chain([super::label::NAME_KEY].iter())
        .copied();
    let d = Diagnostic::at(
        entry.key_span,
        Problem::UnknownKey {
            key: entry.key.clone(),
            section: "the scenario file".into(),
        },
    );
    match suggest::help_for(&entry.key, "a scenario may have", known) {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// Sets `entry` in `target`: tables present on both sides merge key by
/// key; anything else replaces the old value (or is added).
fn merge_entry(target: &mut Table, entry: &Entry) {
    match target.get_mut(&entry.key) {
        Some(existing) => match (&mut existing.node.value, &entry.node.value) {
            (Value::Table(old), Value::Table(new)) => {
                for e in &new.entries {
                    merge_entry(old, e);
                }
            }
            _ => *existing = entry.clone(),
        },
        None => target.entries.push(entry.clone()),
    }
}

/// Sets `entry` in `target`, replacing any old value as a whole.
fn replace_entry(target: &mut Table, entry: &Entry) {
    match target.get_mut(&entry.key) {
        Some(existing) => *existing = entry.clone(),
        None => target.entries.push(entry.clone()),
    }
}

/// Merges a scenario's `[[item]]` (or phase, goal) entries by id.
fn merge_entries(
    target: &mut Table,
    kind: Kind,
    section: &Entry,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Value::Array(nodes) = &section.node.value else {
        diagnostics.push(Diagnostic::at(
            section.node.span,
            Problem::WrongType {
                key: kind.key().into(),
                expected: kind.expected_array(),
                found: section.node.value.type_name(),
            },
        ));
        return;
    };
    if target.get(kind.key()).is_none() {
        target.entries.push(Entry {
            key: section.key.clone(),
            key_span: section.key_span,
            node: Node {
                value: Value::Array(Vec::new()),
                span: section.node.span,
            },
        });
    }
    // A plan whose section is not an array is reported by validation.
    let Some(existing) = entries::entries_mut(target, kind) else {
        return;
    };
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for node in nodes {
        let Some(id) = overlay_id(node, kind, diagnostics) else {
            continue;
        };
        // Two entries with one id in one scenario: the second would
        // silently win. It is a mistake, as it is in a plan.
        if !seen.insert(id) {
            let span = match &node.value {
                Value::Table(t) => t.get("id").map_or(node.span, |e| e.node.span),
                _ => node.span,
            };
            diagnostics.push(
                Diagnostic::at(
                    span,
                    Problem::DuplicateId {
                        kind: kind.key(),
                        id: id.into(),
                    },
                )
                .with_help(format!(
                    "this scenario already changes this {}; merge the two entries into one",
                    kind.key()
                )),
            );
            continue;
        }
        let Value::Table(overlay) = &node.value else {
            continue;
        };
        match existing.iter_mut().find(|n| id_of(n) == Some(id)) {
            Some(Node {
                value: Value::Table(old),
                ..
            }) => {
                for e in overlay.entries.iter().filter(|e| e.key != "id") {
                    replace_entry(old, e);
                }
            }
            _ => {
                if let Some(d) = mistyped_id(existing, kind, id, node, overlay) {
                    diagnostics.push(d);
                    continue;
                }
                existing.push(node.clone())
            }
        }
    }
}

/// A new entry that lacks what a new entry needs, with an id close to an
/// existing one, is a mistyped id (`javelinn` for `javelin`): said so, with
/// the id meant, instead of "missing unit_cost".
fn mistyped_id(
    existing: &[Node],
    kind: Kind,
    id: &str,
    node: &Node,
    overlay: &Table,
) -> Option<Diagnostic> {
    let required: &[&str] = match kind {
        Kind::Item => &["unit_cost", "max_units"],
        Kind::Goal => &["targets"],
        Kind::Phase => &["start", "end"],
        Kind::Source => &["years"],
    };
    if required.iter().all(|k| overlay.get(k).is_some()) {
        return None;
    }
    let meant = crate::suggest::closest(id, existing.iter().filter_map(id_of))?;
    let span = overlay.get("id").map_or(node.span, |e| e.node.span);
    Some(
        Diagnostic::at(
            span,
            Problem::UnknownId {
                kind: kind.key(),
                id: id.into(),
            },
        )
        .with_help(format!(
            "did you mean `{meant}`? A new {} would need {}",
            kind.key(),
            required
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        )),
    )
}

/// The id of a scenario entry, or why it has none.
fn overlay_id<'a>(
    node: &'a Node,
    kind: Kind,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
    let Value::Table(table) = &node.value else {
        diagnostics.push(Diagnostic::at(
            node.span,
            Problem::WrongType {
                key: kind.key().into(),
                expected: kind.expected_array(),
                found: node.value.type_name(),
            },
        ));
        return None;
    };
    match table.get("id") {
        Some(Entry {
            node: Node {
                value: Value::Str(id),
                ..
            },
            ..
        }) => Some(id),
        Some(entry) => {
            diagnostics.push(Diagnostic::at(
                entry.node.span,
                Problem::WrongType {
                    key: "id".into(),
                    expected: "a string",
                    found: entry.node.value.type_name(),
                },
            ));
            None
        }
        None => {
            diagnostics.push(
                Diagnostic::at(
                    node.span,
                    Problem::MissingKey {
                        key: "id".into(),
                        section: kind.header().into(),
                    },
                )
                .with_help(format!(
                    "in a scenario, `id` names the {} to change (or the new one to add)",
                    kind.key()
                )),
            );
            None
        }
    }
}

/// Applies a `remove_items` (or phases, goals) list.
fn remove_entries(
    target: &mut Table,
    kind: Kind,
    list: &Entry,
    removals: &mut Vec<Removal>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Value::Array(nodes) = &list.node.value else {
        diagnostics.push(Diagnostic::at(
            list.node.span,
            Problem::WrongType {
                key: list.key.clone(),
                expected: "a list of ids",
                found: list.node.value.type_name(),
            },
        ));
        return;
    };
    let known = entries::ids(target, kind);
    let mut doomed: Vec<Removal> = Vec::new();
    for node in nodes {
        let Value::Str(id) = &node.value else {
            diagnostics.push(Diagnostic::at(
                node.span,
                Problem::WrongType {
                    key: list.key.clone(),
                    expected: "a list of ids",
                    found: node.value.type_name(),
                },
            ));
            continue;
        };
        if known.contains(&id.as_str()) {
            if !doomed.iter().any(|r| r.id == *id) {
                doomed.push(Removal {
                    kind,
                    id: id.clone(),
                    span: node.span,
                });
            }
            continue;
        }
        let mut d = Diagnostic::at(
            node.span,
            Problem::UnknownId {
                kind: kind.key(),
                id: id.clone(),
            },
        );
        let what = format!("known {}s", kind.key());
        if let Some(help) = suggest::help_for(id, &what, known.iter().copied()) {
            d = d.with_help(help);
        }
        diagnostics.push(d);
    }
    if let Some(existing) = entries::entries_mut(target, kind) {
        existing.retain(|n| !id_of(n).is_some_and(|id| doomed.iter().any(|r| r.id == id)));
    }
    removals.extend(doomed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceMap;
    use crate::plan::tree;

    fn parse(sources: &mut SourceMap, name: &str, text: &str) -> Node {
        let file = sources.add(name, text);
        tree::parse(text, file).unwrap()
    }

    /// Merges `scenario` into `base` and returns the merged root table.
    fn merged(base: &str, scenario: &str) -> (Table, Vec<Removal>, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let mut plan = parse(&mut sources, "base.toml", base);
        let overlay = parse(&mut sources, "scenario.toml", scenario);
        let (mut removals, mut diagnostics) = (Vec::new(), Vec::new());
        apply_scenario(&mut plan, &overlay, &mut removals, &mut diagnostics);
        let Value::Table(t) = plan.value else {
            panic!("root is a table")
        };
        (t, removals, diagnostics)
    }

    fn keys(table: &Table) -> Vec<&str> {
        table.entries.iter().map(|e| e.key.as_str()).collect()
    }

    fn sub<'a>(table: &'a Table, key: &str) -> &'a Table {
        match &table.get(key).unwrap().node.value {
            Value::Table(t) => t,
            other => panic!("{key} is {other:?}"),
        }
    }

    #[test]
    fn tables_merge_key_by_key_recursively() {
        let base = "[budget]\ncarryover = 0.1\n[budget.years]\n2025 = 1\n2026 = 2\n";
        let scenario = "[budget]\nscale = 2\n[budget.years]\n2026 = \"5M\"\n2027 = 3\n";
        let (root, _, diagnostics) = merged(base, scenario);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let budget = sub(&root, "budget");
        assert_eq!(keys(budget), ["carryover", "years", "scale"]);
        let years = sub(budget, "years");
        assert_eq!(keys(years), ["2025", "2026", "2027"]);
        assert_eq!(years.get("2025").unwrap().node.value, Value::Int(1));
        assert_eq!(
            years.get("2026").unwrap().node.value,
            Value::Str("5M".into())
        );
    }

    #[test]
    fn an_inline_table_merges_like_a_standard_one() {
        let base = "[budget]\nyears = { 2025 = 1, 2026 = 2 }\n";
        let (root, _, _) = merged(base, "budget.years.2025 = 7\n");
        let years = sub(sub(&root, "budget"), "years");
        assert_eq!(years.get("2025").unwrap().node.value, Value::Int(7));
        assert_eq!(years.get("2026").unwrap().node.value, Value::Int(2));
    }

    #[test]
    fn entries_merge_by_id_changing_only_the_keys_given() {
        let base = "[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 2\n\n[[item]]\nid = \"b\"\nmax_units = 9\n";
        let scenario = "[[item]]\nid = \"a\"\nmax_units = 5\nname = \"A\"\n";
        let (root, _, diagnostics) = merged(base, scenario);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let items = entries::entries(&root, Kind::Item);
        assert_eq!(items.len(), 2);
        let Value::Table(a) = &items[0].value else {
            panic!()
        };
        assert_eq!(keys(a), ["id", "unit_cost", "max_units", "name"]);
        assert_eq!(a.get("unit_cost").unwrap().node.value, Value::Int(1));
        assert_eq!(a.get("max_units").unwrap().node.value, Value::Int(5));
        // The id keeps pointing into the base, where the item is declared.
        assert_eq!(a.get("id").unwrap().node.span.range(), 14..17);
        assert_eq!(id_of(&items[1]), Some("b"));
    }

    #[test]
    fn a_table_value_in_an_entry_is_replaced_whole() {
        let base = "[[item]]\nid = \"a\"\ncontributes = { x = 1, y = 2 }\nfixed = { 2025 = 1 }\n\n[[goal]]\nid = \"g\"\ntargets = { 2025 = 1, 2026 = 2 }\n";
        let scenario = "[[item]]\nid = \"a\"\ncontributes = { y = 3 }\nfixed = { 2026 = 2 }\n\n[[goal]]\nid = \"g\"\n[goal.targets]\n2027 = 4\n";
        let (root, _, diagnostics) = merged(base, scenario);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Value::Table(a) = &entries::entries(&root, Kind::Item)[0].value else {
            panic!()
        };
        assert_eq!(keys(sub(a, "contributes")), ["y"]);
        assert_eq!(keys(sub(a, "fixed")), ["2026"]);
        let Value::Table(g) = &entries::entries(&root, Kind::Goal)[0].value else {
            panic!()
        };
        assert_eq!(keys(sub(g, "targets")), ["2027"]);
    }

    #[test]
    fn an_entry_with_a_new_id_is_appended() {
        let base = "[[phase]]\nid = \"p1\"\nstart = 2025\nend = 2026\n";
        let scenario = "[[phase]]\nid = \"p2\"\nstart = 2027\nend = 2028\n\n[[goal]]\nid = \"g\"\n";
        let (root, _, diagnostics) = merged(base, scenario);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries::ids(&root, Kind::Phase), ["p1", "p2"]);
        // A section the base lacks is created.
        assert_eq!(entries::ids(&root, Kind::Goal), ["g"]);
    }

    #[test]
    fn an_entry_without_an_id_is_an_error_in_the_scenario() {
        let (root, _, diagnostics) = merged("[[item]]\nid = \"a\"\n", "[[item]]\nname = \"x\"\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].problem,
            Problem::MissingKey {
                key: "id".into(),
                section: "[[item]]".into()
            }
        );
        assert_eq!(entries::entries(&root, Kind::Item).len(), 1);
    }

    #[test]
    fn removal_deletes_entries_and_is_recorded() {
        let base = "[[item]]\nid = \"a\"\n\n[[item]]\nid = \"b\"\n\n[[goal]]\nid = \"g\"\n";
        let (root, removals, diagnostics) = merged(base, "remove_items = [\"a\"]\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(entries::ids(&root, Kind::Item), ["b"]);
        assert_eq!(removals.len(), 1);
        assert_eq!(
            (removals[0].kind, removals[0].id.as_str()),
            (Kind::Item, "a")
        );
    }

    #[test]
    fn remove_then_add_replaces_an_entry_whole() {
        let base = "[[item]]\nid = \"a\"\nunit_cost = 1\nmax_units = 2\n";
        let scenario = "remove_items = [\"a\"]\n\n[[item]]\nid = \"a\"\nmax_units = 3\n";
        let (root, _, diagnostics) = merged(base, scenario);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Value::Table(a) = &entries::entries(&root, Kind::Item)[0].value else {
            panic!()
        };
        assert_eq!(keys(a), ["id", "max_units"]);
    }

    #[test]
    fn removing_an_unknown_id_suggests_a_known_one() {
        let base = "[[goal]]\nid = \"air_mobility\"\n";
        let (_, removals, diagnostics) = merged(base, "remove_goals = [\"air_mobilty\"]\n");
        assert!(removals.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].problem,
            Problem::UnknownId {
                kind: "goal",
                id: "air_mobilty".into()
            }
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `air_mobility`?")
        );
    }

    #[test]
    fn unknown_top_level_key_suggests_a_known_one() {
        let (_, _, diagnostics) = merged("[plan]\n", "remove_item = [\"a\"]\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].problem,
            Problem::UnknownKey {
                key: "remove_item".into(),
                section: "the scenario file".into()
            }
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `remove_items`?")
        );
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        let (_, _, diagnostics) = merged(
            "[[item]]\nid = \"a\"\n",
            "item = 3\nremove_goals = \"g\"\nremove_phases = [1]\n[[goal]]\nid = 7\n",
        );
        let found: Vec<_> = diagnostics.iter().map(|d| d.problem.clone()).collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.iter().all(|p| matches!(p, Problem::WrongType { .. })));
    }
}
