//! `capplan report`: the review pack, one self-contained HTML file.
//!
//! With at most one `--scenario` the pack shows that one run (the plan with
//! its scenario and `--set` overrides). With two or more, every scenario is
//! a run of its own: the base plan, then the base with each scenario, each
//! with the same `--set` overrides, solved separately and shown side by
//! side, then a section per scenario with its changes against the base,
//! then the base run's full report. The file is written atomically.

use super::args::{load, LimitArgs, PlanArg};
use super::progress::Progress;
use super::solve::{exit_code, explain_on_stderr};
use super::{exit, Failure};
use crate::export::{atomic, ExportError};
use crate::plan::Plan;
use crate::provenance::Provenance;
use crate::render;
use crate::report::Status;
use crate::whatif::compare::{self, TieBreak};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    /// The HTML file to write (its directory must exist).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: PathBuf,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    /// Add a budget-risk section: futures drawn from the plan's
    /// [uncertainty], each solved (see `capplan risk`).
    #[arg(long)]
    pub(crate) risk: bool,
    #[command(flatten)]
    pub(crate) draws: super::risk::Draws,
    /// Add to the Explanations section up to N (at most 10) next-best
    /// schedules, each with a set of items bought that differs from every
    /// earlier one (as `solve --alternatives N`; one run only).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub(crate) alternatives: u8,
}

pub(crate) fn run(args: &ReportArgs) -> Result<u8, Failure> {
    check_directory(&args.output)?;
    if args.alternatives > 0 && args.plan.scenarios.len() > 1 {
        return Err(Failure::Other(anyhow::anyhow!(
            "--alternatives explains one run; give at most one --scenario with it"
        )));
    }
    if args.risk && args.plan.scenarios.len() > 1 {
        return Err(Failure::Other(anyhow::anyhow!(
            "--risk analyses one run; give at most one --scenario with it"
        )));
    }
    let (html, code) = if args.plan.scenarios.len() > 1 {
        compare_runs(args)?
    } else {
        let (plan, provenance) = load(&args.plan)?;
        let options = args.limits.options();
        let mut report = crate::solve_report(&plan, &options);
        report.provenance = provenance.clone();
        explain_on_stderr(&report);
        let mut explanations = crate::explain::review(&plan, &report, &options);
        if args.alternatives > 0 && report.has_schedule() {
            explanations.alternatives = crate::explain::alternatives::alternatives(
                &plan,
                &report,
                usize::from(args.alternatives),
                &options,
            );
        }
        let (risk, code) = if args.risk {
            let threads = super::args::Threads { threads: None };
            let risk =
                super::risk::analyse(&plan, &report, args.draws, &options, threads, provenance)?;
            let code = if risk.all_proven() {
                exit_code(&report)
            } else {
                exit::NOT_SOLVED
            };
            (Some(risk), code)
        } else {
            (None, exit_code(&report))
        };
        let html = render::html::render_pack(&report, &explanations, risk.as_ref());
        (html, code)
    };
    atomic::write(&args.output, html.as_bytes()).map_err(|e| Failure::Other(e.into()))?;
    say!("wrote {}", args.output.display());
    Ok(code)
}

/// Fails before any solve when the output's directory does not exist
/// (the atomic write checks again when it writes).
fn check_directory(output: &Path) -> Result<(), Failure> {
    let directory = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if directory.is_dir() {
        Ok(())
    } else {
        let missing = ExportError::MissingDirectory {
            path: output.to_path_buf(),
            directory: directory.to_path_buf(),
        };
        Err(Failure::Other(missing.into()))
    }
}

/// The base plan and the base with each scenario, solved separately (the
/// scenarios in parallel, results in input order) and compared with the
/// base as `compare` does: each scenario is tie-broken against the base
/// run's schedule (or the `--baseline` programme), so a scenario that
/// forces nothing moves nothing. The `--set` overrides apply to every run;
/// each scenario is labelled with its `name`, else its file stem.
fn compare_runs(args: &ReportArgs) -> Result<(String, u8), Failure> {
    let base_only = PlanArg {
        plan: args.plan.plan.clone(),
        scenarios: Vec::new(),
        sets: args.plan.sets.clone(),
        as_of: args.plan.as_of.clone(),
    };
    let mut plans: Vec<(String, Plan)> = Vec::new();
    let mut provenances: Vec<Provenance> = Vec::new();
    let (plan, provenance) = load(&base_only)?;
    plans.push(("base".to_string(), plan));
    provenances.push(provenance);
    for s in &args.plan.scenarios {
        let arg = PlanArg {
            plan: args.plan.plan.clone(),
            scenarios: vec![s.clone()],
            sets: args.plan.sets.clone(),
            as_of: args.plan.as_of.clone(),
        };
        let (plan, provenance) = load(&arg)?;
        plans.push((crate::scenario::label::label(s), plan));
        provenances.push(provenance);
    }
    let options = args.limits.options();
    let progress = Progress::new(plans.len(), "report");
    let tie_break = if args.plan.as_of.baseline.is_some() {
        TieBreak::Baseline
    } else {
        TieBreak::BaseRun
    };
    let mut comparison = compare::compare(plans, &options, None, tie_break, || progress.tick());
    progress.finish();
    for (run, provenance) in comparison.runs.iter_mut().zip(provenances) {
        run.report.provenance = provenance;
    }
    for run in &comparison.runs {
        if run.report.status != Status::Optimal {
            say!("run {}:", run.label);
            explain_on_stderr(&run.report);
        }
    }
    let all_optimal = comparison
        .runs
        .iter()
        .all(|r| r.report.status == Status::Optimal);
    let code = if all_optimal {
        exit::OK
    } else {
        exit::NOT_SOLVED
    };
    let files: Vec<String> = args
        .plan
        .scenarios
        .iter()
        .map(|s| s.display().to_string())
        .collect();
    Ok((
        render::html::render_scenario_pack(&comparison, &files),
        code,
    ))
}
