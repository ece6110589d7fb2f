//! Causes of infeasibility: the hard requirements whose removal alone
//! makes an infeasible plan feasible (plan format, section 9).
//!
//! The groups tested are an item's fixed orders, an item's `min_units`,
//! and, under `min-cost`, each milestone target. Each is tested by removing
//! it from a copy of the plan and asking whether any schedule then keeps
//! every rule ([`is_feasible`]: a model with no objective, so the solver
//! stops at its first schedule). At most [`MAX_CAUSE_CHECKS`] groups are
//! tested, in file order; the rest are counted, not guessed. This module
//! only tests removals; it never changes the plan a report is about.

use crate::diagnostic::Location;
use crate::plan::{Objective, Plan};
use crate::solve::{is_feasible, SolveOptions};
use std::time::Duration;

/// The most groups of requirements tested for one infeasible plan.
pub const MAX_CAUSE_CHECKS: usize = 40;

/// The longest one feasibility test may take.
const CHECK_TIME_LIMIT: Duration = Duration::from_secs(5);

/// What kind of hard requirement a cause is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CauseKind {
    /// All fixed orders of one item.
    Fixed,
    /// One item's `min_units`.
    MinUnits,
    /// One `min-cost` milestone target.
    Target,
}

impl CauseKind {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            CauseKind::Fixed => "fixed",
            CauseKind::MinUnits => "min_units",
            CauseKind::Target => "target",
        }
    }
}

/// A group of hard requirements whose removal alone makes the plan feasible.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    pub kind: CauseKind,
    /// The item (fixed orders, `min_units`) or goal (target) id.
    pub id: String,
    /// The fixed orders' first year, or the milestone year; `None` for
    /// `min_units`.
    pub year: Option<i32>,
    /// Every fixed order's year (fixed orders only).
    pub years: Vec<i32>,
    /// The units (fixed total, `min_units`) or points (target) required.
    pub amount: f64,
    /// Where the requirement is written.
    pub at: Location,
}

impl Cause {
    /// The cause in words, for stderr and reports.
    pub fn sentence(&self) -> String {
        let what = match self.kind {
            CauseKind::Fixed => {
                let years: Vec<String> = self.years.iter().map(|y| y.to_string()).collect();
                let noun = if self.amount == 1.0 { "unit" } else { "units" };
                format!(
                    "dropping the fixed orders of `{}` ({} {noun} in {})",
                    self.id,
                    trim(self.amount),
                    years.join(", ")
                )
            }
            CauseKind::MinUnits => {
                format!(
                    "dropping the `{}` minimum of {}",
                    self.id,
                    trim(self.amount)
                )
            }
            CauseKind::Target => format!(
                "dropping the {} target of `{}` ({} points)",
                self.year.unwrap_or_default(),
                self.id,
                trim(self.amount)
            ),
        };
        let place = if self.at.file.starts_with("--set") {
            format!("set by {}", self.at.file)
        } else {
            format!("line {} of {}", self.at.line, self.at.file)
        };
        format!("{what} ({place}) would make the plan feasible")
    }
}

/// The causes found, and how many groups could not be tested.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Causes {
    pub causes: Vec<Cause>,
    /// Groups tested.
    pub tested: usize,
    /// Groups left untested (beyond [`MAX_CAUSE_CHECKS`]) or whose test ran
    /// out of time.
    pub untested: usize,
}

impl Causes {
    /// The findings in words: one sentence per cause, and what was not
    /// tested.
    pub fn sentences(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.causes.iter().map(Cause::sentence).collect();
        if self.tested > 0 && self.causes.is_empty() {
            lines.push(format!(
                "no single requirement (an item's fixed orders, its `min_units`, a `min-cost` target) makes the plan infeasible alone; {} tested",
                self.tested
            ));
        }
        if self.untested > 0 {
            lines.push(format!(
                "{} further requirement groups were not tested (at most {MAX_CAUSE_CHECKS} tests of {} s each)",
                self.untested,
                CHECK_TIME_LIMIT.as_secs()
            ));
        }
        lines
    }
}

