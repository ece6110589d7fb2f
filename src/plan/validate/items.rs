//! `[[item]]` entries: every key, its default and its rule.

use super::{first_time, read_id, read_int_in, read_year_in, Horizon, Scope, MAX_MONEY};
use crate::diagnostic::{Diagnostic, Problem};
use crate::plan::reader::{
    check_magnitude, read_amount, read_bool, read_number_node_where, read_number_where,
    read_string, read_string_list, read_table, read_year_key, Ctx, TableReader,
};
use crate::plan::tree::{Entry, Node, Value};
use crate::plan::{FixedOrder, Goal, Item, Phase};

pub(crate) const ITEM_KEYS: &[&str] = &[
    "id",
    "name",
    "category",
    "unit_cost",
    "min_units",
    "max_units",
    "max_per_year",
    "divisible",
    "earliest",
    "latest",
    "phases",
    "lead_time",
    "payments",
    "sustainment",
    "requires",
    "contributes",
    "fixed",
    "currency",
    "escalation",
];

/// The most units any bound or order may name (the solver's integers are
/// 32-bit).
pub const MAX_UNITS: f64 = 1e9;

/// The most order variables (q[i,y]: items x their order years) a plan may
/// need, so that a model is refused before it is built rather than filling
/// memory.
pub const MAX_ORDER_VARIABLES: usize = 200_000;

/// The most terms goal attainment may hold: each item's contribution to
/// each milestone of the goals it serves.
pub const MAX_GOAL_TERMS: usize = 1_000_000;

/// The most prerequisite links: each required item in each order year of
/// the item requiring it.
pub const MAX_PREREQUISITE_LINKS: usize = 1_000_000;

/// Tolerance on the sum of payment shares.
const PAYMENTS_TOLERANCE: f64 = 1e-6;

/// Reads all items. An entry that failed is `None`; its problems are in `cx`.
pub(super) fn read_items(
    nodes: &[&Node],
    scope: &Scope,
    phases: &[Option<Phase>],
    cx: &mut Ctx<'_>,
) -> Vec<Option<Item>> {
    let mut items: Vec<Option<Item>> = nodes
        .iter()
        .map(|n| read_item(n, scope, phases, cx))
        .collect();
    check_requires_cycles(&mut items, nodes, scope, cx);
    check_most_cost(&items, nodes, scope, cx);
    items
}

/// Reports items that could cost more, in total, than capplan's money
/// holds: unit_cost times the most units the item may have (bounds and
/// fixed orders), with sustainment over the whole horizon.
fn check_most_cost(items: &[Option<Item>], nodes: &[&Node], scope: &Scope, cx: &mut Ctx<'_>) {
    let Some(horizon) = scope.horizon else { return };
    let years = f64::from(horizon.end - horizon.start + 1);
    let mut total = 0.0;
    for (item, node) in items.iter().zip(nodes) {
        let Some(item) = item else { continue };
        let units = item.max_units.max(item.min_units).max(item.fixed_total());
        let most = item.unit_cost.to_units() * units * (1.0 + item.sustainment * years);
        total += most;
        if total <= MAX_MONEY {
            continue;
        }
        let what = if most > MAX_MONEY {
            format!("item `{}` could cost up to {most:e}", item.id)
        } else {
            format!(
                "the items up to `{}` could cost up to {total:e} together",
                item.id
            )
        };
        let span = match &node.value {
            Value::Table(t) => t.get("max_units").map_or(node.span, |e| e.node.span),
            _ => node.span,
        };
        cx.push(
            Diagnostic::at(
                span,
                Problem::TooLarge {
                    what,
                    limit: MAX_MONEY as usize,
                },
            )
            .with_help(
                "that is unit_cost times max_units (or the fixed units), with sustainment \
                 over the horizon; give `max_units` a realistic bound",
            ),
        );
        return;
    }
}

/// The measures of a model's size that a plan must keep: what is counted,
/// its limit, and how to get under it.
const MODEL_SIZE: [(&str, usize, &str); 3] = [
    (
        "order variables (items x order years)",
        MAX_ORDER_VARIABLES,
        "narrow the items' order years (`earliest`, `latest`, `phases`), shorten the \
         horizon, or split the plan",
    ),
    (
        "goal terms (items x the milestones of the goals they serve)",
        MAX_GOAL_TERMS,
        "serve fewer goals per item, give goals fewer milestones, or split the plan",
    ),
    (
        "prerequisite links (required items x order years)",
        MAX_PREREQUISITE_LINKS,
        "require fewer items, or narrow the order years of the items that require them",
    ),
];

