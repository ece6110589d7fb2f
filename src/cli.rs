//! The command line: clap commands -> library calls -> renderers.
//!
//! This is the only place that prints, chooses exit codes, or turns errors
//! into text for a person.

use crate::diagnostic::InvalidInput;
use crate::plan::Plan;
use crate::render;
use crate::report::{Report, Status};
use crate::scenario::{self, Overlays};
use crate::solve::SolveOptions;
use crate::whatif::sweep;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Writes a line to stderr; a closed stderr is not worth a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Exit codes (plan format, section 4).
pub mod exit {
    pub const OK: u8 = 0;
    pub const NOT_SOLVED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
}

#[derive(Parser, Debug)]
#[command(
    name = "capplan",
    version,
    about = "Plan defence capability and modernisation: schedule orders and payments inside each year's budget."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a plan and summarise its inputs.
    Check(PlanArg),
    /// Solve a plan and print the schedule.
    Solve(SolveArgs),
    /// Solve the plan at evenly spaced budget scales: readiness against money.
    Sweep(SweepArgs),
}

#[derive(Args, Debug)]
struct PlanArg {
    /// The plan file (TOML).
    plan: PathBuf,
    /// A scenario file overlaid on the plan (repeatable, applied in order).
    #[arg(long = "scenario", value_name = "FILE")]
    scenarios: Vec<PathBuf>,
    /// Set one value after the scenarios, e.g. `budget.years.2026=150M`
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    sets: Vec<String>,
}

impl PlanArg {
    fn overlays(&self) -> Overlays {
        Overlays {
            scenarios: self.scenarios.clone(),
            sets: self.sets.clone(),
        }
    }
}

#[derive(Args, Debug)]
struct SolveArgs {
    #[command(flatten)]
    plan: PlanArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args, Debug)]
struct SweepArgs {
    #[command(flatten)]
    plan: PlanArg,
    /// Smallest budget scale.
    #[arg(long, default_value_t = 0.5, value_parser = positive_scale)]
    from: f64,
    /// Largest budget scale.
    #[arg(long, default_value_t = 1.5, value_parser = positive_scale)]
    to: f64,
    /// Number of scales, both ends included.
    #[arg(long, default_value_t = 11, value_parser = clap::value_parser!(u16).range(1..=1000))]
    steps: u16,
    /// Solves to run at once (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    limits: LimitArgs,
}

fn positive_scale(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1000.0 => Ok(x),
        _ => Err("expected a budget scale above 0 (at most 1000), such as 0.8".into()),
    }
}

#[derive(Args, Debug, Clone, Copy)]
struct LimitArgs {
    /// Stop the solver after this many seconds and report the best schedule
    /// found as not optimal.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = positive_seconds)]
    time_limit: f64,
    /// Relative MIP gap at which a solve counts as optimal.
    #[arg(long, default_value_t = 1e-6, value_parser = gap_value)]
    gap: f64,
}

impl LimitArgs {
    fn options(self) -> SolveOptions {
        SolveOptions {
            time_limit: Duration::from_secs_f64(self.time_limit),
            gap: self.gap,
        }
    }
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1e6 => Ok(x),
        _ => Err("expected a number of seconds above 0 (at most 1000000)".into()),
    }
}

fn gap_value(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a relative gap from 0 to 1, such as 1e-6".into()),
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::OK
            };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Solve(args) => solve_command(&args),
        Command::Sweep(args) => sweep_command(&args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Input(invalid)) => {
            say!("{}", invalid.render(std::io::stderr().is_terminal()));
            exit::BAD_INPUT
        }
        Err(Failure::Other(e)) => {
            say!("error: {e:#}");
            exit::BAD_INPUT
        }
    }
}

/// Why a command could not produce its output.
enum Failure {
    Input(InvalidInput),
    Other(anyhow::Error),
}

impl From<InvalidInput> for Failure {
    fn from(e: InvalidInput) -> Failure {
        Failure::Input(e)
    }
}

fn load(arg: &PlanArg) -> Result<Plan, Failure> {
    let (plan, _sources) = scenario::load_plan(&arg.plan, &arg.overlays())?;
    Ok(plan)
}

fn check(args: &PlanArg) -> Result<u8, Failure> {
    let plan = load(args)?;
    emit(&render::summary::render(
        &plan,
        &args.plan.display().to_string(),
    ))?;
    Ok(exit::OK)
}

fn solve_command(args: &SolveArgs) -> Result<u8, Failure> {
    let plan = load(&args.plan)?;
    let report = crate::solve_report(&plan, &args.limits.options());
    let text = match args.format {
        Format::Table => render::table::render(&report),
        Format::Json => render::json::render(&report),
    };
    emit(&text)?;
    explain_on_stderr(&report);
    Ok(exit_code(&report))
}

fn sweep_command(args: &SweepArgs) -> Result<u8, Failure> {
    if args.to < args.from {
        return Err(Failure::Other(anyhow::anyhow!(
            "--to ({}) must not be below --from ({})",
            args.to,
            args.from
        )));
    }
    let plan = load(&args.plan)?;
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
        args.threads.map(usize::from),
        || progress.tick(),
    );
    progress.finish();
    let text = match args.format {
        Format::Table => render::sweep::table(&plan.name, &plan.currency, &points),
        Format::Json => render::sweep::json(&plan.name, &points),
    };
    emit(&text)?;
    let all_solved = points.iter().all(|p| p.status == Status::Optimal);
    Ok(if all_solved {
        exit::OK
    } else {
        exit::NOT_SOLVED
    })
}

/// A progress bar on stderr, shown only when stderr is a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(len: usize, what: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} solves")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        Progress(Some(bar))
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn exit_code(report: &Report) -> u8 {
    match report.status {
        Status::Optimal => exit::OK,
        Status::NotOptimal | Status::Infeasible => exit::NOT_SOLVED,
    }
}

fn explain_on_stderr(report: &Report) {
    match report.status {
        Status::Optimal => {}
        Status::Infeasible => {
            say!("error: the plan `{}` is infeasible", report.plan);
            if let Some(relaxation) = &report.relaxation {
                for finding in relaxation.findings() {
                    say!("  - {finding}");
                }
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
            } else {
                say!(
                    "warning: the schedule is not proven optimal (the time limit ran out); gap {}",
                    report
                        .solver
                        .gap
                        .map_or("unknown".into(), |g| format!("{:.4}%", 100.0 * g))
                );
            }
        }
    }
}

/// Writes to stdout; a closed pipe (`capplan ... | head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(
            anyhow::Error::new(e).context("cannot write output"),
        )),
    }
}
