//! `capplan sweep`: readiness against budget scale.

use super::args::{load, LimitArgs, PlanArg, Threads};
use super::export::ExportArgs;
use super::progress::Progress;
use super::{emit, exit, Failure, Format};
use crate::render;
use crate::whatif::sweep;
use clap::Args;

#[derive(Args, Debug)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    /// Smallest budget scale (or value of --param).
    #[arg(long, default_value_t = 0.5, allow_negative_numbers = true)]
    pub(crate) from: f64,
    /// Largest budget scale (or value of --param).
    #[arg(long, default_value_t = 1.5, allow_negative_numbers = true)]
    pub(crate) to: f64,
    /// Sweep this numeric `--set` path instead of the budget scale, e.g.
    /// `fx.USD` or `escalation.default`; each value is set with `--set
    /// PATH=VALUE` and validated like any plan.
    /// Without it, the budget scale is swept and points carry no `value`.
    #[arg(long, value_name = "PATH")]
    pub(crate) param: Option<String>,
    /// Number of scales, both ends included.
    #[arg(long, default_value_t = 11, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub(crate) steps: u16,
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

pub(crate) fn positive_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1000.0 => Ok(x),
        _ => Err("expected a budget scale above 0 (at most 1000), such as 0.8".into()),
    }
}

pub(crate) fn run(args: &SweepArgs) -> Result<u8, Failure> {
    let param = match args.param.as_deref() {
        Some("budget.scale") | None => args.param.clone(),
        Some(path) => return run_param(args, path),
    };
    for value in [args.from, args.to] {
        positive_scale(&value.to_string())
            .map_err(|e| Failure::Other(anyhow::anyhow!("--from/--to {value}: {e}")))?;
    }
    if args.to < args.from {
        return Err(Failure::Other(anyhow::anyhow!(
            "--to ({}) must not be below --from ({})",
            args.to,
            args.from
        )));
    }
    let (plan, mut provenance) = load(&args.plan)?;
    let largest = plan.budget.total().to_units() / plan.budget.scale * args.to;
    if largest > crate::money::MAX_UNITS {
        return Err(Failure::Other(anyhow::anyhow!(
            "--to {} would make the total budget {largest:e}, above the limit of {:e}",
            args.to,
            crate::money::MAX_UNITS
        )));
    }
    let scales = sweep::scales(args.from, args.to, args.steps.into());
    let progress = Progress::new(scales.len(), "sweep");
    let points = sweep::sweep(
        &plan,
        &scales,
        &args.limits.options(),
        args.threads.count(),
        || progress.tick(),
    );
    progress.finish();
    args.export.stamp(&mut provenance);
    let mut report = sweep::SweepReport::new(&plan, points, provenance, args.limits.solver);
    if param.is_some() {
        // `--param budget.scale` written out: the points carry their value.
        for point in &mut report.points {
            point.value = Some(point.scale);
        }
        report.param = param;
    }
    print_and_export(args, &report)
}

/// `sweep --param PATH`: one plan per value, each loaded with `--set
/// PATH=VALUE` after the user's own overrides.
fn run_param(args: &SweepArgs, param: &str) -> Result<u8, Failure> {
    if !(args.from.is_finite() && args.to.is_finite()) || args.to < args.from {
        return Err(Failure::Other(anyhow::anyhow!(
            "--to ({}) must not be below --from ({})",
            args.to,
            args.from
        )));
    }
    let values = sweep::scales(args.from, args.to, args.steps.into());
    let (_, mut provenance) = load(&args.plan)?;
    let mut plans = Vec::with_capacity(values.len());
    for &value in &values {
        let mut arg = super::args::PlanArg {
            plan: args.plan.plan.clone(),
            scenarios: args.plan.scenarios.clone(),
            sets: args.plan.sets.clone(),
            as_of: args.plan.as_of.clone(),
        };
        arg.sets.push(format!("{param}={value}"));
        let (plan, _) = load(&arg)?;
        plans.push((value, plan));
    }
    let Some((_, first)) = plans.first() else {
        return Err(Failure::Other(anyhow::anyhow!("no values to sweep")));
    };
    let first = first.clone();
    let progress = Progress::new(plans.len(), "sweep");
    let points = sweep::sweep_plans(plans, &args.limits.options(), args.threads.count(), || {
        progress.tick()
    });
    progress.finish();
    args.export.stamp(&mut provenance);
    let mut report = sweep::SweepReport::new(&first, points, provenance, args.limits.solver);
    report.param = Some(param.to_string());
    print_and_export(args, &report)
}

/// Prints a finished sweep, writes its exports, and gives the exit code:
/// 0 only when every point was solved to proven optimality.
fn print_and_export(args: &SweepArgs, report: &sweep::SweepReport) -> Result<u8, Failure> {
    let text = match args.format {
        Format::Table => render::sweep::table(report),
        Format::Json => render::sweep::json(report),
    };
    emit(&text)?;
    args.export
        .write(|target| crate::export::write_sweep(report, target))?;
    Ok(if report.all_optimal() {
        exit::OK
    } else {
        exit::NOT_SOLVED
    })
}
