//! `capplan compare`: the base plan against each scenario and each `--set`
//! override, one column per run; `--variant` runs several overlays
//! together ([`crate::whatif::variant`]), `--combined` all of the
//! `--scenario` and `--set` ones together, and `--against` compares every
//! run with another than the base.

use super::args::{AsOfArgs, LimitArgs, Threads};
use super::export::ExportOnlyArgs;
use super::progress::Progress;
use super::{emit, exit, Failure, Format};
use crate::plan::Plan;
use crate::render;
use crate::report::Status;
use crate::scenario::{self, Overlays};
use crate::whatif::compare;
use crate::whatif::variant::Variant;
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
    /// A run with several overlays together: scenario files and PATH=VALUE
    /// overrides separated by ` + ` or `;`, optionally named with a
    /// leading `NAME: `, e.g. "late UH-60: item.uh60.latest=2028;
    /// item.uh60.min_units=2" (repeatable; one run each).
    #[arg(long = "variant", value_name = "SPEC", value_parser = Variant::parse_arg)]
    pub(crate) variants: Vec<Variant>,
    /// One more run, named `combined`, with every --scenario and --set
    /// together (scenarios first, then overrides, in the order given).
    #[arg(long)]
    pub(crate) combined: bool,
    /// Compare every run with this one instead of the base: `base`, a
    /// scenario file or `--set` run as labelled, or a variant's name.
    #[arg(long, value_name = "NAME")]
    pub(crate) against: Option<String>,
    /// Also show every pair of runs: the difference in readiness, national
    /// cost, total cost and payments after the horizon.
    #[arg(long)]
    pub(crate) pairwise: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) as_of: AsOfArgs,
    #[command(flatten)]
    pub(crate) threads: Threads,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) export: ExportOnlyArgs,
}

impl CompareArgs {
    /// The runs: the base, then one per scenario, then one per override.
    fn variants(&self) -> Vec<(String, Overlays)> {
        let mut runs = vec![(
            "base".to_string(),
            Overlays {
                as_of: self.as_of.as_of,
                ..Overlays::default()
            },
        )];
        for s in &self.scenarios {
            runs.push((
                s.display().to_string(),
                Overlays {
                    scenarios: vec![s.clone()],
                    sets: Vec::new(),
                    as_of: self.as_of.as_of,
                },
            ));
        }
        for set in &self.sets {
            runs.push((
                format!("--set {set}"),
                Overlays {
                    scenarios: Vec::new(),
                    sets: vec![set.clone()],
                    as_of: self.as_of.as_of,
                },
            ));
        }
        for v in &self.variants {
            runs.push((
                v.name.clone(),
                Overlays {
                    scenarios: v.scenarios.clone(),
                    sets: v.sets.clone(),
                    as_of: self.as_of.as_of,
                },
            ));
        }
        if self.combined {
            runs.push((
                "combined".to_string(),
                Overlays {
                    scenarios: self.scenarios.clone(),
                    sets: self.sets.clone(),
                    as_of: self.as_of.as_of,
                },
            ));
        }
        runs
    }

    /// The index of the `--against` run among the labels (0, the base,
    /// without it).
    fn reference(&self, labels: &[&str]) -> Result<usize, Failure> {
        let Some(name) = &self.against else {
            return Ok(0);
        };
        if let Some(k) = labels.iter().position(|l| *l == name) {
            return Ok(k);
        }
        let hint = crate::suggest::closest(name, labels.iter().copied())
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        Err(Failure::Other(anyhow::anyhow!(
            "--against `{name}` names no run{hint} (runs: {})",
            labels
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

pub(crate) fn run(args: &CompareArgs) -> Result<u8, Failure> {
    let mut plans: Vec<(String, Plan)> = Vec::new();
    for (label, overlays) in args.variants() {
        let (mut plan, mut sources) = scenario::load_plan(&args.plan, &overlays)?;
        crate::baseline::settle(&mut plan, args.as_of.baseline.as_deref(), &mut sources)?;
        plans.push((label, plan));
    }
    if plans.len() < 2 {
        return Err(Failure::Other(anyhow::anyhow!(
            "nothing to compare: give at least one --scenario FILE, --set PATH=VALUE or \
             --variant SPEC"
        )));
    }
    let labels: Vec<&str> = plans.iter().map(|(l, _)| l.as_str()).collect();
    let reference = args.reference(&labels)?;
    let name = plans[0].1.name.clone();
    let progress = Progress::new(plans.len(), "compare");
    // Variants are tie-broken against the base run's schedule, unless
    // `--baseline` names the programme to keep close to.
    let tie_break = if args.as_of.baseline.is_some() {
        compare::TieBreak::Baseline
    } else {
        compare::TieBreak::BaseRun
    };
    let comparison = compare::compare_against(
        plans,
        &args.limits.options(),
        args.threads.count(),
        tie_break,
        reference,
        || progress.tick(),
    );
    progress.finish();
    let text = match args.format {
        Format::Table if args.pairwise => {
            render::compare::table(&name, &comparison)
                + &render::compare::pairwise_table(&comparison)
        }
        Format::Table => render::compare::table(&name, &comparison),
        Format::Json if args.pairwise => render::compare::json_with_pairs(&name, &comparison),
        Format::Json => render::compare::json(&name, &comparison),
    };
    emit(&text)?;
    args.export.write(|target| {
        crate::export::write_comparison(&name, &comparison, args.pairwise, target)
    })?;
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
