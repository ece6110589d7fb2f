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
/// `NOT OPTIMAL` with each unproven stage's gap when a schedule is shown
/// ([`unproven_stages`]), or `INFEASIBLE`.
pub fn status_label(report: &crate::report::Report) -> String {
    match status_detail(report) {
        Some(stages) => format!("{} ({stages})", status_word(report)),
        None => status_word(report).to_string(),
    }
}

/// The status alone: `optimal (proven)`, `NOT OPTIMAL` or `INFEASIBLE`.
pub fn status_word(report: &crate::report::Report) -> &'static str {
    use crate::report::Status;
    match report.status {
        Status::Optimal => "optimal (proven)",
        Status::NotOptimal => "NOT OPTIMAL",
        Status::Infeasible => "INFEASIBLE",
    }
}

/// What follows `NOT OPTIMAL` when a schedule is shown: each unproven
/// stage with its gap ([`unproven_stages`]).
pub fn status_detail(report: &crate::report::Report) -> Option<String> {
    let shown = report.status == crate::report::Status::NotOptimal && report.has_schedule();
    shown.then(|| unproven_stages(&report.solver)).flatten()
}

/// The stages a solve left unproven, each with its relative gap when
/// known: "best score gap 0.0955%, least cost gap 7.498%". A stage's
/// gap is relative to its own objective (the score, a cost), so a small
/// gap in the score can come with a larger one in the cost found at it.
/// `None` when every stage on record was proven.
pub fn unproven_stages(solver: &crate::solve::SolverStats) -> Option<String> {
    let stages: Vec<String> = solver
        .stages
        .iter()
        .filter(|s| !s.proven)
        .map(|s| match s.gap {
            Some(gap) => format!("{} gap {}%", s.stage.what(), number(100.0 * gap, 4)),
            None => format!("{} not proven", s.stage.what()),
        })
        .collect();
    (!stages.is_empty()).then(|| stages.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use crate::solve::{second_stage, SolverStats, StageStats};

    fn stage(stage: Stage, proven: bool, gap: Option<f64>) -> StageStats {
        StageStats {
            stage,
            seconds: 0.0,
            build_seconds: 0.0,
            objective: None,
            nodes: 0,
            proven,
            gap,
        }
    }

    #[test]
    fn each_unproven_stage_is_named_with_its_own_gap() {
        let mut solver = SolverStats {
            stages: vec![
                stage(Stage::MaxScore, false, Some(0.000955)),
                stage(second_stage(32.0), false, Some(0.07498)),
            ],
            ..SolverStats::default()
        };
        assert_eq!(
            unproven_stages(&solver).as_deref(),
            Some("best score gap 0.0955%, least cost gap 7.498%")
        );
        // A proven stage is left out; one without a gap says so.
        solver.stages = vec![
            stage(Stage::MaxScore, true, Some(1e-7)),
            stage(second_stage(32.0), false, None),
        ];
        assert_eq!(
            unproven_stages(&solver).as_deref(),
            Some("least cost not proven")
        );
        solver.stages = vec![stage(Stage::MaxScore, true, Some(0.0))];
        assert_eq!(unproven_stages(&solver), None);
    }
}