/// Refuses a plan whose model would be too large to build (see
/// [`MODEL_SIZE`]). Each measure is reported once, at the item whose share
/// takes it over its limit.
pub(super) fn check_model_size(
    items: &[Option<Item>],
    nodes: &[&Node],
    goals: &[Option<Goal>],
    cx: &mut Ctx<'_>,
) {
    let milestones = |g: usize| goals[g].as_ref().map_or(0, |g| g.milestones.len());
    let mut totals = [0usize; 3];
    let mut reported = [false; 3];
    for (item, node) in items.iter().zip(nodes) {
        let Some(item) = item else { continue };
        let goal_terms = item
            .contributes
            .iter()
            .filter(|(_, points)| *points > 0.0)
            .map(|(g, _)| milestones(*g))
            .sum();
        let sizes = [
            item.order_years.len(),
            goal_terms,
            item.requires.len() * item.order_years.len(),
        ];
        for (k, (what, limit, help)) in MODEL_SIZE.into_iter().enumerate() {
            totals[k] += sizes[k];
            if totals[k] <= limit || reported[k] {
                continue;
            }
            reported[k] = true;
            cx.push(
                Diagnostic::at(
                    super::id_span(node),
                    Problem::TooLarge {
                        what: format!("{} {what} by item `{}`", totals[k], item.id),
                        limit,
                    },
                )
                .with_help(help),
            );
        }
    }
}

fn read_item(
    node: &Node,
    scope: &Scope,
    phases: &[Option<Phase>],
    cx: &mut Ctx<'_>,
) -> Option<Item> {
    let mut r = TableReader::new(node, "[[item]]", ITEM_KEYS, cx)?;
    let id_entry = r.require("id");
    let id = id_entry.and_then(|e| read_id(e, cx));
    let name = r.get("name").and_then(|e| read_string(e, cx));
    let category = r.get("category").and_then(|e| read_string(e, cx));
    let unit_cost = r.require("unit_cost").and_then(|e| {
        let cost = read_amount(e, cx)?;
        if cost.cents() > 0 {
            Some(cost)
        } else {
            cx.report(e.node.span, positive("unit_cost"));
            None
        }
    });
    let divisible = r.get("divisible").map_or(Some(false), |e| read_bool(e, cx));
    let min_entry = r.get("min_units");
    let min_units = min_entry.map_or(Some(0.0), |e| read_units(e, cx));
    let max_units = r.require("max_units").and_then(|e| read_units(e, cx));
    let max_per_year = r.get("max_per_year").map(|e| read_units(e, cx));
    super::strict::min_not_above_max(min_entry, min_units, max_units, cx);
    if divisible == Some(false) {
        for (entry, units) in [(min_entry, min_units), (r.get("max_units"), max_units)] {
            super::strict::whole_units(entry, units, cx);
        }
    }
    let earliest_entry = r.get("earliest");
    let earliest = earliest_entry.map(|e| read_year_in(Some(e), scope.horizon, cx));
    let latest = r
        .get("latest")
        .map(|e| read_year_in(Some(e), scope.horizon, cx));
    let in_phases = r.get("phases").map(|e| read_phase_list(e, scope, cx));
    let lead_time = r
        .get("lead_time")
        .map_or(Some(0), |e| read_int_in(e, 0..=100, cx));
    let payments = r
        .get("payments")
        .map_or(Some(vec![1.0]), |e| read_payments(e, cx));
    let sustainment = r.get("sustainment").map_or(Some(0.0), |e| {
        read_number_where(
            e,
            "a share of unit_cost, 0 or more (at most 10)",
            |x| (0.0..=10.0).contains(&x),
            cx,
        )
    });
    let requires = r.get("requires").map_or(Some(Vec::new()), |e| {
        read_requires(e, id.as_deref(), scope, cx)
    });
    let contributes = r
        .get("contributes")
        .map_or(Some(Vec::new()), |e| read_contributes(e, scope, cx));
    let fixed = r.get("fixed").map_or(Some(Vec::new()), |e| {
        read_fixed(e, divisible.unwrap_or(true), scope.horizon, cx)
    });
    let currency = r.get("currency").map(|e| read_string(e, cx));
    let escalation = r
        .get("escalation")
        .map(|e| super::funding::read_growth(e, cx));
    r.finish(cx);

    let horizon = scope.horizon?;
    let earliest = earliest.unwrap_or(Some(horizon.start))?;
    let latest = latest.unwrap_or(Some(horizon.end))?;
    if earliest > latest {
        cx.report(
            earliest_entry?.node.span,
            Problem::OutOfRange {
                key: "earliest".into(),
                rule: format!("at or before latest ({latest})"),
            },
        );
        return None;
    }
    let in_phases = present(in_phases)?;
    let order_years = (earliest..=latest)
        .filter(|y| {
            in_phases.as_ref().is_none_or(|list| {
                list.iter().any(|&p| {
                    phases[p]
                        .as_ref()
                        .is_some_and(|p| p.start <= *y && *y <= p.end)
                })
            })
        })
        .collect();
    let id = id?;
    Some(Item {
        name: name.unwrap_or_else(|| id.clone()),
        category: category.unwrap_or_else(|| "general".into()),
        at: cx.locate(id_entry?.node.span),
        min_units_at: min_entry.map(|e| cx.locate(e.node.span)),
        id,
        unit_cost: unit_cost?,
        min_units: min_units?,
        max_units: max_units?,
        max_per_year: present(max_per_year)?,
        divisible: divisible?,
        order_years,
        lead_time: lead_time? as i32,
        payments: payments?,
        sustainment: sustainment?,
        requires: requires?,
        contributes: contributes?,
        fixed: fixed?,
        // Both resolved against `[plan]`, `[fx]` and `[escalation]` by
        // `funding::price_items`; NaN marks "not given here".
        currency: present(currency)?.unwrap_or_default(),
        escalation: present(escalation)?.unwrap_or(f64::NAN),
        pricing: crate::plan::funding::ItemPricing::flat(horizon.start, 0),
    })
}

