//! `capplan check` and `capplan solve`.

use super::args::{load, LimitArgs, PlanArg};
use super::export::ExportArgs;
use super::{emit, exit, Failure, Format};
use crate::export::atomic;
use crate::model::{Model, ModelFormat, Stage};
use crate::plan::Plan;
use crate::render;
use crate::report::{Report, Status};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub(crate) struct SolveArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) export: ExportArgs,
    /// Before solving, write the model of the first solve stage (max-goals:
    /// the best score; min-cost: the least cost) to FILE: `.lp` for CPLEX LP,
    /// `.mps` for free MPS. Under max-goals, the second stage (the least
    /// cost at the best score found) follows in FILE with `.stage2` before
    /// its extension.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_model: Option<PathBuf>,
    /// After the tables, print the cash flow: items down, years across,
    /// payments plus running costs (JSON always has `cashflow`).
    #[arg(long)]
    pub(crate) cashflow: bool,
    /// After the optimum, up to N (at most 10) next-best schedules, each
    /// with a set of items bought that differs from every earlier one.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub(crate) alternatives: Option<u8>,
}

pub(crate) fn check(args: &PlanArg) -> Result<u8, Failure> {
    let (plan, _) = load(args)?;
    let warnings = crate::plan::lint::warnings(&plan);
    emit(&render::summary::render(
        &plan,
        &args.plan.display().to_string(),
        &warnings,
    ))?;
    Ok(exit::OK)
}

pub(crate) fn run(args: &SolveArgs) -> Result<u8, Failure> {
    let model_format = match &args.write_model {
        Some(path) => Some(model_format(path)?),
        None => None,
    };
    let (plan, provenance) = load(&args.plan)?;
    // What `check` would warn about, on stderr before the solve.
    for w in crate::plan::lint::warnings(&plan) {
        say!("warning: {} ({})", w.message, w.at);
    }
    let stage = crate::solve::first_stage(&plan);
    if let (Some(path), Some(format)) = (&args.write_model, model_format) {
        write_model(&plan, stage, path, format)?;
    }
    let mut report = crate::solve_report(&plan, &args.limits.options());
    if let (Some(path), Some(format)) = (&args.write_model, model_format) {
        let best = report.solver.stages.first().and_then(|s| s.objective);
        if let (Stage::MaxScore, Some(best)) = (stage, best) {
            // The stage after the best score: least cost (v1), or least
            // national cost when the plan has funding sources.
            if let Some(second) = crate::solve::next_stage(&plan, stage, best) {
                write_model(&plan, second, &ModelFormat::second_stage_path(path), format)?;
            }
        }
    }
    report.provenance = provenance;
    args.export.stamp(&mut report.provenance);
    let alternatives = match args.alternatives {
        Some(n) if report.has_schedule() => Some(crate::explain::alternatives::alternatives(
            &plan,
            &report,
            usize::from(n),
            &args.limits.options(),
        )),
        Some(_) => Some(Vec::new()),
        None => None,
    };
    let text = match args.format {
        Format::Table => {
            let mut text = render::table::render(&report);
            if args.cashflow {
                text += &render::cashflow::render(&report);
            }
            if let Some(alternatives) = &alternatives {
                text += &render::explain::alternatives_table(alternatives);
            }
            text
        }
        Format::Json => match &alternatives {
            Some(alternatives) => json_with_alternatives(&report, alternatives),
            None => render::json::render(&report),
        },
    };
    emit(&text)?;
    explain_on_stderr(&report);
    args.export
        .write(|target| crate::export::write_report(&report, target))?;
    Ok(exit_code(&report))
}

/// The JSON result with the alternatives after the optimum
/// (`alternatives`, plan format section 9).
fn json_with_alternatives(
    report: &crate::report::Report,
    alternatives: &[crate::explain::alternatives::Alternative],
) -> String {
    // The report's own JSON value, with the list added at the end.
    let mut value = render::json::to_value(report);
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "alternatives".into(),
            render::explain::alternatives_value(alternatives),
        );
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

fn model_format(path: &Path) -> Result<ModelFormat, Failure> {
    ModelFormat::from_path(path).ok_or_else(|| {
        Failure::Other(anyhow::anyhow!(
            "--write-model {}: the file name must end in .lp (CPLEX LP) or .mps (free MPS)",
            path.display()
        ))
    })
}

/// Writes one stage's model (atomically).
fn write_model(plan: &Plan, stage: Stage, path: &Path, format: ModelFormat) -> Result<(), Failure> {
    let text = Model::stage_file_text(plan, stage, format);
    atomic::write(path, text.as_bytes()).map_err(|e| Failure::Other(e.into()))?;
    say!("wrote {}", path.display());
    Ok(())
}

pub(crate) fn exit_code(report: &Report) -> u8 {
    match report.status {
        Status::Optimal => exit::OK,
        Status::NotOptimal | Status::Infeasible => exit::NOT_SOLVED,
    }
}

pub(crate) fn explain_on_stderr(report: &Report) {
    match report.status {
        Status::Optimal => {}
        Status::Infeasible => {
            say!("error: the plan `{}` is infeasible", report.plan);
            for finding in report.infeasibility_findings() {
                say!("  - {finding}");
            }
        }
        Status::NotOptimal => {
            if let Some(note) = &report.note {
                say!("error: {note}");
            } else if !report.violations.is_empty() {
                say!("error: the post-solve check failed; the schedule breaks the plan's rules:");
                for v in &report.violations {
                    say!("  - {v}");
                }
            } else if let Some(failure) = &report.solver.failure {
                say!("warning: the schedule is not proven optimal: {failure}");
            } else {
                say!(
                    "warning: the schedule is not proven optimal (the time limit ran out): {}",
                    crate::render::unproven_stages(&report.solver)
                        .unwrap_or_else(|| "gap unknown".into())
                );
            }
        }
    }
}
