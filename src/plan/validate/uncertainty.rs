//! `[uncertainty]`: the execution share of each year's budget and an
//! optional lasting cut (see [`crate::plan::uncertainty`]).

use super::super::reader::{read_number_where, Ctx, TableReader};
use super::super::tree::Node;
use super::super::uncertainty::{Shock, Triangle, Uncertainty};
use crate::diagnostic::Problem;

pub(crate) const UNCERTAINTY_KEYS: &[&str] = &["execution", "cut"];
pub(crate) const EXECUTION_KEYS: &[&str] = &["low", "mode", "high"];
pub(crate) const CUT_KEYS: &[&str] = &["probability", "share"];

/// Reads `[uncertainty]`; `None` after recording why when it is unsound.
pub(super) fn read_uncertainty(node: &Node, cx: &mut Ctx<'_>) -> Option<Uncertainty> {
    let mut r = TableReader::new(node, "[uncertainty]", UNCERTAINTY_KEYS, cx)?;
    let execution = r.get("execution").map(|e| read_triangle(&e.node, cx));
    let cut = r.get("cut").map(|e| read_shock(&e.node, cx));
    r.finish(cx);
    Some(Uncertainty {
        execution: match execution {
            Some(t) => Some(t?),
            None => None,
        },
        cut: match cut {
            Some(s) => Some(s?),
            None => None,
        },
    })
}

fn share(r: &mut TableReader<'_>, key: &str, cx: &mut Ctx<'_>) -> Option<f64> {
    let entry = r.require(key)?;
    read_number_where(
        entry,
        "a share from 0 to 1",
        |x| (0.0..=1.0).contains(&x),
        cx,
    )
}

fn read_triangle(node: &Node, cx: &mut Ctx<'_>) -> Option<Triangle> {
    let mut r = TableReader::new(node, "uncertainty.execution", EXECUTION_KEYS, cx)?;
    let low = share(&mut r, "low", cx);
    let mode = share(&mut r, "mode", cx);
    let high_entry = r.get("high");
    let high = share(&mut r, "high", cx);
    r.finish(cx);
    let (low, mode, high) = (low?, mode?, high?);
    if !(low <= mode && mode <= high) {
        let span = high_entry.map_or(node.span, |e| e.node.span);
        cx.report(
            span,
            Problem::OutOfRange {
                key: "execution".into(),
                rule: format!("ordered low <= mode <= high (here {low}, {mode}, {high})"),
            },
        );
        return None;
    }
    Some(Triangle { low, mode, high })
}

fn read_shock(node: &Node, cx: &mut Ctx<'_>) -> Option<Shock> {
    let mut r = TableReader::new(node, "uncertainty.cut", CUT_KEYS, cx)?;
    let probability = share(&mut r, "probability", cx);
    let share = share(&mut r, "share", cx);
    r.finish(cx);
    Some(Shock {
        probability: probability?,
        share: share?,
    })
}