/// An optional key that, when present, was read successfully: `None` when
/// present but invalid.
fn present<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    read.map_or(Some(None), |value| value.map(Some))
}

fn positive(key: &str) -> Problem {
    Problem::OutOfRange {
        key: key.into(),
        rule: "above 0".into(),
    }
}

fn read_units(entry: &Entry, cx: &mut Ctx<'_>) -> Option<f64> {
    read_units_node(&entry.node, &entry.key, cx)
}

/// A number of units held by any node, named `key` in messages.
fn read_units_node(node: &Node, key: &str, cx: &mut Ctx<'_>) -> Option<f64> {
    read_number_node_where(
        node,
        key,
        "a number of units from 0 to 1e9",
        |x| (0.0..=MAX_UNITS).contains(&x),
        cx,
    )
}

fn read_phase_list(entry: &Entry, scope: &Scope, cx: &mut Ctx<'_>) -> Option<Vec<usize>> {
    let ids = read_string_list(entry, cx)?;
    super::strict::no_repeats(entry, &ids, cx);
    let resolved: Vec<Option<usize>> = ids
        .iter()
        .map(|(id, span)| scope.phases.resolve(id, *span, cx))
        .collect();
    resolved.into_iter().collect()
}

fn read_payments(entry: &Entry, cx: &mut Ctx<'_>) -> Option<Vec<f64>> {
    let nodes = crate::plan::reader::read_array(entry, cx)?;
    let mut shares = Vec::with_capacity(nodes.len());
    for node in nodes {
        let share = match node.value {
            Value::Int(n) => n as f64,
            Value::Float(x) => x,
            ref other => {
                cx.report(
                    node.span,
                    Problem::WrongType {
                        key: "payments".into(),
                        expected: "a list of fractions",
                        found: other.type_name(),
                    },
                );
                return None;
            }
        };
        if !(share.is_finite() && share >= 0.0) {
            cx.report(
                node.span,
                Problem::OutOfRange {
                    key: "payments".into(),
                    rule: "a fraction of 0 or more".into(),
                },
            );
            return None;
        }
        check_magnitude(share, node.span, "payments", cx)?;
        shares.push(share);
    }
    if shares.is_empty() {
        cx.push(
            Diagnostic::at(
                entry.node.span,
                Problem::NoEntries {
                    section: "payment share",
                },
            )
            .with_label("an empty list")
            .with_help(
                "payments are shares of the order's cost by year: [1.0] pays it all at once",
            ),
        );
        return None;
    }
    // Folded from +0.0: an empty float sum is -0.0.
    let sum: f64 = shares.iter().fold(0.0, |a, b| a + b);
    if (sum - 1.0).abs() > PAYMENTS_TOLERANCE {
        let rounded = (sum * 1e6).round() / 1e6;
        cx.push(
            Diagnostic::at(entry.node.span, Problem::PaymentsSum { sum: rounded })
                .with_help("payments are shares of the order's cost by year: [0.2, 0.3, 0.3, 0.2]"),
        );
        return None;
    }
    Some(shares)
}

