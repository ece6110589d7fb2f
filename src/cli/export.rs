//! `--export` and `--stamp`: files written beside what a command prints.

use super::Failure;
use crate::export::{Export, ExportError};
use crate::provenance::Provenance;
use clap::Args;

#[derive(Args, Debug)]
pub(crate) struct ExportArgs {
    /// Also write the result to PATH, in the format its name gives: .xlsx
    /// (workbook with charts), .csv (order schedule), .json, or a directory
    /// ending in `/` (one CSV file per table). Repeatable.
    #[arg(long = "export", value_name = "PATH", value_parser = Export::parse_arg)]
    pub(crate) exports: Vec<Export>,
    /// Record the generation time in the result and its exports (without
    /// it, the same input gives the same bytes).
    #[arg(long)]
    pub(crate) stamp: bool,
}

impl ExportArgs {
    /// Stamps the provenance with the current time, if asked to.
    pub(crate) fn stamp(&self, provenance: &mut Provenance) {
        if self.stamp {
            provenance.stamp();
        }
    }

    /// Writes every export ([`write_each`]).
    pub(crate) fn write(
        &self,
        write: impl Fn(&Export) -> Result<(), ExportError>,
    ) -> Result<(), Failure> {
        write_each(&self.exports, write)
    }
}

/// `--export` alone, for results without provenance to stamp (`compare`,
/// `sensitivity`).
#[derive(Args, Debug)]
pub(crate) struct ExportOnlyArgs {
    /// Also write the result to PATH, in the format its name gives: .xlsx
    /// (workbook), .csv (the main table), .json (the JSON result), or a
    /// directory ending in `/` (one CSV file per table). Repeatable.
    #[arg(long = "export", value_name = "PATH", value_parser = Export::parse_arg)]
    pub(crate) exports: Vec<Export>,
}

impl ExportOnlyArgs {
    /// Writes every export ([`write_each`]).
    pub(crate) fn write(
        &self,
        write: impl Fn(&Export) -> Result<(), ExportError>,
    ) -> Result<(), Failure> {
        write_each(&self.exports, write)
    }
}

/// Writes every export in order; stops at the first that fails, leaving
/// the files already written complete.
fn write_each(
    exports: &[Export],
    write: impl Fn(&Export) -> Result<(), ExportError>,
) -> Result<(), Failure> {
    for export in exports {
        write(export).map_err(|e| Failure::Other(e.into()))?;
    }
    Ok(())
}
