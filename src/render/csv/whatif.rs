//! `compare` and `sensitivity` as CSV files, in the long form and
//! conventions of the solve's files (see the parent module): one row per
//! run, per run and year, per run and milestone, per moved order; values
//! read from the [`Comparison`] or [`Sensitivity`], nothing computed.

use super::{num, opt, table, Csv};
use crate::whatif::compare::Comparison;
use crate::whatif::sensitivity::{Sensitivity, Shift};

/// `runs.csv`: one row per run, the base first; `reference` marks the run
/// the others are compared with; the `delta_*` and `churn` columns are the
/// run's changes against it (empty for the reference and runs without a
/// schedule).
pub fn compare_runs(c: &Comparison) -> Csv {
    table(
        &[
            "label",
            "reference",
            "status",
            "readiness",
            "score",
            "max_score",
            "total_cost",
            "national_cost",
            "commitments_after_horizon",
            "readiness_comparable",
            "churn",
            "delta_score",
            "delta_total_cost",
        ],
        c.runs.iter().enumerate().map(|(k, run)| {
            let r = &run.report;
            let solved = r.has_schedule();
            let money = |m: crate::money::Money| {
                if solved {
                    num(m.to_units())
                } else {
                    String::new()
                }
            };
            let compared = c.compared().iter().position(|&i| i == k);
            let comparable = compared
                .and_then(|i| c.goal_sets.get(i))
                .filter(|_| solved)
                .map_or(String::new(), |s| s.same.to_string());
            let changes = r.changes.as_ref().filter(|_| k != c.reference);
            vec![
                run.label.clone(),
                (k == c.reference).to_string(),
                r.status.name().to_string(),
                opt(solved.then_some(r.readiness)),
                opt(solved.then_some(r.score)),
                num(r.max_score),
                money(r.total_cost),
                money(r.national_cost),
                money(r.commitments_after_horizon),
                comparable,
                opt(changes.map(|ch| ch.churn)),
                opt(changes.map(|ch| ch.delta_score)),
                opt(changes.map(|ch| ch.delta_total_cost.to_units())),
            ]
        }),
    )
}

/// `years.csv`: each run's money by year.
pub fn compare_years(c: &Comparison) -> Csv {
    table(
        &[
            "label",
            "year",
            "budget",
            "spend",
            "national_spend",
            "carry_out",
        ],
        c.runs.iter().flat_map(|run| {
            run.report.years.iter().map(move |y| {
                vec![
                    run.label.clone(),
                    y.year.to_string(),
                    num(y.budget.to_units()),
                    num(y.spend.to_units()),
                    num(y.national_spend.to_units()),
                    num(y.carry_out.to_units()),
                ]
            })
        }),
    )
}

/// `goals.csv`: each run's milestones.
pub fn compare_goals(c: &Comparison) -> Csv {
    table(
        &["label", "goal", "year", "target", "achieved", "credited"],
        c.runs.iter().flat_map(|run| {
            run.report.goals.iter().map(move |g| {
                vec![
                    run.label.clone(),
                    g.goal.clone(),
                    g.year.to_string(),
                    num(g.target),
                    num(g.achieved),
                    num(g.credited),
                ]
            })
        }),
    )
}

/// `moves.csv`: for each run compared with the reference, each item whose
/// orders differ, one row per order year of either: the reference's units
/// and the run's.
pub fn compare_moves(c: &Comparison) -> Csv {
    let mut rows = Vec::new();
    for (k, moves) in c.compared().into_iter().zip(&c.moves) {
        for m in moves {
            let mut years: Vec<i32> = m.base.iter().chain(&m.variant).map(|o| o.0).collect();
            years.sort_unstable();
            years.dedup();
            for year in years {
                let units = |orders: &[(i32, f64)]| {
                    orders
                        .iter()
                        .filter(|o| o.0 == year)
                        .fold(0.0, |sum, o| sum + o.1)
                };
                rows.push(vec![
                    c.runs[k].label.clone(),
                    m.item.clone(),
                    m.name.clone(),
                    m.kind.name().to_string(),
                    year.to_string(),
                    num(units(&m.base)),
                    num(units(&m.variant)),
                ]);
            }
        }
    }
    table(
        &[
            "label",
            "item",
            "name",
            "change",
            "year",
            "reference_units",
            "units",
        ],
        rows,
    )
}

/// `sensitivity.csv`: one row per year and direction (`raised`,
/// `lowered`), with the change against the base run.
pub fn sensitivity(s: &Sensitivity) -> Csv {
    let mut rows = Vec::new();
    for y in &s.years {
        let shifts = [("raised", Some(&y.raised)), ("lowered", y.lowered.as_ref())];
        for (direction, shift) in shifts {
            let Some(shift) = shift else { continue };
            rows.push(shift_row(y.year, y.budget, s, direction, shift));
        }
    }
    table(
        &[
            "year",
            "budget",
            "step",
            "direction",
            "status",
            "readiness_change",
            "total_cost_change",
            "adds",
            "drops",
        ],
        rows,
    )
}

fn shift_row(
    year: i32,
    budget: crate::money::Money,
    s: &Sensitivity,
    direction: &str,
    shift: &Shift,
) -> Vec<String> {
    vec![
        year.to_string(),
        num(budget.to_units()),
        num(s.step.to_units()),
        direction.to_string(),
        shift.status.name().to_string(),
        opt(shift.readiness_change),
        opt(shift.cost_change.map(|c| c.to_units())),
        shift.switched.adds.join(" "),
        shift.switched.drops.join(" "),
    ]
}

/// `base.csv`: the base run the changes are measured from.
pub fn sensitivity_base(s: &Sensitivity) -> Csv {
    let solved = s.base.has_schedule();
    table(
        &["step", "status", "readiness", "total_cost"],
        [vec![
            num(s.step.to_units()),
            s.base.status.name().to_string(),
            opt(solved.then_some(s.base.readiness)),
            opt(solved.then(|| s.base.total_cost.to_units())),
        ]],
    )
}
