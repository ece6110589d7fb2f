//! `[uncertainty]`: the execution share of each year's budget, an
//! optional lasting cut, and spreads on grants and exchange rates (see
//! [`crate::plan::uncertainty`]).

use super::super::reader::{read_number_where, Ctx, TableReader};
use super::super::tree::Node;
use super::super::uncertainty::{Shock, Triangle, Uncertainty};
use crate::diagnostic::Problem;

pub(crate) const UNCERTAINTY_KEYS: &[&str] = &["execution", "cut", "grants", "fx"];
pub(crate) const EXECUTION_KEYS: &[&str] = &["low", "mode", "high"];
pub(crate) const CUT_KEYS: &[&str] = &["probability", "share"];

/// Reads `[uncertainty]`; `None` after recording why when it is unsound.
pub(super) fn read_uncertainty(node: &Node, cx: &mut Ctx<'_>) -> Option<Uncertainty> {
    let mut r = TableReader::new(node, "[uncertainty]", UNCERTAINTY_KEYS, cx)?;
    let execution = r
        .get("execution")
        .map(|e| read_triangle(&e.node, "execution", Bound::Share, cx));
    let cut = r.get("cut").map(|e| read_shock(&e.node, cx));
    let grants = r
        .get("grants")
        .map(|e| read_triangle(&e.node, "grants", Bound::Share, cx));
    let fx = r
        .get("fx")
        .map(|e| read_triangle(&e.node, "fx", Bound::Factor, cx));
    r.finish(cx);
    Some(Uncertainty {
        execution: sound(execution)?,
        cut: sound(cut)?,
        grants: sound(grants)?,
        fx: sound(fx)?,
    })
}

/// An optional table read: absent is fine (`Some(None)`), present and
/// unsound is not (`None`).
fn sound<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    read.map_or(Some(None), |value| value.map(Some))
}

/// What a triangle's corners may be: shares of money (0 to 1), or factors
/// on a rate (above 0, at most 10).
#[derive(Clone, Copy)]
enum Bound {
    Share,
    Factor,
}

fn corner(r: &mut TableReader<'_>, key: &str, bound: Bound, cx: &mut Ctx<'_>) -> Option<f64> {
    match bound {
        Bound::Share => share(r, key, cx),
        Bound::Factor => {
            let entry = r.require(key)?;
            read_number_where(
                entry,
                "a factor above 0 and at most 10",
                |x| x > 0.0 && x <= 10.0,
                cx,
            )
        }
    }
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

fn read_triangle(node: &Node, key: &str, bound: Bound, cx: &mut Ctx<'_>) -> Option<Triangle> {
    let table = format!("uncertainty.{key}");
    let mut r = TableReader::new(node, &table, EXECUTION_KEYS, cx)?;
    let low = corner(&mut r, "low", bound, cx);
    let mode = corner(&mut r, "mode", bound, cx);
    let high_entry = r.get("high");
    let high = corner(&mut r, "high", bound, cx);
    r.finish(cx);
    let (low, mode, high) = (low?, mode?, high?);
    if !(low <= mode && mode <= high) {
        let span = high_entry.map_or(node.span, |e| e.node.span);
        cx.report(
            span,
            Problem::OutOfRange {
                key: key.into(),
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
