//! The command line: clap commands -> library calls -> renderers.
//!
//! This is the only place that prints, chooses exit codes, or turns errors
//! into text for a person. Each command has its own file; this one holds
//! what they share.

/// Writes a line to stderr; a closed stderr is not worth a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod compare;
mod explain;
mod export;
mod generate;
mod progress;
mod report;
mod risk;
mod sensitivity;
mod solve;
mod sweep;

use crate::diagnostic::InvalidInput;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};

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
    Check(args::PlanArg),
    /// Solve a plan and print the schedule.
    Solve(solve::SolveArgs),
    /// Solve the plan at evenly spaced budget scales: readiness against money.
    Sweep(sweep::SweepArgs),
    /// Compare the plan with each scenario and each --set override.
    Compare(compare::CompareArgs),
    /// Raise and lower each year's budget by a step: which years matter most.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Write the review pack: one self-contained HTML file with charts and
    /// tables (two or more --scenario: each scenario is a run of its own).
    Report(report::ReportArgs),
    /// Draw budget futures from the plan's [uncertainty] and solve each:
    /// how likely each goal is, and which buys are no-regret.
    Risk(risk::RiskArgs),
    /// Explain a decision: why an item is or is not bought (--item), or
    /// what closing a goal's gap would cost (--goal).
    Explain(explain::ExplainArgs),
    /// Write a synthetic plan of any size (for tests and benchmarks); the
    /// same seed writes the same file.
    Generate(generate::GenerateArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
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
        Command::Check(args) => solve::check(&args),
        Command::Solve(args) => solve::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Sensitivity(args) => sensitivity::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Risk(args) => risk::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Explain(args) => explain::run(&args),
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
pub(crate) enum Failure {
    Input(InvalidInput),
    Other(anyhow::Error),
}

impl From<InvalidInput> for Failure {
    fn from(e: InvalidInput) -> Failure {
        Failure::Input(e)
    }
}

/// Writes to stdout; a closed pipe (`capplan ... | head`) is not an error.
pub(crate) fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(
            anyhow::Error::new(e).context("cannot write output"),
        )),
    }
}
