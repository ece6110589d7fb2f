//! The scenario review pack's per-scenario sections: for each scenario,
//! what it changes against the base run.
//!
//! A section gives the scenario's headline against the base (readiness and
//! total cost, with their differences), its schedule changes (orders by
//! item and year: units, cost and the goal points the change delivers),
//! how its spend moves by year, its goal differences (milestones whose
//! credited points differ) and, when it has no schedule, why not (the
//! shortfall and its causes). Every figure is read from the
//! [`crate::whatif::compare::Comparison`] and the [`crate::changes::Changes`]
//! it holds; nothing is computed here.

use super::svg::escape;
use crate::changes::Changes;
use crate::money::Money;
use crate::plan::Objective;
use crate::render::changes::{signed_money, signed_number, signed_units};
use crate::render::format::MoneyScale;
use crate::render::{number, status_label, units};
use crate::report::Report;
use crate::whatif::compare::{GoalSets, Run};
use std::fmt::Write;

/// One scenario of the pack: its run and what the comparison found.
#[derive(Clone, Copy, Debug)]
pub struct ScenarioRun<'a> {
    /// The run (label and report; the report's `changes` are against the
    /// base run).
    pub run: &'a Run,
    /// The scenario file, as given on the command line.
    pub file: &'a str,
    /// Whether its readiness can be compared with the base's.
    pub goal_sets: Option<&'a GoalSets>,
}

/// The sections of every scenario, in the order given.
pub fn sections(base: &Report, scenarios: &[ScenarioRun]) -> String {
    let mut s = String::new();
    for (k, scenario) in scenarios.iter().enumerate() {
        s.push_str(&section(base, scenario, k + 1));
    }
    s
}

/// The words under the runs chart on what a lower total cost means.
pub fn cost_note(objective: Objective) -> &'static str {
    match objective {
        Objective::MaxGoals => {
            "Under max-goals each run first reaches the best readiness its money allows, then \
             spends the least that readiness needs: a lower total cost means less was spent \
             (often because less could be bought), not a saving against the same goals."
        }
        Objective::MinCost => {
            "Under min-cost every run meets all its milestones at least cost: a lower total \
             cost is a saving against the same goals."
        }
    }
}

fn section(base: &Report, scenario: &ScenarioRun, number_in_pack: usize) -> String {
    let run = scenario.run;
    let report = &run.report;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<section class=\"scenario\" id=\"scenario-{number_in_pack}\">\n<h2>Scenario: {}</h2>",
        escape(&run.label)
    );
    let _ = writeln!(
        s,
        "<p class=\"scenario-file\">Scenario file <code>{}</code>; status {}.</p>",
        escape(scenario.file),
        escape(&status_label(report))
    );
    if !report.has_schedule() {
        s.push_str(&shortfall(report));
        s.push_str("</section>\n");
        return s;
    }
    s.push_str(&headline(base, report, scenario.goal_sets));
    match &report.changes {
        Some(changes) if !changes.is_empty() => {
            s.push_str(&orders(changes, &report.currency));
            s.push_str(&years(changes, &report.currency));
            s.push_str(&goals(changes, base, report));
        }
        Some(_) => s.push_str(
            "<p>Nothing moved: the scenario's schedule, spend and credited points are the base's.</p>\n",
        ),
        None => s.push_str("<p>The base run has no schedule to compare with.</p>\n"),
    }
    s.push_str("</section>\n");
    s
}

/// Readiness and total cost against the base, in one sentence each.
fn headline(base: &Report, report: &Report, goal_sets: Option<&GoalSets>) -> String {
    let mut s = String::from("<dl class=\"headline scenario-figures\">\n");
    let comparable = goal_sets.is_none_or(|g| g.same);
    let readiness = if !base.has_schedule() {
        format!("{}%", number(report.readiness, 1))
    } else if comparable {
        format!(
            "{}% <small>({} points against the base's {}%)</small>",
            number(report.readiness, 1),
            signed_number(report.readiness - base.readiness, 1),
            number(base.readiness, 1)
        )
    } else {
        format!(
            "{}% <small>(not comparable with the base's {}%: the goals differ)</small>",
            number(report.readiness, 1),
            number(base.readiness, 1)
        )
    };
    let _ = writeln!(s, "<div><dt>Readiness</dt><dd>{readiness}</dd></div>");
    let cost = match &report.changes {
        Some(changes) => format!(
            "{} {} <small>({} against the base's {})</small>",
            escape(&report.total_cost.short()),
            escape(&report.currency),
            escape(&signed_money(changes.delta_total_cost)),
            escape(&base.total_cost.short())
        ),
        None => format!(
            "{} {}",
            escape(&report.total_cost.short()),
            escape(&report.currency)
        ),
    };
    let _ = writeln!(s, "<div><dt>Total cost</dt><dd>{cost}</dd></div>");
    if let Some(changes) = &report.changes {
        let _ = writeln!(
            s,
            "<div><dt>Score</dt><dd>{} <small>({} against the base)</small></dd></div>",
            number(report.score, 3),
            signed_number(changes.delta_score, 3)
        );
    }
    s.push_str("</dl>\n");
    if let Some(sets) = goal_sets.filter(|g| !g.same) {
        let _ = writeln!(
            s,
            "<p class=\"note\">The scenario changes the goals (ids, milestones, targets or \
             weights), so its readiness is not comparable with the base's. Over the {} \
             milestones both share (max score {}): base {}, scenario {}.</p>",
            sets.common_milestones,
            number(sets.common_max_score, 3),
            number(sets.common_score_base, 3),
            number(sets.common_score_variant, 3)
        );
    }
    s
}