/// One group of requirements and the plan without it.
struct Candidate {
    cause: Cause,
    without: Plan,
}

/// Tests each group of hard requirements of an infeasible plan.
pub fn find(plan: &Plan, options: &SolveOptions) -> Causes {
    let candidates = candidates(plan);
    let mut found = Causes::default();
    let options = SolveOptions {
        time_limit: options.time_limit.min(CHECK_TIME_LIMIT),
        ..*options
    };
    for (k, candidate) in candidates.into_iter().enumerate() {
        if k >= MAX_CAUSE_CHECKS {
            found.untested += 1;
            continue;
        }
        match is_feasible(&candidate.without, &options) {
            Some(true) => {
                found.tested += 1;
                found.causes.push(candidate.cause);
            }
            Some(false) => found.tested += 1,
            None => found.untested += 1,
        }
    }
    found
}

/// The groups worth testing, in file order: items' fixed orders and
/// minimums (a minimum the fixed orders already meet binds nothing), then
/// `min-cost` milestones by goal.
fn candidates(plan: &Plan) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, item) in plan.items.iter().enumerate() {
        if let Some(first) = item.fixed.first() {
            let mut without = plan.clone();
            without.items[i].fixed.clear();
            out.push(Candidate {
                cause: Cause {
                    kind: CauseKind::Fixed,
                    id: item.id.clone(),
                    year: Some(first.year),
                    years: item.fixed.iter().map(|f| f.year).collect(),
                    amount: item.fixed_total(),
                    at: first.at.clone(),
                },
                without,
            });
        }
        if item.min_units > item.fixed_total() + 1e-9 {
            let mut without = plan.clone();
            without.items[i].min_units = 0.0;
            out.push(Candidate {
                cause: Cause {
                    kind: CauseKind::MinUnits,
                    id: item.id.clone(),
                    year: None,
                    years: Vec::new(),
                    amount: item.min_units,
                    at: item.min_units_at.clone().unwrap_or_else(|| item.at.clone()),
                },
                without,
            });
        }
    }
    if plan.objective == Objective::MinCost {
        for (g, goal) in plan.goals.iter().enumerate() {
            for (m, milestone) in goal.milestones.iter().enumerate() {
                let mut without = plan.clone();
                without.goals[g].milestones.remove(m);
                out.push(Candidate {
                    cause: Cause {
                        kind: CauseKind::Target,
                        id: goal.id.clone(),
                        year: Some(milestone.year),
                        years: Vec::new(),
                        amount: milestone.target,
                        at: milestone.at.clone(),
                    },
                    without,
                });
            }
        }
    }
    out
}

fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Items whose prerequisites alone make the plan infeasible: for each item
/// that requires others, the plan without its `requires` is tested. Named
/// with the item's line and the prerequisites' lines.
pub fn prerequisite_reasons(plan: &Plan, options: &SolveOptions) -> Vec<String> {
    let options = SolveOptions {
        time_limit: options.time_limit.min(CHECK_TIME_LIMIT),
        ..*options
    };
    let mut reasons = Vec::new();
    let with_requires = plan
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| !item.requires.is_empty());
    for (i, item) in with_requires.take(MAX_CAUSE_CHECKS) {
        let mut without = plan.clone();
        without.items[i].requires.clear();
        if is_feasible(&without, &options) == Some(true) {
            let names: Vec<String> = item
                .requires
                .iter()
                .map(|&j| format!("`{}` ({})", plan.items[j].id, plan.items[j].at))
                .collect();
            reasons.push(format!(
                "`{}` ({}) requires {} delivered before each of its orders, which no schedule can do; without that prerequisite the plan is feasible",
                item.id,
                item.at,
                names.join(", ")
            ));
        }
    }
    reasons
}
