//! Inputs that used to pass without a word although they are almost
//! certainly mistakes: a fraction of a unit in the bounds of an item that
//! only comes in whole units, and an id listed twice in `requires` or
//! `phases`. Each is refused with its place. (Sub-cent amounts are refused
//! by the amount reader, odd year keys by the year-key reader, repeated ids
//! in a scenario by the merge.)

use crate::diagnostic::{Diagnostic, Problem, Span};
use crate::plan::reader::Ctx;
use crate::plan::tree::Entry;

/// `min_units` or `max_units` of a whole-unit item must be whole.
pub(super) fn whole_units(entry: Option<&Entry>, units: Option<f64>, cx: &mut Ctx<'_>) {
    let (Some(entry), Some(units)) = (entry, units) else {
        return;
    };
    if units.fract() != 0.0 {
        cx.push(
            Diagnostic::at(
                entry.node.span,
                Problem::FractionalUnits {
                    key: entry.key.clone(),
                    units,
                },
            )
            .with_help(format!(
                "write {} or {}, or set `divisible = true` if the item comes in fractions",
                units.floor(),
                units.ceil()
            )),
        );
    }
}

/// `min_units` above `max_units` can never be met: an input error, not
/// an infeasible plan.
pub(super) fn min_not_above_max(
    min_entry: Option<&Entry>,
    min: Option<f64>,
    max: Option<f64>,
    cx: &mut Ctx<'_>,
) {
    let (Some(entry), Some(min), Some(max)) = (min_entry, min, max) else {
        return;
    };
    if min > max {
        cx.push(
            Diagnostic::at(
                entry.node.span,
                Problem::OutOfRange {
                    key: "min_units".into(),
                    rule: format!("at most max_units ({max})"),
                },
            )
            .with_help("lower `min_units` or raise `max_units`"),
        );
    }
}

/// Each id in a list of references once.
pub(super) fn no_repeats(entry: &Entry, ids: &[(String, Span)], cx: &mut Ctx<'_>) {
    let mut seen = std::collections::HashSet::new();
    for (id, span) in ids {
        if !seen.insert(id.as_str()) {
            cx.push(
                Diagnostic::at(
                    *span,
                    Problem::RepeatedReference {
                        key: entry.key.clone(),
                        id: id.clone(),
                    },
                )
                .with_help("list each id once"),
            );
        }
    }
}
