//! `capplan explain`: why an item is or is not bought, and what closing a
//! goal's gap would cost (plan format, section 9).

use super::args::{load, LimitArgs, PlanArg};
use super::solve::{exit_code, explain_on_stderr};
use super::{emit, exit, Failure, Format};
use crate::explain::{find_goal, find_item, goal, item};
use crate::render;
use crate::report::{Report, Status};
use clap::Args;
use std::io::Write;

#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub(crate) plan: PlanArg,
    /// Explain the decision on this item: the optimum against the best
    /// schedule with the opposite decision.
    #[arg(
        long,
        value_name = "ID",
        conflicts_with = "goal",
        required_unless_present = "goal"
    )]
    pub(crate) item: Option<String>,
    /// Explain this goal's gap: the least extra money that reaches its
    /// target.
    #[arg(long, value_name = "ID")]
    pub(crate) goal: Option<String>,
    /// The goal's milestone year (default: its first milestone below
    /// target).
    #[arg(long, value_name = "YEAR", requires = "goal")]
    pub(crate) year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

pub(crate) fn run(args: &ExplainArgs) -> Result<u8, Failure> {
    let (plan, provenance) = load(&args.plan)?;
    let options = args.limits.options();
    let bad = |e: crate::explain::ExplainError| Failure::Other(anyhow::Error::new(e));
    if let Some(id) = &args.item {
        let i = find_item(&plan, id).map_err(bad)?;
        return match item::explain_item(&plan, i, &options) {
            Ok(e) => {
                emit(&match args.format {
                    Format::Table => render::explain::item_table(&e),
                    Format::Json => render::explain::item_json(&e),
                })?;
                Ok(if e.proven { exit::OK } else { exit::NOT_SOLVED })
            }
            Err(report) => unsolved(*report, provenance, args.format),
        };
    }
    let Some(id) = &args.goal else {
        return Err(Failure::Other(anyhow::anyhow!(
            "give --item ID or --goal ID"
        )));
    };
    let g = find_goal(&plan, id).map_err(bad)?;
    if let Some(year) = args.year {
        if !plan.goals[g].milestones.iter().any(|m| m.year == year) {
            return Err(bad(crate::explain::ExplainError::NotAMilestone {
                goal: id.clone(),
                year,
                years: plan.goals[g].milestones.iter().map(|m| m.year).collect(),
            }));
        }
    }
    match goal::explain_goal(&plan, g, args.year, &options) {
        Ok(e) => {
            emit(&match args.format {
                Format::Table => render::explain::goal_table(&e),
                Format::Json => render::explain::goal_json(&e),
            })?;
            if let Some(note) = &e.note {
                if e.status != Status::Optimal {
                    say!("note: {note}");
                }
            }
            Ok(match e.status {
                Status::NotOptimal => exit::NOT_SOLVED,
                Status::Optimal | Status::Infeasible => exit::OK,
            })
        }
        Err(report) => unsolved(*report, provenance, args.format),
    }
}

/// The plan itself has no schedule: say so as `solve` would, exit 1.
fn unsolved(
    mut report: Report,
    provenance: crate::provenance::Provenance,
    format: Format,
) -> Result<u8, Failure> {
    report.provenance = provenance;
    emit(&match format {
        Format::Table => render::table::render(&report),
        Format::Json => render::json::render(&report),
    })?;
    explain_on_stderr(&report);
    Ok(exit_code(&report))
}
