//! Terminal tables for review meetings (comfy-table).
//!
//! A headline, then the year table, the order schedule grouped by phase and
//! year, goal attainment and the phase summary. Money is shown short
//! (`12.5M`) and right-aligned.

use super::{number, status_label, units};
use crate::money::Money;
use crate::report::Report;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// The whole report as text.
pub fn render(report: &Report) -> String {
    let mut out = headline(report);
    if report.has_schedule() {
        section(&mut out, "Budget by year", &years(report));
        if !report.sources.is_empty() {
            section(&mut out, "Funding by source", &funding_by_source(report));
        }
        section(&mut out, "Order schedule", &orders(report));
        section(&mut out, "Goal attainment", &goals(report));
        if !report.phases.is_empty() {
            section(&mut out, "Phases", &phases(report));
        }
    }
    if let Some(changes) = &report.changes {
        out.push_str(&super::changes::render(
            "Changes against the approved programme",
            "Approved",
            changes,
            &report.currency,
        ));
    }
    out.push_str(&footer(report));
    if !report.violations.is_empty() {
        out.push_str("\nPOST-SOLVE CHECK FAILED: the rounded schedule breaks these rules:\n");
        for v in &report.violations {
            out.push_str(&format!("  - {v}\n"));
        }
    }
    out
}

/// Where the figures come from: input hash, what-if changes, version.
fn footer(report: &Report) -> String {
    let p = &report.provenance;
    let mut changes = Vec::new();
    if !p.scenarios.is_empty() {
        changes.push(format!("scenarios {}", p.scenarios.join(", ")));
    }
    if !p.overrides.is_empty() {
        changes.push(format!("--set {}", p.overrides.join(", ")));
    }
    let changes = if changes.is_empty() {
        String::new()
    } else {
        format!(" with {}", changes.join("; "))
    };
    let nodes = if report.solver.counts_nodes {
        format!(", {} nodes", report.solver.nodes)
    } else {
        String::new()
    };
    format!(
        "
{}{changes} | input sha256 {} | solver {}{nodes} | capplan {}\n",
        p.plan_file,
        p.short_hash(),
        report.solver.backend,
        p.version
    )
}

fn section(out: &mut String, title: &str, table: &Table) {
    out.push_str(&format!("\n{title}\n{table}\n"));
}

fn headline(report: &Report) -> String {
    let mut s = format!("{}\n", report.plan);
    let status = status_label(report);
    s.push_str(&format!(
        "objective {} | status {} | horizon {}-{}\n",
        report.objective.name(),
        status,
        report.horizon.0,
        report.horizon.1
    ));
    if report.has_schedule() {
        s.push_str(&format!(
            "readiness {}% (score {} of {}) | total cost {} {} | commitments after {}: {} {}{}\n",
            number(report.readiness, 1),
            number(report.score, 3),
            number(report.max_score, 3),
            report.total_cost.short(),
            national_cost(report),
            report.horizon.1,
            report.commitments_after_horizon.short(),
            report.currency,
            // `[budget] max_after_end`, only when the plan has it.
            report
                .after_horizon
                .cap
                .map_or(String::new(), |cap| format!(" (at most {})", cap.short()))
        ));
    }
    if report.as_of > report.horizon.0 {
        s.push_str(&format!(
            "as of {}: {}-{} is history (actual, pinned), {}-{} open\n",
            report.as_of,
            report.horizon.0,
            report.as_of - 1,
            report.as_of,
            report.horizon.1
        ));
    }
    if let Some(caveat) = report.caveat() {
        s.push_str(&format!("{caveat}\n"));
    }
    s
}

/// A year, marked `(actual)` when it is history.
fn year_cell(report: &Report, year: i32) -> Cell {
    if year < report.as_of {
        Cell::new(format!("{year} (actual)"))
    } else {
        Cell::new(year)
    }
}

/// The currency after the total cost, and with funding sources the
/// national cost beside it (plans without sources print as in format v1).
fn national_cost(report: &Report) -> String {
    if report.sources.is_empty() {
        report.currency.clone()
    } else {
        format!(
            "{} | national cost {} {}",
            report.currency,
            report.national_cost.short(),
            report.currency
        )
    }
}

