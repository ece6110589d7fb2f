//! `capplan risk`: how likely the goals are when money comes in as it has,
//! and which buys are no-regret. `capplan report --risk` uses the same
//! draws for the review pack's risk section.

use super::args::{load, LimitArgs, PlanArg, Threads};
use super::export::ExportArgs;
use super::progress::Progress;
use super::{emit, exit, Failure, Format};
use crate::plan::Plan;
use crate::provenance::Provenance;
use crate::render;
use crate::report::Report;
use crate::solve::SolveOptions;
use crate::whatif::risk::{self, RiskOptions, RiskReport};
use clap::Args;

/// How many budget futures, from which seed.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct Draws {
    /// Budget futures to draw and solve.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub(crate) runs: u32,
    /// Seed of the futures: the same plan, seed and runs give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
}

#[derive(Args, Debug)]
pub(crate) struct RiskArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    #[command(flatten)]
    pub(crate) draws: Draws,
    #[command(flatten)]
    pub(crate) threads: Threads,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) export: ExportArgs,
}

pub(crate) fn run(args: &RiskArgs) -> Result<u8, Failure> {
    let (plan, mut provenance) = load(&args.plan)?;
    let solve = args.limits.options();
    let base = crate::solve_report(&plan, &solve);
    args.export.stamp(&mut provenance);
    let report = analyse(&plan, &base, args.draws, &solve, args.threads, provenance)?;
    let text = match args.format {
        Format::Table => render::risk::table(&report),
        Format::Json => render::risk::json(&report),
    };
    emit(&text)?;
    args.export
        .write(|target| crate::export::write_risk(&report, target))?;
    Ok(if report.all_proven() {
        exit::OK
    } else {
        exit::NOT_SOLVED
    })
}

/// Draws and solves the futures of `plan`, whose own solve is `base`.
pub(crate) fn analyse(
    plan: &Plan,
    base: &Report,
    draws: Draws,
    solve: &SolveOptions,
    threads: Threads,
    provenance: Provenance,
) -> Result<RiskReport, Failure> {
    if plan.uncertainty.is_certain() {
        return Err(Failure::Other(anyhow::anyhow!(
            "the plan has no [uncertainty] table, so every future would be the plan itself; \
             add one, for example `[uncertainty]` with \
             `execution = {{ low = 0.85, mode = 0.9, high = 0.96 }}` \
             (or `--set uncertainty.execution.low=0.85` with its `mode` and `high`)"
        )));
    }
    let options = RiskOptions {
        runs: draws.runs as usize,
        seed: draws.seed,
    };
    let progress = Progress::new(options.runs, "risk");
    let outcomes = risk::risk(plan, options, solve, threads.count(), || progress.tick());
    progress.finish();
    Ok(RiskReport::new(plan, base, options, outcomes, provenance))
}
