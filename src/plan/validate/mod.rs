//! Raw tree -> validated [`Plan`].
//!
//! Reads every section, checks every rule of the plan format, and collects
//! all problems before giving up, so a planner fixes a file in one pass.
//! Nothing spanned leaves this module: the `Plan` it builds holds plain
//! values and [`crate::diagnostic::Location`]s.

mod cycles;
mod funding;
mod items;
mod misspelt;
mod strict;
#[cfg(test)]
mod tests;
mod uncertainty;

pub(crate) use funding::expand_flat_rate;
pub(crate) use funding::{ESCALATION_KEYS, SOURCE_KEYS};
pub(crate) use items::ITEM_KEYS;
pub(crate) use uncertainty::{CUT_KEYS, EXECUTION_KEYS, UNCERTAINTY_KEYS};

use super::reader::{
    read_amount, read_amount_node, read_integer, read_number_node_where, read_number_where,
    read_string, read_table, read_year, read_year_key, Ctx, TableReader,
};
use super::tree::{Node, Value};
use super::{Budget, BudgetYear, Goal, Milestone, Objective, Phase, Plan};
use crate::diagnostic::{Diagnostic, Problem, SourceMap, Span};
use crate::suggest;

/// The longest horizon a plan may have, in years.
pub const MAX_HORIZON_YEARS: i32 = 60;

/// The most money a plan may hold in total, on either side of the ledger:
/// the budget over the horizon, and everything its items could cost.
pub const MAX_MONEY: f64 = crate::money::MAX_UNITS;

pub(crate) const ROOT_KEYS: &[&str] = &[
    "plan",
    "budget",
    "phase",
    "item",
    "goal",
    "fx",
    "escalation",
    "source",
    "uncertainty",
];
pub(crate) const PLAN_KEYS: &[&str] = &[
    "name",
    "currency",
    "start",
    "end",
    "objective",
    "as_of",
    "baseline",
    "price_year",
];
pub(crate) const BUDGET_KEYS: &[&str] = &[
    "years",
    "carryover",
    "capital_share",
    "scale",
    "max_after_end",
];
pub(crate) const PHASE_KEYS: &[&str] = &["id", "name", "start", "end"];
pub(crate) const GOAL_KEYS: &[&str] = &["id", "name", "weight", "targets"];

/// The horizon, once `[plan]` is known to be sound.
#[derive(Clone, Copy)]
pub(crate) struct Horizon {
    pub start: i32,
    pub end: i32,
}

impl Horizon {
    fn contains(self, year: i32) -> bool {
        self.start <= year && year <= self.end
    }

    /// Checks that a year lies in the horizon.
    pub(crate) fn check(self, year: i32, span: Span, key: &str, cx: &mut Ctx<'_>) -> Option<i32> {
        if self.contains(year) {
            Some(year)
        } else {
            cx.report(
                span,
                Problem::YearOutside {
                    key: key.into(),
                    year: year.into(),
                    start: self.start,
                    end: self.end,
                },
            );
            None
        }
    }
}

/// Validates a raw plan tree. On failure, every problem found is returned.
pub fn validate(root: &Node, sources: &SourceMap) -> Result<Plan, Vec<Diagnostic>> {
    let mut cx = Ctx::new(sources);
    let plan = read_root(root, &mut cx);
    match plan {
        Some(plan) if cx.diagnostics.is_empty() => Ok(plan),
        _ => {
            if cx.diagnostics.is_empty() {
                // Defensive: a section gave up without saying why.
                cx.report(
                    root.span,
                    Problem::Syntax {
                        message: "the plan could not be read".into(),
                    },
                );
            }
            Err(cx.diagnostics)
        }
    }
}

