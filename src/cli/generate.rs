//! `capplan generate`: a synthetic plan file of any size, for tests and
//! benchmarks.

use super::{emit, exit, Failure};
use crate::export::atomic;
use crate::generate::{generate, GenerateOptions};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Number of items.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub(crate) items: u32,
    /// Years in the horizon (from 2025).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub(crate) years: u32,
    /// Seed of the random generator: the same seed writes the same file.
    #[arg(long)]
    pub(crate) seed: u64,
    /// Nations sharing the plan, each with its own items and goals, plus
    /// shared alliance goals.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub(crate) nations: u32,
    /// Funding sources besides the national budget (plan format section
    /// 8): a USD grant, a trust fund, a sustainment fund, then again.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub(crate) sources: u32,
    /// Write the plan to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

pub(crate) fn run(args: &GenerateArgs) -> Result<u8, Failure> {
    if args.nations > args.items {
        return Err(Failure::Other(anyhow::anyhow!(
            "--nations ({}) must not exceed --items ({}): every nation needs an item",
            args.nations,
            args.items
        )));
    }
    let text = generate(&GenerateOptions {
        items: args.items as usize,
        years: args.years,
        seed: args.seed,
        nations: args.nations as usize,
        sources: args.sources as usize,
        ..GenerateOptions::default()
    });
    match &args.output {
        None => emit(&text)?,
        Some(path) => {
            atomic::write(path, text.as_bytes()).map_err(|e| Failure::Other(e.into()))?;
            say!("wrote {}", path.display());
        }
    }
    Ok(exit::OK)
}