/// Year x source: money, available, used, carried out (national first).
fn funding_by_source(report: &Report) -> Table {
    let mut t = new_table(&[
        "Year",
        "Source",
        "Money",
        "Available",
        "Used",
        "Carried out",
    ]);
    for y in &report.years {
        for (k, s) in y.sources.iter().enumerate() {
            t.add_row(vec![
                Cell::new(if k == 0 {
                    y.year.to_string()
                } else {
                    String::new()
                }),
                Cell::new(&s.source),
                money(s.budget),
                money(s.available),
                money(s.spend),
                money(s.carry_out),
            ]);
        }
    }
    t
}

/// Who pays an order, as `grant 15M, national 3M`.
fn paid_by(o: &crate::report::OrderRow) -> String {
    o.funding
        .iter()
        .map(|(source, amount)| format!("{source} {}", amount.short()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    t
}

fn right(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

fn money(m: Money) -> Cell {
    right(m.short())
}

fn years(report: &Report) -> Table {
    let mut t = new_table(&[
        "Year",
        "Phase",
        "Envelope",
        "Budget",
        "Available",
        "Payments",
        "Sustainment",
        "Spend",
        "Carry-out",
        "Used %",
    ]);
    for y in &report.years {
        t.add_row(vec![
            year_cell(report, y.year),
            Cell::new(y.phase.as_deref().unwrap_or("")),
            money(y.envelope),
            money(y.budget),
            money(y.available),
            money(y.payments),
            money(y.sustainment),
            money(y.spend),
            money(y.carry_out),
            right(number(y.utilisation, 1)),
        ]);
    }
    let totals = &report.year_totals;
    t.add_row(vec![
        Cell::new("Total"),
        Cell::new(""),
        money(totals.envelope),
        money(totals.budget),
        Cell::new(""),
        money(totals.payments),
        money(totals.sustainment),
        money(totals.spend),
        Cell::new(""),
        Cell::new(""),
    ]);
    t
}

fn orders(report: &Report) -> Table {
    let with_sources = !report.sources.is_empty();
    let mut header = vec![
        "Phase",
        "Year",
        "Item",
        "Category",
        "Units",
        "Delivered",
        "Cost",
        "Note",
    ];
    if with_sources {
        header.push("Paid by");
    }
    let mut t = new_table(&header);
    let mut last: (Option<&str>, i32) = (None, 0);
    for o in &report.orders {
        let phase = o.phase.as_deref();
        let same_phase = last.0 == phase && last.1 != 0;
        let same_year = same_phase && last.1 == o.year;
        let mut row = vec![
            Cell::new(if same_phase { "" } else { phase.unwrap_or("-") }),
            Cell::new(if same_year {
                String::new()
            } else {
                o.year.to_string()
            }),
            Cell::new(&o.name),
            Cell::new(&o.category),
            right(units(o.units)),
            right(o.delivered),
            money(o.cost),
            Cell::new(if o.year < report.as_of {
                "actual"
            } else if o.fixed {
                "fixed"
            } else {
                ""
            }),
        ];
        if with_sources {
            row.push(Cell::new(paid_by(o)));
        }
        t.add_row(row);
        last = (phase, o.year);
    }
    if report.orders.is_empty() {
        t.add_row(vec!["", "", "(no orders)", "", "", "", "", ""]);
    }
    t
}

fn goals(report: &Report) -> Table {
    let mut t = new_table(&[
        "Goal",
        "Milestone",
        "Target",
        "Achieved",
        "Credited",
        "Met %",
    ]);
    for g in &report.goals {
        t.add_row(vec![
            Cell::new(&g.name),
            year_cell(report, g.year),
            right(number(g.target, 2)),
            right(number(g.achieved, 2)),
            right(number(g.credited, 2)),
            right(number(g.percent, 1)),
        ]);
    }
    t
}

fn phases(report: &Report) -> Table {
    let mut t = new_table(&["Phase", "Years", "Budget", "Spend", "Orders", "Order value"]);
    for p in &report.phases {
        t.add_row(vec![
            Cell::new(format!("{} ({})", p.name, p.id)),
            Cell::new(format!("{}-{}", p.start, p.end)),
            money(p.budget),
            money(p.spend),
            right(p.orders),
            money(p.order_value),
        ]);
    }
    t
}
