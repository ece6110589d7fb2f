//! `capplan sensitivity`: which years' money matters most.

use super::args::{load, LimitArgs, PlanArg, Threads};
use super::export::ExportOnlyArgs;
use super::progress::Progress;
use super::{emit, exit, Failure, Format};
use crate::plan::parse_amount_text;
use crate::render;
use crate::whatif::sensitivity;
use clap::Args;

#[derive(Args, Debug)]
pub(crate) struct SensitivityArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    /// How much to raise and lower each year's money by, e.g. `10M`.
    #[arg(long, default_value = "10M")]
    pub(crate) step: String,
    /// Which money the step moves: `envelope` (as written in
    /// `budget.years`; it reaches the plan as step x capital_share x scale)
    /// or `open` (the money open to the plan, B_y).
    #[arg(long, value_enum, default_value_t = StepMoney::Envelope)]
    pub(crate) of: StepMoney,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) threads: Threads,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) export: ExportOnlyArgs,
}

/// `--of`: which money a step moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StepMoney {
    Envelope,
    Open,
}

impl From<StepMoney> for sensitivity::StepOf {
    fn from(of: StepMoney) -> Self {
        match of {
            StepMoney::Envelope => sensitivity::StepOf::Envelope,
            StepMoney::Open => sensitivity::StepOf::Open,
        }
    }
}

pub(crate) fn run(args: &SensitivityArgs) -> Result<u8, Failure> {
    let step = parse_amount_text(&args.step)
        .ok()
        .filter(|s| s.cents() > 0)
        .ok_or_else(|| {
            Failure::Other(anyhow::anyhow!(
                "--step `{}` is not an amount above 0 such as 10M or 500k",
                args.step
            ))
        })?;
    let (plan, _) = load(&args.plan)?;
    let progress = Progress::new(1 + 2 * plan.horizon_len(), "sensitivity");
    let result = sensitivity::sensitivity_of(
        &plan,
        step,
        args.of.into(),
        &args.limits.options(),
        args.threads.count(),
        || progress.tick(),
    );
    progress.finish();
    let text = match args.format {
        Format::Table => render::sensitivity::table(&plan.name, &plan.currency, &result),
        Format::Json => render::sensitivity::json(&plan.name, &result),
    };
    emit(&text)?;
    args.export.write(|target| {
        crate::export::write_sensitivity(&plan.name, &plan.currency, &result, target)
    })?;
    Ok(if result.all_optimal() {
        exit::OK
    } else {
        exit::NOT_SOLVED
    })
}