fn read_root(root: &Node, cx: &mut Ctx<'_>) -> Option<Plan> {
    let start_of_file = Span::new(root.span.file, 0..0);
    let mut reader =
        TableReader::new(root, "the plan file", ROOT_KEYS, cx)?.missing_at(start_of_file);
    let header = reader
        .require("plan")
        .and_then(|e| read_plan_header(&e.node, cx));
    let horizon = header.as_ref().and_then(|h| h.horizon);
    let budget = reader
        .require("budget")
        .and_then(|e| read_budget(&e.node, horizon, cx));
    let mut phase_nodes = entry_nodes(reader.get("phase"), "phase", cx);
    let goal_entry = reader.get("goal");
    let mut goal_nodes = entry_nodes(goal_entry, "goal", cx);
    let item_entry = reader.get("item");
    let mut item_nodes = entry_nodes(item_entry, "item", cx);
    // Entries under a mistyped header count as what they were meant to be.
    for (nodes, section) in [
        (&mut phase_nodes, "phase"),
        (&mut goal_nodes, "goal"),
        (&mut item_nodes, "item"),
    ] {
        let meant = misspelt::entries_meant_as(root, section, ROOT_KEYS);
        if !meant.is_empty() {
            nodes.extend(meant);
            nodes.sort_by_key(|n| n.span.start);
        }
    }
    let uncertainty = match reader.get("uncertainty") {
        Some(e) => uncertainty::read_uncertainty(&e.node, cx),
        None => Some(Default::default()),
    };
    let fx_node = reader.get("fx").map(|e| &e.node);
    let escalation_node = reader.get("escalation").map(|e| &e.node);
    let source_nodes = entry_nodes(reader.get("source"), "source", cx);
    reader.finish(cx);
    let scope = Scope {
        horizon,
        phases: Ids::collect("phase", &phase_nodes, cx),
        goals: Ids::collect("goal", &goal_nodes, cx),
        items: Ids::collect("item", &item_nodes, cx),
    };
    for (entry, nodes, section, needs) in [
        (
            item_entry,
            &item_nodes,
            "[[item]]",
            "`id`, `unit_cost` and `max_units`",
        ),
        (goal_entry, &goal_nodes, "[[goal]]", "`id` and `targets`"),
    ] {
        if !nodes.is_empty() {
            continue;
        }
        let help = format!("add a {section} table with at least {needs}");
        match entry {
            // Written, but not as an array of tables: reported above.
            Some(e) if !matches!(e.node.value, Value::Array(_)) => {}
            Some(e) => {
                cx.push(Diagnostic::at(e.node.span, Problem::NoEntries { section }).with_help(help))
            }
            None => cx.push(
                Diagnostic::at(start_of_file, Problem::NoEntries { section })
                    .with_label(format!("this file has no {section}"))
                    .with_help(help),
            ),
        }
    }
    let phases: Vec<Option<Phase>> = phase_nodes
        .iter()
        .map(|n| read_phase(n, horizon, cx))
        .collect();
    check_phase_overlaps(&phases, &phase_nodes, cx);
    let goals: Vec<Option<Goal>> = goal_nodes
        .iter()
        .map(|n| read_goal(n, horizon, cx))
        .collect();
    let mut items = items::read_items(&item_nodes, &scope, &phases, cx);
    items::check_model_size(&items, &item_nodes, &goals, cx);
    let currencies = funding::Currencies {
        plan_currency: header
            .as_ref()
            .map_or_else(|| "EUR".into(), |h| h.currency.clone()),
        fx: fx_node.map_or_else(Vec::new, |n| {
            let plan_currency = header.as_ref().map_or("EUR", |h| h.currency.as_str());
            funding::read_fx(n, plan_currency, cx)
        }),
    };
    let escalation =
        escalation_node.map_or_else(Default::default, |n| funding::read_escalation(n, cx));
    if let (Some(h), Some(horizon)) = (header.as_ref(), horizon) {
        let price_year = h.price_year.unwrap_or(horizon.start);
        funding::price_items(
            &mut items,
            &item_nodes,
            &currencies,
            &escalation,
            price_year,
            horizon,
            cx,
        );
    }
    let sources = funding::read_sources(&source_nodes, &scope, &items, &currencies, cx);
    let header = header?;
    let horizon = horizon?;
    Some(Plan {
        name: header.name?,
        currency: header.currency,
        start: horizon.start,
        end: horizon.end,
        objective: header.objective,
        budget: budget?,
        phases: phases.into_iter().collect::<Option<Vec<_>>>()?,
        items: items.into_iter().collect::<Option<Vec<_>>>()?,
        goals: goals.into_iter().collect::<Option<Vec<_>>>()?,
        uncertainty: uncertainty?,
        as_of: header.as_of.unwrap_or(horizon.start),
        baseline_key: header.baseline,
        baseline: None,
        price_year: header.price_year.unwrap_or(horizon.start),
        fx: currencies.fx.into_iter().map(|f| f.rate).collect(),
        sources: sources.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

/// The tables of an array of tables such as `[[item]]`.
fn entry_nodes<'a>(
    entry: Option<&'a super::tree::Entry>,
    kind: &str,
    cx: &mut Ctx<'_>,
) -> Vec<&'a Node> {
    let Some(entry) = entry else {
        return Vec::new();
    };
    match &entry.node.value {
        Value::Array(nodes) => nodes.iter().collect(),
        other => {
            cx.report(
                entry.node.span,
                Problem::WrongType {
                    key: kind.into(),
                    expected: match kind {
                        "phase" => "an array of tables, written [[phase]]",
                        "goal" => "an array of tables, written [[goal]]",
                        "source" => "an array of tables, written [[source]]",
                        _ => "an array of tables, written [[item]]",
                    },
                    found: other.type_name(),
                },
            );
            Vec::new()
        }
    }
}

/// What entries may refer to: the horizon and the ids of every entry.
pub(crate) struct Scope {
    pub horizon: Option<Horizon>,
    pub phases: Ids,
    pub goals: Ids,
    pub items: Ids,
}

/// The ids of one kind of entry, in file order, read before the entries
/// themselves so that a reference resolves even when the entry it names
/// has problems of its own. Index i is entry i.
pub(crate) struct Ids {
    kind: &'static str,
    ids: Vec<Option<String>>,
    /// Each id's entry index, so that collecting and resolving stay linear
    /// in the number of entries (a 150,000-item plan checks in seconds).
    index: std::collections::HashMap<String, usize>,
}

impl Ids {
    /// Collects the ids, reporting duplicates.
    fn collect(kind: &'static str, nodes: &[&Node], cx: &mut Ctx<'_>) -> Ids {
        let mut ids: Vec<Option<String>> = Vec::with_capacity(nodes.len());
        let mut first_spans: Vec<Span> = Vec::with_capacity(nodes.len());
        let mut index: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(nodes.len());
        for node in nodes {
            let found = match &node.value {
                Value::Table(t) => t.get("id").and_then(|e| match &e.node.value {
                    Value::Str(s) => Some((s.clone(), e.node.span)),
                    _ => None,
                }),
                _ => None,
            };
            let first = found
                .as_ref()
                .and_then(|(id, _)| Some(first_spans[*index.get(id)?]));
            match (found, first) {
                (Some((id, span)), Some(first)) => {
                    let line = cx.locate(first).line;
                    cx.push(
                        Diagnostic::at(span, Problem::DuplicateId { kind, id })
                            .with_help(format!("the first {kind} with this id is on line {line}")),
                    );
                    ids.push(None);
                    first_spans.push(span);
                }
                (Some((id, span)), None) => {
                    index.insert(id.clone(), ids.len());
                    ids.push(Some(id));
                    first_spans.push(span);
                }
                (None, _) => {
                    ids.push(None);
                    first_spans.push(node.span);
                }
            }
        }
        Ids { kind, ids, index }
    }

    /// The id of entry `index`.
    pub(crate) fn get(&self, index: usize) -> &str {
        self.ids[index].as_deref().unwrap_or("?")
    }

    /// Resolves an id, with a did-you-mean on failure.
    pub(crate) fn resolve(&self, id: &str, span: Span, cx: &mut Ctx<'_>) -> Option<usize> {
        if let Some(index) = self.index.get(id) {
            return Some(*index);
        }
        let known: Vec<&str> = self.ids.iter().flatten().map(String::as_str).collect();
        let mut d = Diagnostic::at(
            span,
            Problem::UnknownId {
                kind: self.kind,
                id: id.into(),
            },
        );
        let label = format!("known {}s", self.kind);
        if let Some(help) = suggest::help_for(id, &label, known.iter().copied()) {
            d = d.with_help(help);
        }
        cx.push(d);
        None
    }
}

struct PlanHeader {
    name: Option<String>,
    currency: String,
    horizon: Option<Horizon>,
    objective: Objective,
    as_of: Option<i32>,
    baseline: Option<(String, crate::diagnostic::Location)>,
    /// `price_year`, when given and valid.
    price_year: Option<i32>,
}

fn read_plan_header(node: &Node, cx: &mut Ctx<'_>) -> Option<PlanHeader> {
    let mut r = TableReader::new(node, "[plan]", PLAN_KEYS, cx)?;
    let name = r.require("name").and_then(|e| read_string(e, cx));
    let currency = r
        .get("currency")
        .and_then(|e| read_string(e, cx))
        .unwrap_or_else(|| "EUR".into());
    let start = r.require("start").and_then(|e| read_year(e, cx));
    let end_entry = r.require("end");
    let end = end_entry.and_then(|e| read_year(e, cx));
    let objective = match r.get("objective") {
        None => Objective::MaxGoals,
        Some(e) => match read_string(e, cx).as_deref() {
            Some("max-goals") | None => Objective::MaxGoals,
            Some("min-cost") => Objective::MinCost,
            Some(other) => {
                let mut d = Diagnostic::at(
                    e.node.span,
                    Problem::OutOfRange {
                        key: "objective".into(),
                        rule: "\"max-goals\" or \"min-cost\"".into(),
                    },
                );
                if let Some(help) =
                    suggest::help_for(other, "objectives", ["max-goals", "min-cost"])
                {
                    d = d.with_help(help);
                }
                cx.push(d);
                Objective::MaxGoals
            }
        },
    };
    let as_of_entry = r.get("as_of");
    let baseline = r.get("baseline").and_then(|e| {
        let path = read_id(e, cx)?;
        Some((path, cx.locate(e.node.span)))
    });
    let price_year = r.get("price_year").and_then(|e| read_year(e, cx));
    r.finish(cx);
    let horizon = match (start, end, end_entry) {
        (Some(start), Some(end), Some(end_entry)) => {
            check_horizon(start, end, end_entry.node.span, cx)
        }
        _ => None,
    };
    let as_of = as_of_entry.and_then(|e| {
        let year = read_year(e, cx)?;
        horizon?.check(year, e.node.span, "as_of", cx)
    });
    Some(PlanHeader {
        name,
        currency,
        horizon,
        objective,
        as_of,
        baseline,
        price_year,
    })
}

fn check_horizon(start: i32, end: i32, end_span: Span, cx: &mut Ctx<'_>) -> Option<Horizon> {
    let rule = if end < start {
        format!("at or after start ({start})")
    } else if end - start + 1 > MAX_HORIZON_YEARS {
        format!(
            "at most {} (a horizon of at most {MAX_HORIZON_YEARS} years)",
            start + MAX_HORIZON_YEARS - 1
        )
    } else {
        return Some(Horizon { start, end });
    };
    cx.report(
        end_span,
        Problem::OutOfRange {
            key: "end".into(),
            rule,
        },
    );
    None
}

fn read_budget(node: &Node, horizon: Option<Horizon>, cx: &mut Ctx<'_>) -> Option<Budget> {
    let mut r = TableReader::new(node, "[budget]", BUDGET_KEYS, cx)?;
    let years_entry = r.require("years");
    // Every year written, valid amount or not: a year with a bad amount is
    // reported once, for its amount, not again as missing.
    let mut written = Vec::new();
    let envelopes = years_entry.and_then(|e| read_table(e, cx)).map(|table| {
        let mut found = Vec::new();
        for entry in &table.entries {
            let year = read_year_key(entry, "years", cx)
                .and_then(|y| first_time(y, &mut written, entry.key_span, "years", cx));
            let amount = read_amount_node(&entry.node, &format!("years.{}", entry.key), cx);
            if let (Some(year), Some(amount)) = (year, amount) {
                let in_horizon = horizon.is_none_or(|h| {
                    h.check(year, entry.key_span, &format!("years.{year}"), cx)
                        .is_some()
                });
                if in_horizon {
                    found.push((year, amount, entry.key_span));
                }
            }
        }
        found
    });
    let carryover = r.get("carryover").map_or(Some(0.0), |e| {
        read_number_where(
            e,
            "a fraction from 0 to 1",
            |x| (0.0..=1.0).contains(&x),
            cx,
        )
    });
    let capital_share = r.get("capital_share").map_or(Some(1.0), |e| {
        read_number_where(
            e,
            "a fraction above 0, at most 1",
            |x| x > 0.0 && x <= 1.0,
            cx,
        )
    });
    let scale_entry = r.get("scale");
    let scale = scale_entry.map_or(Some(1.0), |e| {
        read_number_where(
            e,
            "a number above 0, at most 1000",
            |x| x > 0.0 && x <= 1000.0,
            cx,
        )
    });
    let max_after_end = r.get("max_after_end").map(|e| {
        read_amount(e, cx).map(|amount| super::AfterEndCap {
            amount,
            at: cx.locate(e.key_span),
        })
    });
    r.finish(cx);
    let (horizon, envelopes) = (horizon?, envelopes?);
    let (capital_share, scale) = (capital_share?, scale?);
    // Absent: no cap; present but unreadable: already reported.
    let max_after_end = match max_after_end {
        None => None,
        Some(cap) => Some(cap?),
    };
    let mut years = Vec::new();
    for year in horizon.start..=horizon.end {
        match envelopes.iter().find(|(y, _, _)| *y == year) {
            Some((_, envelope, span)) => years.push(BudgetYear {
                year,
                envelope: *envelope,
                budget: envelope.times(scale * capital_share),
                at: cx.locate(*span),
            }),
            None if written.contains(&year) => {}
            None => {
                let span = years_entry.map_or(node.span, |e| e.key_span);
                cx.report(span, Problem::MissingBudgetYear { year });
            }
        }
    }
    // Money is exact in cents; keep every sum of budgets far inside that.
    let total: f64 = envelopes
        .iter()
        .map(|(_, envelope, _)| envelope.to_units() * scale * capital_share)
        .sum();
    if total > MAX_MONEY {
        let span = match scale_entry {
            Some(e) if scale > 1.0 => e.node.span,
            _ => years_entry.map_or(node.span, |e| e.key_span),
        };
        cx.push(
            Diagnostic::at(
                span,
                Problem::TooLarge {
                    what: format!("the budget adds up to {total:e} over the horizon"),
                    limit: MAX_MONEY as usize,
                },
            )
            .with_help(
                "that is every envelope times scale and capital_share; look for a typo in \
                 the envelopes or `scale`",
            ),
        );
        return None;
    }
    (years.len() == envelopes.len() && years.len() == (horizon.end - horizon.start + 1) as usize)
        .then_some(Budget {
            years,
            carryover: carryover?,
            capital_share,
            scale,
            max_after_end,
        })
}

fn read_phase(node: &Node, horizon: Option<Horizon>, cx: &mut Ctx<'_>) -> Option<Phase> {
    let mut r = TableReader::new(node, "[[phase]]", PHASE_KEYS, cx)?;
    let id_entry = r.require("id");
    let id = id_entry.and_then(|e| read_id(e, cx));
    let name = r.get("name").and_then(|e| read_string(e, cx));
    let start = read_year_in(r.require("start"), horizon, cx);
    let end_entry = r.require("end");
    let end = read_year_in(end_entry, horizon, cx);
    r.finish(cx);
    let (id, start, end) = (id?, start?, end?);
    if end < start {
        cx.report(
            end_entry?.node.span,
            Problem::OutOfRange {
                key: "end".into(),
                rule: format!("at or after the phase's start ({start})"),
            },
        );
        return None;
    }
    let phase = Phase {
        name: name.unwrap_or_else(|| id.clone()),
        id,
        start,
        end,
    };
    id_entry?;
    Some(phase)
}

/// The `id` of an entry: a string that is not blank.
pub(crate) fn read_id(entry: &super::tree::Entry, cx: &mut Ctx<'_>) -> Option<String> {
    let id = read_string(entry, cx)?;
    if id.trim().is_empty() {
        cx.report(
            entry.node.span,
            Problem::OutOfRange {
                key: entry.key.clone(),
                rule: "a non-empty string".into(),
            },
        );
        return None;
    }
    Some(id)
}

/// A year key that must lie in the horizon (when the horizon is known).
pub(crate) fn read_year_in(
    entry: Option<&super::tree::Entry>,
    horizon: Option<Horizon>,
    cx: &mut Ctx<'_>,
) -> Option<i32> {
    let entry = entry?;
    let year = read_year(entry, cx)?;
    match horizon {
        Some(h) => h.check(year, entry.node.span, &entry.key, cx),
        None => Some(year),
    }
}

fn check_phase_overlaps(phases: &[Option<Phase>], nodes: &[&Node], cx: &mut Ctx<'_>) {
    for (i, later) in phases.iter().enumerate() {
        let Some(later) = later else { continue };
        let overlapping = phases[..i]
            .iter()
            .flatten()
            .find(|p| p.start <= later.end && later.start <= p.end);
        if let Some(earlier) = overlapping {
            cx.push(
                Diagnostic::at(
                    id_span(nodes[i]),
                    Problem::PhasesOverlap {
                        first: earlier.id.clone(),
                        second: later.id.clone(),
                    },
                )
                .with_help(format!(
                    "`{}` is {}-{} and `{}` is {}-{}; a year lies in one phase at most",
                    earlier.id, earlier.start, earlier.end, later.id, later.start, later.end
                )),
            );
        }
    }
}

/// Where an entry's `id` is written (or the entry itself, without one).
fn id_span(node: &Node) -> Span {
    match &node.value {
        Value::Table(t) => t.get("id").map_or(node.span, |e| e.node.span),
        _ => node.span,
    }
}

fn read_goal(node: &Node, horizon: Option<Horizon>, cx: &mut Ctx<'_>) -> Option<Goal> {
    let mut r = TableReader::new(node, "[[goal]]", GOAL_KEYS, cx)?;
    let id_entry = r.require("id");
    let id = id_entry.and_then(|e| read_id(e, cx));
    let name = r.get("name").and_then(|e| read_string(e, cx));
    let weight = r.get("weight").map_or(Some(1.0), |e| {
        read_number_where(e, "a number above 0", |x| x > 0.0, cx)
    });
    let targets_entry = r.require("targets");
    let milestones = targets_entry.and_then(|e| {
        let table = read_table(e, cx)?;
        if table.entries.is_empty() {
            cx.report(
                e.node.span,
                Problem::NoEntries {
                    section: "milestone in `targets`",
                },
            );
            return None;
        }
        let mut milestones = Vec::new();
        let mut seen = Vec::new();
        let mut ok = true;
        for t in &table.entries {
            let year = read_year_key(t, "targets", cx)
                .and_then(|y| first_time(y, &mut seen, t.key_span, "targets", cx))
                .and_then(|y| horizon.map_or(Some(y), |h| h.check(y, t.key_span, "targets", cx)));
            let target = read_number_node_where(
                &t.node,
                &format!("targets.{}", t.key),
                "a number of points above 0",
                |x| x > 0.0,
                cx,
            );
            match (year, target) {
                (Some(year), Some(target)) => milestones.push(Milestone {
                    year,
                    target,
                    at: cx.locate(t.key_span),
                }),
                _ => ok = false,
            }
        }
        milestones.sort_by_key(|m| m.year);
        ok.then_some(milestones)
    });
    r.finish(cx);
    let id_span = id_entry?.node.span;
    let id = id?;
    let goal = Goal {
        name: name.unwrap_or_else(|| id.clone()),
        at: cx.locate(id_span),
        id,
        weight: weight?,
        milestones: milestones?,
    };
    Some(goal)
}

/// Records a year key of a table such as `targets`, reporting a year given
/// twice (`2025` and `02025` are different TOML keys but the same year).
pub(crate) fn first_time(
    year: i32,
    seen: &mut Vec<i32>,
    span: Span,
    key: &str,
    cx: &mut Ctx<'_>,
) -> Option<i32> {
    if seen.contains(&year) {
        cx.report(
            span,
            Problem::DuplicateYear {
                key: key.into(),
                year,
            },
        );
        None
    } else {
        seen.push(year);
        Some(year)
    }
}

/// Reads an integer key that must lie in `range`.
pub(crate) fn read_int_in(
    entry: &super::tree::Entry,
    range: std::ops::RangeInclusive<i64>,
    cx: &mut Ctx<'_>,
) -> Option<i64> {
    let n = read_integer(entry, cx)?;
    if range.contains(&n) {
        Some(n)
    } else {
        cx.report(
            entry.node.span,
            Problem::OutOfRange {
                key: entry.key.clone(),
                rule: format!("an integer from {} to {}", range.start(), range.end()),
            },
        );
        None
    }
}
