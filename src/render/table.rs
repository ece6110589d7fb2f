//! Terminal tables for review meetings (comfy-table).
//!
//! A headline, then the year table, the order schedule grouped by phase and
//! year, goal attainment and the phase summary. Money is shown short
//! (`12.5M`) and right-aligned.

use super::columns::{self, Column, Outputs};
use super::format::MoneyScale;
use super::{number, status_label};
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
        format!(", {} nodes", report.solver.nodes())
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
    // One scale per money column (the number format's rule).
    let scale = |f: fn(&crate::report::SourceYearRow) -> Money| {
        MoneyScale::of(report.years.iter().flat_map(|y| y.sources.iter().map(f)))
    };
    let scales = [
        scale(|s| s.budget),
        scale(|s| s.available),
        scale(|s| s.spend),
        scale(|s| s.carry_out),
    ];
    for y in &report.years {
        for (k, s) in y.sources.iter().enumerate() {
            t.add_row(vec![
                Cell::new(if k == 0 {
                    y.year.to_string()
                } else {
                    String::new()
                }),
                Cell::new(&s.source),
                right(scales[0].show(s.budget)),
                right(scales[1].show(s.available)),
                right(scales[2].show(s.spend)),
                right(scales[3].show(s.carry_out)),
            ]);
        }
    }
    t
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

/// A table from its declared columns: the rows, then the total row when
/// the columns have one; a grouping column is left blank while it repeats
/// the row above.
fn column_table<R>(report: &Report, columns: &[Column<R>], rows: &[R]) -> Table {
    let shown = columns::shown(columns, Outputs::TERMINAL, report);
    let titles: Vec<&str> = shown.iter().map(|c| c.title).collect();
    let mut t = new_table(&titles);
    let cell = |c: &Column<R>, text: String| {
        if c.right_aligned() {
            right(text)
        } else {
            Cell::new(text)
        }
    };
    let cells: Vec<(Vec<String>, Option<String>)> = shown
        .iter()
        .map(|c| columns::display(report, c, rows))
        .collect();
    for r in 0..rows.len() {
        let mut repeats = r > 0;
        let mut row = Vec::with_capacity(shown.len());
        for (c, (texts, _)) in shown.iter().zip(&cells) {
            let mut text = texts[r].clone();
            if c.group {
                repeats = repeats && texts[r - 1] == text;
                if repeats {
                    text.clear();
                }
            }
            row.push(cell(c, text));
        }
        t.add_row(row);
    }
    if shown.iter().any(|c| c.total.is_some()) {
        t.add_row(shown.iter().zip(&cells).map(|(c, (_, total))| match total {
            Some(text) => cell(c, text.clone()),
            None => Cell::new(""),
        }));
    }
    t
}

fn years(report: &Report) -> Table {
    column_table(report, columns::YEARS, &report.years)
}

fn orders(report: &Report) -> Table {
    let mut t = column_table(report, columns::ORDERS, &report.orders);
    if report.orders.is_empty() {
        let shown = columns::shown(columns::ORDERS, Outputs::TERMINAL, report);
        t.add_row(
            shown
                .iter()
                .map(|c| Cell::new(if c.key == "name" { "(no orders)" } else { "" })),
        );
    }
    t
}

fn goals(report: &Report) -> Table {
    column_table(report, columns::GOALS, &report.goals)
}

fn phases(report: &Report) -> Table {
    column_table(report, columns::PHASES, &report.phases)
}
