//! What the stability stage costs (a benchmark, not a timed test): each
//! solve stage's wall time and nodes, on the shipped KSF plan and on a
//! generated plan, re-planned against an approved programme.
//!
//! ```sh
//! cargo run --release --example stability -- 50x10 --gap 1e-4 --repeat 3
//! cargo run --release --features highs --example stability -- 50x10 200x10 --solver highs
//! ```
//!
//! For each instance the approved programme is the plan's own optimal
//! schedule (solved from its start); then the plan is solved again with that
//! baseline, (a) from its start with nothing changed, (b) as of its middle
//! year with nothing changed, and (c) as of its middle year with every open
//! envelope after it cut by 20%. Stage times are medians over `--repeat`
//! runs.

use capplan::generate::{generate, GenerateOptions};
use capplan::plan::{load, load_text, Plan};
use capplan::solve::{solve, Backend, Outcome, SolveOptions, SolverStats};
use std::path::Path;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let gap: f64 = value("--gap").and_then(|g| g.parse().ok()).unwrap_or(1e-6);
    let repeat: usize = value("--repeat").and_then(|r| r.parse().ok()).unwrap_or(3);
    let backend = match value("--solver").as_deref() {
        Some("highs") => Backend::Highs,
        _ => Backend::Microlp,
    };
    let options = SolveOptions {
        time_limit: Duration::from_secs(120),
        gap,
        backend,
    };
    let mut instances: Vec<(String, Plan)> = Vec::new();
    match load(Path::new("plans/ksf-2019-2028.toml")) {
        Ok((plan, _)) => instances.push(("KSF".into(), plan)),
        Err(e) => eprintln!("KSF plan: {e}"),
    }
    for size in args
        .iter()
        .filter(|a| a.contains('x') && !a.starts_with('-'))
    {
        let Some((items, years)) = size.split_once('x') else {
            continue;
        };
        let (Ok(items), Ok(years)) = (items.parse(), years.parse()) else {
            continue;
        };
        let text = generate(&GenerateOptions {
            items,
            years,
            ..GenerateOptions::default()
        });
        match load_text(size, &text) {
            Ok((plan, _)) => instances.push((size.clone(), plan)),
            Err(e) => eprintln!("{size}: {e}"),
        }
    }
    println!("| instance | run | stages (median s, nodes) | churn stage share | status |");
    println!("|---|---|---|---:|---|");
    for (name, plan) in instances {
        let Some(approved) = schedule_of(&plan, &options) else {
            println!("| {name} | approved programme | no schedule | | |");
            continue;
        };
        let middle = plan.start + (plan.end - plan.start + 1) / 2;
        let runs: [(&str, Plan); 3] = [
            (
                "from start, unchanged",
                with_baseline(&plan, &approved, plan.start, 1.0),
            ),
            (
                "as of middle, unchanged",
                with_baseline(&plan, &approved, middle, 1.0),
            ),
            (
                "as of middle, open years after it -20%",
                with_baseline(&plan, &approved, middle, 0.8),
            ),
        ];
        for (label, variant) in runs {
            let mut samples: Vec<SolverStats> = Vec::new();
            let mut status = String::new();
            for _ in 0..repeat {
                let (stats, proven) = match solve(&variant, &options) {
                    Outcome::Solved { stats, proven, .. } => (stats, proven),
                    Outcome::Infeasible { stats } | Outcome::NoSolution { stats } => (stats, false),
                };
                status = if proven { "optimal" } else { "not optimal" }.into();
                samples.push(stats);
            }
            let stages = samples[0].stages.len();
            let mut cells = Vec::new();
            let mut medians = Vec::new();
            for k in 0..stages {
                let mut times: Vec<f64> = samples
                    .iter()
                    .filter_map(|s| s.stages.get(k).map(|st| st.seconds))
                    .collect();
                times.sort_by(f64::total_cmp);
                let median = times[times.len() / 2];
                medians.push(median);
                let stage = &samples[0].stages[k];
                cells.push(format!(
                    "{} {:.3} ({})",
                    stage.stage.name(),
                    median,
                    stage.nodes
                ));
            }
            let total: f64 = medians.iter().sum();
            let churn = match samples[0].stages.last() {
                Some(s) if s.stage.name() == "min-churn" && total > 0.0 => {
                    let before = total - medians[stages - 1];
                    format!("+{:.0}%", 100.0 * medians[stages - 1] / before.max(1e-9))
                }
                _ => "-".into(),
            };
            println!(
                "| {name} | {label} | {} | {churn} | {status} |",
                cells.join("; ")
            );
        }
    }
}

/// The plan's optimal schedule, solved from its start without a baseline.
fn schedule_of(plan: &Plan, options: &SolveOptions) -> Option<Vec<Vec<f64>>> {
    match solve(plan, options) {
        Outcome::Solved { schedule, .. } => Some(schedule.units),
        _ => None,
    }
}

/// The plan as of `as_of` against `approved`, open envelopes after `as_of`
/// multiplied by `cut`.
fn with_baseline(plan: &Plan, approved: &[Vec<f64>], as_of: i32, cut: f64) -> Plan {
    let mut plan = plan.clone();
    plan.as_of = as_of;
    plan.baseline = Some(approved.to_vec());
    for year in plan.budget.years.iter_mut().filter(|y| y.year > as_of) {
        year.envelope = year.envelope.times(cut);
    }
    let at = capplan::diagnostic::Location {
        file: "approved".into(),
        line: 1,
        column: 1,
    };
    capplan::plan::history::pin_history(&mut plan, &at);
    plan
}
