//! A comparison of runs as a table or JSON: one column per run, then what
//! moved in each variant against the base.

use super::format::MoneyScale;
use super::{number, units};
use crate::report::Report;
use crate::whatif::compare::{Comparison, ItemMove};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use serde_json::{json, Value};

/// The comparison as text.
pub fn table(plan: &str, comparison: &Comparison) -> String {
    let mut out = format!("{plan}\nComparison of {} runs\n", comparison.runs.len());
    out.push_str(&format!("{}\n", figures(comparison)));
    // Against the base unless `--against` named another run; the words of
    // a comparison with the base are those it always had.
    let (reference, against, column) = match comparison.reference_run() {
        Some(r) if comparison.reference != 0 => (r, r.label.clone(), r.label.clone()),
        Some(r) => (r, "the base".to_string(), "Base".to_string()),
        None => return out,
    };
    if comparison.reference != 0 {
        out.push_str(&format!("Every run is compared with {against}\n"));
    }
    for (k, moves) in comparison.moves.iter().enumerate() {
        let Some(run) = comparison.compared().get(k).map(|&i| &comparison.runs[i]) else {
            continue;
        };
        let label = &run.label;
        let both_solved = run.report.has_schedule() && reference.report.has_schedule();
        if let Some(sets) = comparison
            .goal_sets
            .get(k)
            .filter(|s| !s.same && both_solved)
        {
            out.push_str(&format!(
                "\nReadiness of {label} is not comparable with {against}: the goal sets differ \
                 (ids, milestones, targets or weights). Over the {} milestones both have \
                 (max score {}): {} {}, {label} {}\n",
                sets.common_milestones,
                number(sets.common_max_score, 3),
                if comparison.reference == 0 {
                    "base"
                } else {
                    against.as_str()
                },
                number(sets.common_score_base, 3),
                number(sets.common_score_variant, 3),
            ));
        }
        if !run.report.has_schedule() {
            out.push_str(&format!("\n{label} has no schedule"));
            match run.report.relaxation.as_ref() {
                Some(relaxation) => {
                    out.push_str(": it is infeasible\n");
                    for finding in relaxation.findings() {
                        out.push_str(&format!("  - {finding}\n"));
                    }
                }
                None => out.push_str(&format!(
                    ": {}\n",
                    run.report.caveat().unwrap_or("not solved")
                )),
            }
            continue;
        }
        if moves.is_empty() {
            out.push_str(&format!("\nWhat moved in {label}: no order changed\n"));
        } else {
            out.push_str(&format!(
                "\nWhat moved in {label}\n{}\n",
                moved(moves, &column, comparison.reference == 0)
            ));
        }
        if let Some(changes) = &run.report.changes {
            out.push_str(&super::changes::render(
                &format!("Changes in {label} against {against}"),
                &column,
                changes,
                &run.report.currency,
            ));
        }
    }
    for run in &comparison.runs {
        let findings = run.report.infeasibility_findings();
        if !findings.is_empty() {
            out.push_str(&format!("\nWhy {} is infeasible\n", run.label));
            for finding in findings {
                out.push_str(&format!("  - {finding}\n"));
            }
        }
    }
    out
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn figures(comparison: &Comparison) -> Table {
    let runs = &comparison.runs;
    let mut t = Table::new();
    let mut header = vec![Cell::new("")];
    header.extend(runs.iter().map(|r| Cell::new(&r.label)));
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    let row = |label: String, f: &dyn Fn(&Report) -> String| {
        let mut cells = vec![Cell::new(label)];
        cells.extend(runs.iter().map(|r| right(f(&r.report))));
        cells
    };
    let solved = |r: &Report, text: String| if r.has_schedule() { text } else { "-".into() };
    t.add_row(row("Status".into(), &|r| r.status.name().into()));
    t.add_row(row("Readiness %".into(), &|r| {
        solved(r, number(r.readiness, 1))
    }));
    t.add_row(row("Score".into(), &|r| solved(r, number(r.score, 3))));
    // Money rows: one scale across the runs of a row.
    let scale = |f: fn(&Report) -> crate::money::Money| {
        MoneyScale::of(
            runs.iter()
                .filter(|r| r.report.has_schedule())
                .map(|r| f(&r.report)),
        )
    };
    let total = scale(|r| r.total_cost);
    t.add_row(row("Total cost".into(), &|r| {
        solved(r, total.show(r.total_cost))
    }));
    // Section 8: only when some run has funding sources.
    if runs.iter().any(|r| !r.report.sources.is_empty()) {
        let national = scale(|r| r.national_cost);
        t.add_row(row("National cost".into(), &|r| {
            solved(r, national.show(r.national_cost))
        }));
    }
    let after = scale(|r| r.commitments_after_horizon);
    t.add_row(row("After horizon".into(), &|r| {
        solved(r, after.show(r.commitments_after_horizon))
    }));
    // Rows are matched by year and by (goal, milestone), so a variant that
    // moves a milestone or the horizon shows a dash where it has no value.
    let mut years: Vec<i32> = Vec::new();
    let mut milestones: Vec<(&str, i32)> = Vec::new();
    for r in runs {
        for y in &r.report.years {
            if !years.contains(&y.year) {
                years.push(y.year);
            }
        }
        for g in &r.report.goals {
            if !milestones.contains(&(g.goal.as_str(), g.year)) {
                milestones.push((&g.goal, g.year));
            }
        }
    }
    years.sort_unstable();
    for year in years {
        let spend_in = |r: &Report| r.years.iter().find(|y| y.year == year).map(|y| y.spend);
        let spend = MoneyScale::of(runs.iter().filter_map(|r| spend_in(&r.report)));
        t.add_row(row(format!("Spend {year}"), &|r| {
            spend_in(r).map_or("-".into(), |m| spend.show(m))
        }));
    }
    for (goal, year) in milestones {
        t.add_row(row(format!("{goal} {year}"), &|r| {
            r.goals
                .iter()
                .find(|g| g.goal == goal && g.year == year)
                .map_or("-".into(), |g| {
                    format!("{} of {}", number(g.credited, 2), number(g.target, 2))
                })
        }));
    }
    t
}

fn moved(moves: &[ItemMove], reference: &str, against_base: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(vec![
        "Item".to_string(),
        "Change".to_string(),
        format!("{reference} orders"),
        // The base is a run like the others once another is the reference.
        if against_base {
            "Variant orders".to_string()
        } else {
            "Run orders".to_string()
        },
    ]);
    for m in moves {
        t.add_row(vec![
            Cell::new(&m.name),
            Cell::new(m.kind.name()),
            Cell::new(orders_text(&m.base)),
            Cell::new(orders_text(&m.variant)),
        ]);
    }
    t
}

/// `2 in 2024, 1 in 2026`, or `-` for none.
fn orders_text(orders: &[(i32, f64)]) -> String {
    if orders.is_empty() {
        return "-".into();
    }
    orders
        .iter()
        .map(|(year, n)| format!("{} in {year}", units(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The comparison as a JSON value.
pub fn to_value(plan: &str, comparison: &Comparison) -> Value {
    let runs: Vec<Value> = comparison
        .runs
        .iter()
        .enumerate()
        .map(|(k, run)| {
            let mut value = super::json::to_value(&run.report);
            let compared = comparison.compared().iter().position(|&i| i == k);
            if let Some(map) = value.as_object_mut() {
                map.insert("label".into(), json!(run.label));
                if let Some(c) = compared {
                    let moves = comparison.moves.get(c).map_or(&[][..], |m| m);
                    map.insert("moved".into(), moves.iter().map(move_value).collect());
                    let reference = &comparison.runs[comparison.reference].report;
                    let both_solved = run.report.has_schedule() && reference.has_schedule();
                    if let Some(sets) = comparison.goal_sets.get(c).filter(|_| both_solved) {
                        map.insert("readiness_comparable".into(), json!(sets.same));
                        map.insert(
                            "common_goals".into(),
                            json!({
                                "milestones": sets.common_milestones,
                                "max_score": sets.common_max_score,
                                "base_score": sets.common_score_base,
                                "score": sets.common_score_variant,
                            }),
                        );
                    }
                }
            }
            value
        })
        .collect();
    let mut value = json!({ "plan": plan, "runs": runs });
    // Only with `--against`: a comparison with the base reads as before.
    if let (Some(map), Some(r)) = (value.as_object_mut(), comparison.reference_run()) {
        if comparison.reference != 0 {
            map.insert("against".into(), json!(r.label));
        }
    }
    value
}

fn move_value(m: &ItemMove) -> Value {
    let orders = |o: &[(i32, f64)]| {
        o.iter()
            .map(|(year, units)| json!({"year": year, "units": units}))
            .collect::<Vec<_>>()
    };
    json!({
        "item": m.item,
        "change": m.kind.name(),
        "base": orders(&m.base),
        "variant": orders(&m.variant),
    })
}

/// The comparison as pretty JSON text.
pub fn json(plan: &str, comparison: &Comparison) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(plan, comparison)).unwrap_or_default();
    text.push('\n');
    text
}

/// `compare --pairwise`: every pair of runs with a schedule, the later
/// minus the earlier.
pub fn pairwise_table(comparison: &Comparison) -> String {
    let pairs = comparison.pairwise();
    if pairs.is_empty() {
        return "\nPairwise differences: fewer than two runs have a schedule\n".into();
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(vec![
        "Run",
        "Against",
        "Readiness (points)",
        "National cost",
        "Total cost",
        "After horizon",
    ]);
    let national = MoneyScale::of(pairs.iter().map(|p| p.national_cost));
    let total = MoneyScale::of(pairs.iter().map(|p| p.total_cost));
    let after = MoneyScale::of(pairs.iter().map(|p| p.after_horizon));
    for p in &pairs {
        let r = if p.readiness.abs() < 5e-7 {
            0.0
        } else {
            p.readiness
        };
        let readiness = if r > 0.0 {
            format!("+{}", number(r, 2))
        } else {
            number(r, 2)
        };
        t.add_row(vec![
            Cell::new(&comparison.runs[p.to].label),
            Cell::new(&comparison.runs[p.from].label),
            right(readiness),
            right(national.signed(p.national_cost)),
            right(total.signed(p.total_cost)),
            right(after.signed(p.after_horizon)),
        ]);
    }
    format!("\nPairwise differences (run minus the run it is set against)\n{t}\n")
}

/// The `pairwise` JSON list: `[{"run", "against", "delta_readiness",
/// "delta_national_cost", "delta_total_cost", "delta_after_horizon"}]`.
pub fn pairwise_value(comparison: &Comparison) -> Value {
    comparison
        .pairwise()
        .iter()
        .map(|p| {
            json!({
                "run": comparison.runs[p.to].label,
                "against": comparison.runs[p.from].label,
                "delta_readiness": p.readiness,
                "delta_national_cost": p.national_cost.to_units(),
                "delta_total_cost": p.total_cost.to_units(),
                "delta_after_horizon": p.after_horizon.to_units(),
            })
        })
        .collect()
}

/// [`json`] with the `pairwise` list at the end (`compare --pairwise`).
pub fn json_with_pairs(plan: &str, comparison: &Comparison) -> String {
    let mut value = to_value(plan, comparison);
    if let Some(map) = value.as_object_mut() {
        map.insert("pairwise".into(), pairwise_value(comparison));
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
