//! File exports (`--export PATH`): the format follows the path, the bytes
//! come from a renderer, and every file is written atomically
//! ([`atomic`]).
//!
//! - `.xlsx`: one workbook with sheets and charts ([`crate::render::xlsx`]);
//! - `.csv`: the order schedule in long form ([`crate::render::csv`]);
//! - a directory (a path ending in `/`, or an existing directory): one CSV
//!   file per table and `provenance.csv`;
//! - `.json`: the same object as `--format json`.
//!
//! This module picks a renderer and writes what it returns; it never
//! computes a figure, and it prints nothing: failures come back as
//! [`ExportError`] for the command line to report.

pub mod atomic;
pub mod cleanup;

use crate::render;
use crate::report::Report;
use crate::whatif::risk::RiskReport;
use crate::whatif::sweep::SweepReport;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    /// One CSV file per table in a directory.
    CsvDirectory,
    Json,
}

/// One `--export` target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub path: PathBuf,
    pub format: ExportFormat,
}

/// The extensions [`Export::parse`] knows, for error messages.
pub const SUPPORTED: &str = ".xlsx (Excel workbook), .csv (order schedule), .json (the JSON \
    result), or a directory ending in `/` (one CSV file per table)";

impl Export {
    /// The target a path names: a directory if it ends in a separator or
    /// already is one, otherwise the format of its extension.
    pub fn parse(path: impl Into<PathBuf>) -> Result<Export, ExportError> {
        let path = path.into();
        let text = path.to_string_lossy();
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let file_format = matches!(extension.as_deref(), Some("xlsx" | "csv" | "json"));
        // An existing directory named like a file (`out.json`) is not taken
        // as a CSV directory: the file write then refuses it by name.
        let directory = text.ends_with('/')
            || text.ends_with(std::path::MAIN_SEPARATOR)
            || (path.is_dir() && !file_format);
        let format = if directory {
            ExportFormat::CsvDirectory
        } else {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match extension.as_deref() {
                Some("xlsx") => ExportFormat::Xlsx,
                Some("csv") => ExportFormat::Csv,
                Some("json") => ExportFormat::Json,
                _ => return Err(ExportError::UnknownFormat { path }),
            }
        };
        Ok(Export { path, format })
    }

    /// [`Export::parse`] for a command-line value.
    pub fn parse_arg(text: &str) -> Result<Export, ExportError> {
        Export::parse(text)
    }
}