fn read_requires(
    entry: &Entry,
    own_id: Option<&str>,
    scope: &Scope,
    cx: &mut Ctx<'_>,
) -> Option<Vec<usize>> {
    let ids = read_string_list(entry, cx)?;
    super::strict::no_repeats(entry, &ids, cx);
    let mut out = Vec::with_capacity(ids.len());
    let mut ok = true;
    for (id, span) in ids {
        if Some(id.as_str()) == own_id {
            cx.push(
                Diagnostic::at(
                    span,
                    Problem::RequiresCycle {
                        path: vec![id.clone(), id],
                    },
                )
                .with_help("an item cannot require itself"),
            );
            ok = false;
            continue;
        }
        match scope.items.resolve(&id, span, cx) {
            Some(index) if !out.contains(&index) => out.push(index),
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_contributes(entry: &Entry, scope: &Scope, cx: &mut Ctx<'_>) -> Option<Vec<(usize, f64)>> {
    let table = read_table(entry, cx)?;
    let mut out = Vec::new();
    let mut ok = true;
    for e in &table.entries {
        let goal = scope.goals.resolve(&e.key, e.key_span, cx);
        let points = read_number_node_where(
            &e.node,
            &format!("contributes.{}", e.key),
            "a number of points, 0 or more",
            |x| x >= 0.0,
            cx,
        );
        match (goal, points) {
            (Some(g), Some(p)) => out.push((g, p)),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_fixed(
    entry: &Entry,
    divisible: bool,
    horizon: Option<Horizon>,
    cx: &mut Ctx<'_>,
) -> Option<Vec<FixedOrder>> {
    let table = read_table(entry, cx)?;
    let mut out = Vec::new();
    let mut seen = Vec::new();
    let mut ok = true;
    for e in &table.entries {
        let year = read_year_key(e, "fixed", cx)
            .and_then(|y| first_time(y, &mut seen, e.key_span, "fixed", cx))
            .and_then(|y| horizon.map_or(Some(y), |h| h.check(y, e.key_span, "fixed", cx)));
        let units = read_units_node(&e.node, &format!("fixed.{}", e.key), cx);
        if let Some(u) = units.filter(|u| !divisible && u.fract() != 0.0) {
            cx.push(
                Diagnostic::at(
                    e.node.span,
                    Problem::FractionalUnits {
                        key: format!("fixed.{}", e.key),
                        units: u,
                    },
                )
                .with_help("set `divisible = true` on the item if fractions are meant"),
            );
            ok = false;
            continue;
        }
        match (year, units) {
            (Some(year), Some(units)) => out.push(FixedOrder {
                year,
                units,
                at: cx.locate(e.key_span),
            }),
            _ => ok = false,
        }
    }
    out.sort_by_key(|f| f.year);
    ok.then_some(out)
}

/// Reports loops among prerequisites (a -> b -> a) and drops the items in
/// them, so no later stage sees a cycle.
fn check_requires_cycles(
    items: &mut [Option<Item>],
    nodes: &[&Node],
    scope: &Scope,
    cx: &mut Ctx<'_>,
) {
    let requires: Vec<Vec<usize>> = items
        .iter()
        .map(|i| i.as_ref().map_or(Vec::new(), |i| i.requires.clone()))
        .collect();
    let mut reported = vec![false; items.len()];
    // Only an item in a strongly connected component with a loop can be
    // on a cycle; the search from it stays inside its component, so a long
    // chain without loops costs linear time, not quadratic.
    let component = super::cycles::components(&requires);
    for (start, node) in nodes.iter().enumerate() {
        // A loop through a reported item would be skipped below anyway.
        if !component.on_a_loop(start) || reported[start] {
            continue;
        }
        if let Some(cycle) = find_cycle(start, &requires, &component) {
            if cycle.iter().any(|&i| reported[i]) {
                continue;
            }
            for &i in &cycle {
                reported[i] = true;
                items[i] = None;
            }
            let mut path: Vec<String> = cycle
                .iter()
                .map(|&i| scope.items.get(i).to_string())
                .collect();
            path.push(path[0].clone());
            // A loop a scenario made (its `requires`) points at the scenario.
            let id_span = super::id_span(node);
            let span = match &node.value {
                Value::Table(t) => t
                    .get("requires")
                    .map(|e| e.node.span)
                    .filter(|s| s.file != id_span.file)
                    .unwrap_or(id_span),
                _ => id_span,
            };
            cx.push(
                Diagnostic::at(span, Problem::RequiresCycle { path })
                    .with_help("an item cannot need itself, directly or through others"),
            );
        }
    }
}

/// A cycle through `start`, as item indices in order, if there is one.
/// Only items in `start`'s component can lead back to it, so the search
/// skips the others (the cycle found is the same).
fn find_cycle(
    start: usize,
    requires: &[Vec<usize>],
    component: &super::cycles::Components,
) -> Option<Vec<usize>> {
    let mut stack = vec![(start, 0usize)];
    let mut path = vec![start];
    let mut seen = std::collections::HashSet::new();
    while let Some((node, next)) = stack.last_mut() {
        let node = *node;
        if let Some(&dep) = requires[node].get(*next) {
            *next += 1;
            if dep == start {
                return Some(path);
            }
            if component.same(dep, start) && seen.insert(dep) {
                stack.push((dep, 0));
                path.push(dep);
            }
        } else {
            stack.pop();
            path.pop();
        }
    }
    None
}
