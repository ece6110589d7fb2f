//! What-ifs leave history alone (plan format section 7).
//!
//! Once the overlays are merged and the merged plan validated, the base
//! plan alone is validated too and the two are compared in every history
//! year (before `as_of`): an envelope of `budget.years` or a `fixed` entry
//! that differs, or an item with history orders that a scenario removes, is
//! refused with a diagnostic on the scenario line or `--set` argument that
//! changed it. This module compares validated values (so `"123M"` and
//! `123_000_000` are the same envelope); it does not interpret keys itself.

use super::entries::Kind;
use super::merge::Removal;
use crate::diagnostic::{Diagnostic, Problem, SourceMap, Span};
use crate::plan::tree::{Entry, Node, Value};
use crate::plan::validate::validate;
use crate::plan::Plan;

/// Every change the overlays make to a history year of `plan`.
pub(crate) fn history_edits(
    base: &Node,
    merged: &Node,
    plan: &Plan,
    removals: &[Removal],
    sources: &SourceMap,
) -> Vec<Diagnostic> {
    if plan.as_of <= plan.start {
        return Vec::new();
    }
    // A base plan that is invalid on its own was mended by the overlays:
    // there is nothing sound to compare with.
    let Ok(before) = validate(base, sources) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut refuse = |span: Span, year: i32| {
        if span.file == base.span.file {
            // Not an overlay's doing (the base plan writes it).
            return;
        }
        found.push(
            Diagnostic::at(
                span,
                Problem::HistoryEdited {
                    what: overlay_name(span, sources),
                    year,
                    as_of: plan.as_of,
                },
            )
            .with_help(format!(
                "history ({}-{}) is fixed; change only years from {} on, or move `as_of` \
                 (`--as-of`) back",
                plan.start,
                plan.as_of - 1,
                plan.as_of
            )),
        )
    };
    for (t, year) in plan
        .years()
        .enumerate()
        .filter(|(_, y)| plan.is_history(*y))
    {
        let old = before.budget.years.iter().find(|b| b.year == year);
        if old.map(|b| b.envelope) != Some(plan.budget.years[t].envelope) {
            if let Some(span) = year_entry(merged, &["budget", "years"], year) {
                refuse(span, year);
            }
        }
    }
    for item in &plan.items {
        let old = before.items.iter().find(|b| b.id == item.id);
        for year in plan.years().filter(|y| plan.is_history(*y)) {
            let was = old.and_then(|b| b.fixed_in(year));
            if was != item.fixed_in(year) {
                if let Some(span) = fixed_span(merged, &item.id, year) {
                    refuse(span, year);
                }
            }
        }
    }
    for old in &before.items {
        if plan.items.iter().any(|i| i.id == old.id) {
            continue;
        }
        let history = old.fixed.iter().find(|f| plan.is_history(f.year));
        let removal = removals
            .iter()
            .find(|r| r.kind == Kind::Item && r.id == old.id);
        if let (Some(fixed), Some(removal)) = (history, removal) {
            refuse(removal.span, fixed.year);
        }
    }
    found
}

/// "the scenario `FILE`" or "`--set ARG`", from where a span lies.
fn overlay_name(span: Span, sources: &SourceMap) -> String {
    let name = &sources.file(span.file).name;
    if name.starts_with("--set ") || name.starts_with("--as-of ") {
        format!("`{name}`")
    } else {
        format!("the scenario `{name}`")
    }
}

/// The table at `path` from the root of a tree.
fn table_at<'a>(root: &'a Node, path: &[&str]) -> Option<&'a crate::plan::tree::Table> {
    let mut node = root;
    for key in path {
        let Value::Table(t) = &node.value else {
            return None;
        };
        node = &t.get(key)?.node;
    }
    match &node.value {
        Value::Table(t) => Some(t),
        _ => None,
    }
}

/// The span of the entry keyed by `year` in the table at `path`.
fn year_entry(root: &Node, path: &[&str], year: i32) -> Option<Span> {
    let table = table_at(root, path)?;
    table
        .entries
        .iter()
        .find(|e| is_year(e, year))
        .map(entry_span)
}

fn is_year(entry: &Entry, year: i32) -> bool {
    entry.key.trim().parse::<i32>().ok() == Some(year)
}

/// From the key to the end of the value, when both are in one file.
fn entry_span(entry: &Entry) -> Span {
    if entry.key_span.file == entry.node.span.file && entry.key_span.start <= entry.node.span.end {
        Span::new(
            entry.key_span.file,
            entry.key_span.start..entry.node.span.end,
        )
    } else {
        entry.node.span
    }
}

/// Where the merged tree writes item `id`'s `fixed` entry for `year`: the
/// entry itself, else the `fixed` table that lacks it, else the item.
fn fixed_span(root: &Node, id: &str, year: i32) -> Option<Span> {
    let Value::Table(t) = &root.value else {
        return None;
    };
    let Value::Array(items) = &t.get("item")?.node.value else {
        return None;
    };
    let item = items.iter().find(|n| match &n.value {
        Value::Table(t) => t
            .get("id")
            .is_some_and(|e| matches!(&e.node.value, Value::Str(s) if s == id)),
        _ => false,
    })?;
    let Value::Table(fields) = &item.value else {
        return None;
    };
    let Some(fixed) = fields.get("fixed") else {
        return fields.get("id").map(entry_span);
    };
    match &fixed.node.value {
        Value::Table(years) => Some(
            years
                .entries
                .iter()
                .find(|e| is_year(e, year))
                .map_or_else(|| entry_span(fixed), entry_span),
        ),
        _ => Some(entry_span(fixed)),
    }
}
