//! What-if runs: scenario files and `--set` overrides on a base plan.
//!
//! Overlays work on the raw tree, before validation: the base plan is read
//! into a [`crate::plan::tree::Node`], each scenario file is merged into it
//! in order (`merge`), then each `--set` argument (`set`), and the merged
//! tree is validated exactly like a plan file. Every node keeps the span of
//! the file it came from, so a problem is shown in the base plan, in a
//! scenario, or in the `--set` argument, wherever the offending text is.
//! The base plan file is only read, never written. This module must not
//! interpret plan keys itself: what a key means and what values it takes
//! is validation's business.

mod dangling;
mod entries;
mod history;
pub mod label;
mod merge;
mod path;
mod relative;
mod set;

use crate::diagnostic::{Diagnostic, InvalidInput, SourceMap};
use crate::plan::load::{finish, parse_source, read_tree};
use crate::plan::tree::Node;
use crate::plan::Plan;
use dangling::Removed;
use std::path::{Path, PathBuf};

/// What-if changes applied to a base plan, in order: scenario files, then
/// `--set` overrides.
#[derive(Clone, Debug, Default)]
pub struct Overlays {
    /// Partial plan files, applied in order.
    pub scenarios: Vec<PathBuf>,
    /// `PATH=VALUE` arguments, applied in order after the scenarios.
    pub sets: Vec<String>,
    /// `--as-of YEAR`: the first open year, instead of `[plan] as_of`.
    pub as_of: Option<i32>,
}

/// Reads the base plan, applies the overlays, validates the merged tree.
///
/// Every problem found is returned: files that cannot be read or parsed
/// first (nothing is merged then), otherwise the overlays' own problems
/// together with validation's.
pub fn load_plan(base: &Path, overlays: &Overlays) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    let mut unreadable = Vec::new();
    let root = match read_tree(base, &mut sources) {
        Ok(root) => Some(root),
        Err(diagnostics) => {
            unreadable.extend(diagnostics);
            None
        }
    };
    let mut scenarios = Vec::with_capacity(overlays.scenarios.len());
    for path in &overlays.scenarios {
        match read_tree(path, &mut sources) {
            Ok(node) => scenarios.push(node),
            Err(diagnostics) => unreadable.extend(diagnostics.into_iter().map(scenario_help)),
        }
    }
    match root {
        Some(root) if unreadable.is_empty() => {
            apply(root, &scenarios, &overlays.sets, overlays.as_of, sources)
        }
        _ => Err(InvalidInput::new(unreadable, sources)),
    }
}

/// [`load_plan`] for a base plan given as text, with `--set` arguments and
/// no scenario files (tests, fuzzing).
pub fn load_text(
    name: &str,
    text: &str,
    sets: &[String],
) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    match parse_source(name, text.to_string(), &mut sources) {
        Ok(root) => apply(root, &[], sets, None, sources),
        Err(diagnostics) => Err(InvalidInput::new(diagnostics, sources)),
    }
}

/// [`load_plan`] with the base plan and the scenarios given as text
/// (name, text), for fuzzing and tests.
pub fn load_texts(
    name: &str,
    text: &str,
    scenarios: &[(String, String)],
    sets: &[String],
) -> Result<(Plan, SourceMap), InvalidInput> {
    let mut sources = SourceMap::new();
    let mut unreadable = Vec::new();
    let root = parse_source(name, text.to_string(), &mut sources)
        .map_err(|d| unreadable.extend(d))
        .ok();
    let mut trees = Vec::with_capacity(scenarios.len());
    for (scenario_name, scenario_text) in scenarios {
        match parse_source(scenario_name, scenario_text.clone(), &mut sources) {
            Ok(node) => trees.push(node),
            Err(d) => unreadable.extend(d.into_iter().map(scenario_help)),
        }
    }
    match root {
        Some(root) if unreadable.is_empty() => apply(root, &trees, sets, None, sources),
        _ => Err(InvalidInput::new(unreadable, sources)),
    }
}

/// An empty scenario file is reported like an empty plan; the help should
/// say what a scenario holds.
fn scenario_help(d: Diagnostic) -> Diagnostic {
    if d.problem == crate::diagnostic::Problem::EmptyFile {
        d.with_help(
            "a scenario needs at least one section ([plan], [budget], [[phase]], [[item]], \
             [[goal]], [[source]], ...) or a remove_items, remove_goals, remove_phases or \
             remove_sources list",
        )
    } else {
        d
    }
}

/// Merges the scenarios and `--set` arguments into `root`, then validates;
/// `as_of` (from `--as-of`) then replaces `[plan] as_of`, and overlays that
/// change history are refused.
fn apply(
    mut root: Node,
    scenarios: &[Node],
    sets: &[String],
    as_of: Option<i32>,
    mut sources: SourceMap,
) -> Result<(Plan, SourceMap), InvalidInput> {
    let base = (!scenarios.is_empty() || !sets.is_empty()).then(|| root.clone());
    let mut diagnostics = Vec::new();
    let mut removals = Vec::new();
    for scenario in scenarios {
        merge::apply_scenario(&mut root, scenario, &mut removals, &mut diagnostics);
    }
    for arg in sets {
        set::apply_set(&mut root, arg, &mut sources, &mut diagnostics);
    }
    let removed = Removed::still_in_effect(removals, &root);
    diagnostics.extend(removed.dangling(&root, &sources));
    let merged = base.as_ref().map(|_| root.clone());
    match finish(root, sources) {
        Ok((mut plan, mut sources)) if diagnostics.is_empty() => {
            if let Some(year) = as_of {
                diagnostics.extend(override_as_of(&mut plan, year, &mut sources));
            }
            if let (Some(base), Some(merged)) = (&base, &merged) {
                diagnostics.extend(history::history_edits(
                    base,
                    merged,
                    &plan,
                    removed.removals(),
                    &sources,
                ));
            }
            if diagnostics.is_empty() {
                Ok((plan, sources))
            } else {
                Err(InvalidInput::new(diagnostics, sources))
            }
        }
        Ok((_, sources)) => Err(InvalidInput::new(diagnostics, sources)),
        Err(invalid) => {
            diagnostics.extend(
                invalid
                    .diagnostics
                    .into_iter()
                    .filter(|d| !removed.explains(d)),
            );
            Err(InvalidInput::new(diagnostics, invalid.sources))
        }
    }
}

/// Sets `plan.as_of` from `--as-of YEAR`, which must lie in the horizon;
/// the argument becomes a source of its own so that a bad year is shown.
fn override_as_of(plan: &mut Plan, year: i32, sources: &mut SourceMap) -> Option<Diagnostic> {
    if plan.start <= year && year <= plan.end {
        plan.as_of = year;
        return None;
    }
    let text = format!("--as-of {year}");
    let file = sources.add(text.clone(), text.clone());
    let span = crate::diagnostic::Span::new(file, "--as-of ".len()..text.len());
    Some(
        Diagnostic::at(
            span,
            crate::diagnostic::Problem::YearOutside {
                key: "--as-of".into(),
                year: year.into(),
                start: plan.start,
                end: plan.end,
            },
        )
        .with_help(format!(
            "the as-of year is the first year still open to decisions, from {} to {}",
            plan.start, plan.end
        )),
    )
}

#[cfg(test)]
mod tests;