/// Why an export was not written.
#[derive(Debug)]
pub enum ExportError {
    /// The path names no format capplan writes.
    UnknownFormat { path: PathBuf },
    /// The directory the file would go in does not exist.
    MissingDirectory { path: PathBuf, directory: PathBuf },
    /// A CSV directory target exists but is not a directory.
    NotADirectory { path: PathBuf },
    /// A file target (`.json`, `.csv`, `.xlsx`, `.html`) is a directory.
    IsADirectory { path: PathBuf },
    /// The file system refused (permissions, disk full, a directory in the
    /// way, ...).
    Write { path: PathBuf, source: io::Error },
    /// The renderer could not produce the file.
    Render {
        path: PathBuf,
        format: ExportFormat,
        message: String,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat { path } => write!(
                f,
                "cannot export to `{}`: unknown format; supported: {SUPPORTED}",
                path.display()
            ),
            ExportError::MissingDirectory { path, directory } => write!(
                f,
                "cannot write `{}`: the directory `{}` does not exist",
                path.display(),
                directory.display()
            ),
            ExportError::NotADirectory { path } => write!(
                f,
                "cannot write CSV files into `{}`: it is not a directory",
                path.display()
            ),
            ExportError::IsADirectory { path } => write!(
                f,
                "cannot write `{}`: it is a directory, but this output is one file; give a file \
                 name, inside it or elsewhere (for --export, a path ending in `/` writes one \
                 CSV file per table into a directory)",
                path.display()
            ),
            ExportError::Write { path, source } => {
                write!(f, "cannot write `{}`: {source}", path.display())
            }
            ExportError::Render {
                path,
                format,
                message,
            } => write!(
                f,
                "cannot write `{}`: the {} output failed: {message}",
                path.display(),
                match format {
                    ExportFormat::Xlsx => "XLSX",
                    ExportFormat::Csv | ExportFormat::CsvDirectory => "CSV",
                    ExportFormat::Json => "JSON",
                }
            ),
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes a solve's report to one target.
pub fn write_report(report: &Report, export: &Export) -> Result<(), ExportError> {
    let path = &export.path;
    let failed = |e: &dyn fmt::Display| render_error(export, e);
    match export.format {
        ExportFormat::Json => atomic::write(path, render::json::render(report).as_bytes()),
        ExportFormat::Xlsx => {
            atomic::write(path, &render::xlsx::report(report).map_err(|e| failed(&e))?)
        }
        ExportFormat::Csv => {
            atomic::write(path, &render::csv::orders(report).map_err(|e| failed(&e))?)
        }
        ExportFormat::CsvDirectory => {
            let mut files = vec![
                ("years.csv", render::csv::years(report)),
                ("orders.csv", render::csv::orders(report)),
                ("goals.csv", render::csv::goals(report)),
                ("phases.csv", render::csv::phases(report)),
                ("cashflow.csv", render::csv::cashflow(report)),
                ("provenance.csv", render::csv::provenance(report)),
            ];
            // Only when the plan leaves or caps a bill after the horizon.
            if report.after_horizon.shown() {
                files.push(("after_horizon.csv", render::csv::after_horizon(report)));
            }
            write_directory(export, files)
        }
    }
}

/// Writes a sweep to one target.
pub fn write_sweep(sweep: &SweepReport, export: &Export) -> Result<(), ExportError> {
    let path = &export.path;
    let failed = |e: &dyn fmt::Display| render_error(export, e);
    match export.format {
        ExportFormat::Json => atomic::write(path, render::sweep::json(sweep).as_bytes()),
        ExportFormat::Xlsx => {
            atomic::write(path, &render::xlsx::sweep(sweep).map_err(|e| failed(&e))?)
        }
        ExportFormat::Csv => atomic::write(
            path,
            &render::csv::sweep_points(sweep).map_err(|e| failed(&e))?,
        ),
        ExportFormat::CsvDirectory => {
            let files = [
                ("points.csv", render::csv::sweep_points(sweep)),
                ("provenance.csv", render::csv::sweep_provenance(sweep)),
            ];
            write_directory(export, files)
        }
    }
}

/// Writes a risk analysis to one target.
pub fn write_risk(risk: &RiskReport, export: &Export) -> Result<(), ExportError> {
    let path = &export.path;
    let failed = |e: &dyn fmt::Display| render_error(export, e);
    match export.format {
        ExportFormat::Json => atomic::write(path, render::risk::json(risk).as_bytes()),
        ExportFormat::Xlsx => {
            atomic::write(path, &render::xlsx::risk(risk).map_err(|e| failed(&e))?)
        }
        ExportFormat::Csv => atomic::write(
            path,
            &render::csv::risk_items(risk).map_err(|e| failed(&e))?,
        ),
        ExportFormat::CsvDirectory => {
            let files = [
                ("milestones.csv", render::csv::risk_milestones(risk)),
                ("items.csv", render::csv::risk_items(risk)),
                ("futures.csv", render::csv::risk_futures(risk)),
                ("provenance.csv", render::csv::risk_provenance(risk)),
            ];
            write_directory(export, files)
        }
    }
}

/// Writes a comparison (`capplan compare`) to one target: the JSON of
/// `--format json`, a workbook (Compare and Moves sheets), `runs.csv`, or
/// a directory of `runs.csv`, `years.csv`, `goals.csv` and `moves.csv`;
/// with `pairwise`, the JSON has the `pairwise` list as printed.
pub fn write_comparison(
    plan: &str,
    comparison: &crate::whatif::compare::Comparison,
    pairwise: bool,
    export: &Export,
) -> Result<(), ExportError> {
    let path = &export.path;
    let failed = |e: &dyn fmt::Display| render_error(export, e);
    match export.format {
        ExportFormat::Json if pairwise => atomic::write(
            path,
            render::compare::json_with_pairs(plan, comparison).as_bytes(),
        ),
        ExportFormat::Json => {
            atomic::write(path, render::compare::json(plan, comparison).as_bytes())
        }
        ExportFormat::Xlsx => atomic::write(
            path,
            &render::xlsx::compare(plan, comparison).map_err(|e| failed(&e))?,
        ),
        ExportFormat::Csv => atomic::write(
            path,
            &render::csv::whatif::compare_runs(comparison).map_err(|e| failed(&e))?,
        ),
        ExportFormat::CsvDirectory => {
            let files = [
                ("runs.csv", render::csv::whatif::compare_runs(comparison)),
                ("years.csv", render::csv::whatif::compare_years(comparison)),
                ("goals.csv", render::csv::whatif::compare_goals(comparison)),
                ("moves.csv", render::csv::whatif::compare_moves(comparison)),
            ];
            write_directory(export, files)
        }
    }
}

/// Writes a budget sensitivity (`capplan sensitivity`) to one target: the
/// JSON of `--format json`, a workbook (Summary and Sensitivity sheets),
/// `sensitivity.csv`, or a directory of `sensitivity.csv` and `base.csv`.
pub fn write_sensitivity(
    plan: &str,
    currency: &str,
    s: &crate::whatif::sensitivity::Sensitivity,
    export: &Export,
) -> Result<(), ExportError> {
    let path = &export.path;
    let failed = |e: &dyn fmt::Display| render_error(export, e);
    match export.format {
        ExportFormat::Json => atomic::write(path, render::sensitivity::json(plan, s).as_bytes()),
        ExportFormat::Xlsx => atomic::write(
            path,
            &render::xlsx::sensitivity(plan, currency, s).map_err(|e| failed(&e))?,
        ),
        ExportFormat::Csv => atomic::write(
            path,
            &render::csv::whatif::sensitivity(s).map_err(|e| failed(&e))?,
        ),
        ExportFormat::CsvDirectory => {
            let files = [
                ("sensitivity.csv", render::csv::whatif::sensitivity(s)),
                ("base.csv", render::csv::whatif::sensitivity_base(s)),
            ];
            write_directory(export, files)
        }
    }
}

fn render_error(export: &Export, e: &dyn fmt::Display) -> ExportError {
    ExportError::Render {
        path: export.path.clone(),
        format: export.format,
        message: e.to_string(),
    }
}

/// Writes the files as one unit ([`atomic::write_directory`]): all of them
/// are rendered first, so a rendering failure writes nothing.
fn write_directory<'n>(
    export: &Export,
    files: impl IntoIterator<Item = (&'n str, Result<Vec<u8>, ::csv::Error>)>,
) -> Result<(), ExportError> {
    let directory = &export.path;
    prepare_directory(directory)?;
    let mut rendered = Vec::new();
    for (name, bytes) in files {
        rendered.push((name, bytes.map_err(|e| render_error(export, &e))?));
    }
    atomic::write_directory(directory, &rendered)
}

fn prepare_directory(directory: &Path) -> Result<(), ExportError> {
    if directory.is_dir() {
        return Ok(());
    }
    if directory.exists() {
        return Err(ExportError::NotADirectory {
            path: directory.to_path_buf(),
        });
    }
    let parent = match directory.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(ExportError::MissingDirectory {
            path: directory.to_path_buf(),
            directory: parent,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(path: &str) -> Option<ExportFormat> {
        Export::parse(path).ok().map(|e| e.format)
    }

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(format_of("review.xlsx"), Some(ExportFormat::Xlsx));
        assert_eq!(format_of("out/REVIEW.XLSX"), Some(ExportFormat::Xlsx));
        assert_eq!(format_of("orders.csv"), Some(ExportFormat::Csv));
        assert_eq!(format_of("result.json"), Some(ExportFormat::Json));
        assert_eq!(format_of("tables/"), Some(ExportFormat::CsvDirectory));
        assert_eq!(
            format_of(&std::env::temp_dir().to_string_lossy()),
            Some(ExportFormat::CsvDirectory)
        );
    }

    #[test]
    fn an_unknown_extension_lists_the_supported_ones() {
        for path in ["review.pdf", "review", "review.xlsx.bak"] {
            match Export::parse(path) {
                Err(e @ ExportError::UnknownFormat { .. }) => {
                    let text = e.to_string();
                    assert!(text.contains(path), "{text}");
                    for ext in [".xlsx", ".csv", ".json", "directory"] {
                        assert!(text.contains(ext), "{text}");
                    }
                }
                other => panic!("{path}: expected an unknown format, got {other:?}"),
            }
        }
    }
}
