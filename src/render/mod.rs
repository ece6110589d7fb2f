//! Renderers: a [`crate::report::Report`] in, text out. They format; they
//! never compute.

pub mod cashflow;
pub mod changes;
pub mod columns;
pub mod compare;
pub mod csv;
pub mod explain;
pub mod format;
pub mod html;
pub mod json;
pub mod risk;
pub mod sensitivity;
pub mod summary;
pub mod sweep;
pub mod table;
pub mod xlsx;

/// A unit count without noise: `5`, `2.5`, `12.74` (the rule of
/// [`format::units`]).
pub fn units(x: f64) -> String {
    format::units(x)
}

/// A number of points or a percentage with at most `digits` decimals.
pub fn number(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The solve's status as the headline shows it: `optimal (proven)`,
/// `NOT OPTIMAL` with the remaining gap when a schedule is shown, or
/// `INFEASIBLE`.
pub fn status_label(report: &crate::report::Report) -> String {
    use crate::report::Status;
    match report.status {
        Status::Optimal => "optimal (proven)".to_string(),
        Status::NotOptimal => match report.solver.gap {
            Some(gap) if report.has_schedule() => {
                format!("NOT OPTIMAL (gap {})", number(100.0 * gap, 4) + "%")
            }
            _ => "NOT OPTIMAL".to_string(),
        },
        Status::Infeasible => "INFEASIBLE".to_string(),
    }
}