/// Why a scenario has no schedule: the shortfall and its causes.
fn shortfall(report: &Report) -> String {
    let findings = report.infeasibility_findings();
    let mut s = String::new();
    if findings.is_empty() {
        let why = report.caveat().unwrap_or("it was not solved");
        let _ = writeln!(s, "<p>No schedule: {}</p>", escape(why));
        return s;
    }
    s.push_str("<h3>Shortfall</h3>\n<p>The scenario is infeasible: no schedule meets all its rules.</p>\n<ul class=\"findings\">\n");
    for finding in findings {
        let _ = writeln!(s, "<li>{}</li>", escape(&finding));
    }
    s.push_str("</ul>\n");
    s
}

/// Orders that differ, by year and item.
fn orders(changes: &Changes, currency: &str) -> String {
    if changes.orders.is_empty() {
        return "<p>No order changed; only the money below moved.</p>\n".into();
    }
    let cost = MoneyScale::of(changes.orders.iter().map(|o| o.delta_cost));
    let rows = changes
        .orders
        .iter()
        .map(|o| {
            vec![
                Cell::Num(o.year.to_string()),
                Cell::Text(o.name.clone()),
                Cell::Num(units(o.baseline_units)),
                Cell::Num(units(o.units)),
                Cell::Num(signed_units(o.delta_units)),
                Cell::Num(cost.signed(o.delta_cost)),
                Cell::Num(signed_number(o.delta_points, 2)),
            ]
        })
        .collect();
    let mut s = table(
        &format!("Schedule changes against the base ({currency})"),
        &[
            ("Year", true),
            ("Item", false),
            ("Base units", true),
            ("Scenario units", true),
            ("Change", true),
            ("Cost change", true),
            ("Goal points", true),
        ],
        rows,
    );
    s.push_str(
        "<p class=\"table-note\">Goal points: the points the change in units delivers to \
         all goals, before milestone targets cap them.</p>\n",
    );
    s
}

/// Spend that differs, by year.
fn years(changes: &Changes, currency: &str) -> String {
    if changes.years.is_empty() {
        return String::new();
    }
    let scale =
        |f: fn(&crate::changes::YearChange) -> Money| MoneyScale::of(changes.years.iter().map(f));
    let (payments, sustainment, spend) = (
        scale(|y| y.delta_payments),
        scale(|y| y.delta_sustainment),
        scale(|y| y.delta_spend),
    );
    let rows = changes
        .years
        .iter()
        .map(|y| {
            vec![
                Cell::Num(y.year.to_string()),
                Cell::Num(payments.signed(y.delta_payments)),
                Cell::Num(sustainment.signed(y.delta_sustainment)),
                Cell::Num(spend.signed(y.delta_spend)),
            ]
        })
        .collect();
    table(
        &format!("Spend against the base, by year ({currency})"),
        &[
            ("Year", true),
            ("Payments", true),
            ("Sustainment", true),
            ("Spend", true),
        ],
        rows,
    )
}

/// Milestones whose credited points differ, by goal name.
fn goals(changes: &Changes, base: &Report, report: &Report) -> String {
    if changes.goals.is_empty() {
        return "<p>Goal differences: none; every milestone is credited as in the base.</p>\n"
            .into();
    }
    let name = |id: &str| {
        report
            .goals
            .iter()
            .chain(&base.goals)
            .find(|g| g.goal == id)
            .map_or_else(|| id.to_string(), |g| g.name.clone())
    };
    let target = |id: &str, year: i32| {
        report
            .goals
            .iter()
            .find(|g| g.goal == id && g.year == year)
            .map_or("-".to_string(), |g| number(g.target, 2))
    };
    let rows = changes
        .goals
        .iter()
        .map(|g| {
            vec![
                Cell::Text(name(&g.goal)),
                Cell::Num(g.year.to_string()),
                Cell::Num(target(&g.goal, g.year)),
                Cell::Num(number(g.baseline_credited, 2)),
                Cell::Num(number(g.credited, 2)),
                Cell::Num(signed_number(g.delta, 2)),
            ]
        })
        .collect();
    table(
        "Goal differences: milestones credited differently",
        &[
            ("Goal", false),
            ("Milestone", true),
            ("Target", true),
            ("Base", true),
            ("Scenario", true),
            ("Change", true),
        ],
        rows,
    )
}

/// A cell: text or a right-aligned number (both escaped when written).
enum Cell {
    Text(String),
    Num(String),
}

fn table(caption: &str, header: &[(&str, bool)], rows: Vec<Vec<Cell>>) -> String {
    let mut out = format!(
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (title, numeric) in header {
        let class = if *numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = match cell {
                Cell::Text(t) => write!(out, "<td>{}</td>", escape(&t)),
                Cell::Num(t) => write!(out, "<td class=\"num\">{}</td>", escape(&t)),
            };
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
