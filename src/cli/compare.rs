//! `capplan compare`: the base plan against each scenario and each `--set`
//! override, one column per run.

use super::args::{AsOfArgs, LimitArgs, Threads};
use super::progress::Progress;
use super::{emit, exit, Failure, Format};
use crate::plan::Plan;
use crate::render;
use crate::report::Status;
use crate::scenario::{self, Overlays};
use crate::whatif::compare;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(crate) struct CompareArgs {
    /// The base plan file (TOML).
    pub(crate) plan: PathBuf,
    /// A scenario compared against the base (repeatable; one run each).
    #[arg(long = "scenario", value_name = "FILE")]
    pub(crate) scenarios: Vec<PathBuf>,
    /// An override compared against the base, e.g. `budget.scale=0.8`
    /// (repeatable; one run each).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub(crate) sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) as_of: AsOfArgs,
    #[command(flatten)]
    pub(crate) threads: Threads,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

impl CompareArgs {
    /// The runs: the base, then one per scenario, then one per override.
    fn variants(&self) -> Vec<(String, Overlays)> {
        let mut runs = vec![(
            "base".to_string(),
            Overlays {
                as_of: self.as_of.as_of,
                ..Overlays::default()
            },
        )];
        for s in &self.scenarios {
            runs.push((
                s.display().to_string(),
                Overlays {
                    scenarios: vec![s.clone()],
                    sets: Vec::new(),
                    as_of: self.as_of.as_of,
                },
            ));
        }
        for set in &self.sets {
            runs.push((
                format!("--set {set}"),
                Overlays {
                    scenarios: Vec::new(),
                    sets: vec![set.clone()],
                    as_of: self.as_of.as_of,
                },
            ));
        }
        runs
    }
}

pub(crate) fn run(args: &CompareArgs) -> Result<u8, Failure> {
    let mut plans: Vec<(String, Plan)> = Vec::new();
    for (label, overlays) in args.variants() {
        let (mut plan, mut sources) = scenario::load_plan(&args.plan, &overlays)?;
        crate::baseline::settle(&mut plan, args.as_of.baseline.as_deref(), &mut sources)?;
        plans.push((label, plan));
    }
    if plans.len() < 2 {
        return Err(Failure::Other(anyhow::anyhow!(
            "nothing to compare: give at least one --scenario FILE or --set PATH=VALUE"
        )));
    }
    let name = plans[0].1.name.clone();
    let progress = Progress::new(plans.len(), "compare");
    // Variants are tie-broken against the base run's schedule, unless
    // `--baseline` names the programme to keep close to.
    let tie_break = if args.as_of.baseline.is_some() {
        compare::TieBreak::Baseline
    } else {
        compare::TieBreak::BaseRun
    };
    let comparison = compare::compare(
        plans,
        &args.limits.options(),
        args.threads.count(),
        tie_break,
        || progress.tick(),
    );
    progress.finish();
    let text = match args.format {
        Format::Table => render::compare::table(&name, &comparison),
        Format::Json => render::compare::json(&name, &comparison),
    };
    emit(&text)?;
    let all_optimal = comparison
        .runs
        .iter()
        .all(|r| r.report.status == Status::Optimal);
    Ok(if all_optimal {
        exit::OK
    } else {
        exit::NOT_SOLVED
    })
}
