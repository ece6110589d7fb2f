//! Arguments shared by several commands: the plan with its overlays, and
//! solver limits.

use super::Failure;
use crate::plan::Plan;
use crate::provenance::Provenance;
use crate::scenario::{self, Overlays};
use crate::solve::{Backend, SolveOptions};
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args, Debug)]
pub(crate) struct PlanArg {
    /// The plan file (TOML).
    pub(crate) plan: PathBuf,
    /// A scenario file overlaid on the plan (repeatable, applied in order).
    #[arg(long = "scenario", value_name = "FILE")]
    pub(crate) scenarios: Vec<PathBuf>,
    /// Set one value after the scenarios, e.g. `budget.years.2026=150M`
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub(crate) sets: Vec<String>,
    #[command(flatten)]
    pub(crate) as_of: AsOfArgs,
}

impl PlanArg {
    pub(crate) fn overlays(&self) -> Overlays {
        Overlays {
            scenarios: self.scenarios.clone(),
            sets: self.sets.clone(),
            as_of: self.as_of.as_of,
        }
    }
}

/// Planning from an as-of year against an approved programme (plan format
/// section 7).
#[derive(Args, Debug, Clone, Default)]
pub(crate) struct AsOfArgs {
    /// The first year still open to decisions; earlier years are history,
    /// their orders pinned (overrides `[plan] as_of`).
    #[arg(long = "as-of", value_name = "YEAR")]
    pub(crate) as_of: Option<i32>,
    /// The approved programme: a capplan JSON result whose orders pin
    /// history and which the schedule keeps close to (overrides
    /// `[plan] baseline`).
    #[arg(long = "baseline", value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
}

#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct LimitArgs {
    /// Stop the solver after this many seconds and report the best schedule
    /// found as not optimal.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = positive_seconds)]
    pub(crate) time_limit: f64,
    /// Relative MIP gap at which a solve counts as optimal.
    #[arg(long, default_value_t = 1e-6, value_parser = gap_value)]
    pub(crate) gap: f64,
    /// The MILP solver: microlp (pure Rust, built in: capplan's branch and
    /// bound over microlp's LP), microlp-native (microlp's own branch and
    /// bound) or highs (for large plans; needs a build with `--features
    /// highs`).
    #[arg(
        long,
        value_name = "microlp|microlp-native|highs",
        env = "CAPPLAN_SOLVER",
        default_value = "microlp",
        value_parser = solver_value
    )]
    pub(crate) solver: Backend,
}

impl LimitArgs {
    pub(crate) fn options(self) -> SolveOptions {
        SolveOptions {
            time_limit: Duration::from_secs_f64(self.time_limit),
            gap: self.gap,
            backend: self.solver,
        }
    }
}

pub(crate) fn solver_value(text: &str) -> Result<Backend, String> {
    let backend = match text {
        "microlp" => Backend::Microlp,
        "microlp-native" => Backend::MicrolpNative,
        "highs" => Backend::Highs,
        _ => return Err("expected `microlp`, `microlp-native` or `highs`".into()),
    };
    if backend.is_built() {
        Ok(backend)
    } else {
        Err(crate::solve::HIGHS_NOT_BUILT.into())
    }
}

pub(crate) fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1e6 => Ok(x),
        _ => Err("expected a number of seconds above 0 (at most 1000000)".into()),
    }
}

pub(crate) fn gap_value(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a relative gap from 0 to 1, such as 1e-6".into()),
    }
}

/// How many solves run at once.
#[derive(Args, Debug, Clone, Copy)]
pub(crate) struct Threads {
    /// Solves to run at once (default: one per core). The result does not
    /// depend on it.
    #[arg(long = "threads", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub(crate) threads: Option<u16>,
}

impl Threads {
    /// The count, or `None` for one per core.
    pub(crate) fn count(self) -> Option<usize> {
        self.threads.map(usize::from)
    }
}

/// Loads the plan with its overlays; also returns where it came from.
pub(crate) fn load(arg: &PlanArg) -> Result<(Plan, Provenance), Failure> {
    let (mut plan, mut sources) = scenario::load_plan(&arg.plan, &arg.overlays())?;
    crate::baseline::settle(&mut plan, arg.as_of.baseline.as_deref(), &mut sources)?;
    let provenance = Provenance::new(
        arg.plan.display().to_string(),
        arg.scenarios
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        arg.sets.clone(),
        &sources,
    );
    Ok((plan, provenance))
}
