//! `capplan compare`: the base plan against each scenario and each `--set`
//! override, one column per run.

use super::args::{LimitArgs, Threads};
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
    pub(crate) threads: Threads,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

impl CompareArgs {
    /// The runs: the base, then one per scenario, then one per override.
    fn variants(&self) -> Vec<(String, Overlays)> {
        let mut runs = vec![("base".to_string(), Overlays::default())];
        for s in &self.scenarios {
            runs.push((
                s.display().to_string(),
                Overlays {
                    scenarios: vec![s.clone()],
                    sets: Vec::new(),
                },
            ));
        }
        for set in &self.sets {
            runs.push((
                format!("--set {set}"),
                Overlays {
                    scenarios: Vec::new(),
                    sets: vec![set.clone()],
                },
            ));
        }
        runs
    }
}

pub(crate) fn run(args: &CompareArgs) -> Result<u8, Failure> {
    let mut plans: Vec<(String, Plan)> = Vec::new();
    for (label, overlays) in args.variants() {
        let (plan, _) = scenario::load_plan(&args.plan, &overlays)?;
        plans.push((label, plan));
    }
    if plans.len() < 2 {
        return Err(Failure::Other(anyhow::anyhow!(
            "nothing to compare: give at least one --scenario FILE or --set PATH=VALUE"
        )));
    }
    let name = plans[0].1.name.clone();
    let progress = Progress::new(plans.len(), "compare");
    let comparison = compare::compare(plans, &args.limits.options(), args.threads.count(), || {
        progress.tick()
    });
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
