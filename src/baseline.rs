//! The approved programme: a capplan JSON result read back as a baseline.
//!
//! Plan format section 7: `[plan] baseline` (relative to the file that
//! writes it) or `--baseline FILE` names a capplan JSON result; its
//! `orders[]` (`item`, `year`, `units`) are the approved programme. They pin
//! history orders where the plan has no `fixed` entry, and the stability
//! stage keeps open years close to them. This module reads and checks the
//! file, and nothing else: every problem (not JSON, not a capplan result,
//! an item the plan does not have, a year outside the horizon, fractional
//! units of a whole-unit item) is a diagnostic pointing into the file,
//! exit 2. It never looks at the result's money or goals: the baseline is
//! priced again under the plan being solved.

use crate::diagnostic::{Diagnostic, InvalidInput, Location, Problem, SourceMap, Span};
use crate::plan::history::pin_history;
use crate::plan::Plan;
use crate::suggest;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One order of the approved programme, with where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineOrder {
    pub item: String,
    pub year: i32,
    pub units: f64,
    pub span: Span,
}

/// Reads the baseline named on the command line or by `[plan] baseline`
/// (if either), sets [`Plan::baseline`], and pins history
/// ([`pin_history`]). `cli` wins over the key.
pub fn settle(
    plan: &mut Plan,
    cli: Option<&Path>,
    sources: &mut SourceMap,
) -> Result<(), InvalidInput> {
    let path = match (cli, &plan.baseline_key) {
        (Some(path), _) => Some(path.to_path_buf()),
        (None, Some((written, at))) => Some(relative_to(written, at)),
        (None, None) => None,
    };
    let mut at = Location {
        file: String::new(),
        line: 1,
        column: 1,
    };
    if let Some(path) = path {
        let result =
            read(&path, sources).and_then(|orders| units_for(plan, &orders, &path, sources));
        match result {
            Ok(units) => plan.baseline = Some(units),
            Err(diagnostics) => return Err(InvalidInput::new(diagnostics, sources.clone())),
        }
        at.file = path.display().to_string();
    }
    pin_history(plan, &at);
    Ok(())
}

/// A path written in a plan or scenario file, taken relative to that
/// file's folder (to the working folder when written in a `--set`).
fn relative_to(written: &str, at: &Location) -> PathBuf {
    let path = Path::new(written);
    if path.is_absolute() || at.file.starts_with("--set ") {
        return path.to_path_buf();
    }
    match Path::new(&at.file).parent() {
        Some(folder) => folder.join(path),
        None => path.to_path_buf(),
    }
}

/// Reads a capplan JSON result's orders, registering the file in `sources`.
pub fn read(path: &Path, sources: &mut SourceMap) -> Result<Vec<BaselineOrder>, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let bad = |reason: String| Problem::BadBaseline {
        path: name.clone(),
        reason,
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return Err(vec![Diagnostic::nowhere(bad(
                    "it is not UTF-8 text, so not a capplan JSON result".into(),
                ))])
            }
        },
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                _ => e.to_string(),
            };
            return Err(vec![Diagnostic::nowhere(bad(format!(
                "cannot read it: {reason}"
            )))]);
        }
    };
    let file = sources.add(name.clone(), text.clone());
    let whole = Span::new(file, 0..text.len().min(1));
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => {
            let at = offset_of(&text, e.line(), e.column());
            return Err(vec![Diagnostic::at(
                Span::new(file, at..at),
                bad(format!("it is not JSON ({e})")),
            )
            .with_help(
                "the baseline must be a result written by `capplan solve --format json`",
            )]);
        }
    };
    let not_a_result = |why: &str| {
        vec![
            Diagnostic::at(whole, bad(format!("it is not a capplan result: {why}")))
                .with_help("write one with `capplan solve PLAN --format json > FILE.json`"),
        ]
    };
    let Some(object) = value.as_object() else {
        return Err(not_a_result("the top level is not an object"));
    };
    if !object.get("plan").is_some_and(Value::is_string) || !object.contains_key("status") {
        return Err(not_a_result("it has no `plan` and `status`"));
    }
    let Some(orders) = object.get("orders").and_then(Value::as_array) else {
        return Err(not_a_result(
            "it has no `orders` list (an infeasible result has none)",
        ));
    };
    let mut found = Vec::with_capacity(orders.len());
    let mut problems = Vec::new();
    let mut search_from = 0;
    for order in orders {
        let item = order.get("item").and_then(Value::as_str);
        let year = order
            .get("year")
            .and_then(Value::as_i64)
            .and_then(|y| i32::try_from(y).ok());
        let units = order.get("units").and_then(Value::as_f64);
        match (item, year, units) {
            (Some(item), Some(year), Some(units)) if units.is_finite() && units >= 0.0 => {
                let span = locate_item(&text, item, &mut search_from)
                    .map_or(whole, |range| Span::new(file, range));
                found.push(BaselineOrder {
                    item: item.to_string(),
                    year,
                    units,
                    span,
                });
            }
            _ => problems.push(
                Diagnostic::at(
                    whole,
                    bad(format!(
                        "an order is not {{\"item\", \"year\", \"units\"}} with units of at least 0: {order}"
                    )),
                ),
            ),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// The baseline's units by `[item][year index]` of the plan; an item the
/// plan does not have, a year outside its horizon or fractional units of a
/// whole-unit item is an error.
pub fn units_for(
    plan: &Plan,
    orders: &[BaselineOrder],
    path: &Path,
    sources: &SourceMap,
) -> Result<Vec<Vec<f64>>, Vec<Diagnostic>> {
    let _ = sources;
    let name = path.display().to_string();
    let mut units = vec![vec![0.0; plan.horizon_len()]; plan.items.len()];
    let mut problems = Vec::new();
    for order in orders {
        let Some(i) = plan.items.iter().position(|item| item.id == order.item) else {
            let mut d = Diagnostic::at(
                order.span,
                Problem::UnknownBaselineItem {
                    path: name.clone(),
                    item: order.item.clone(),
                },
            );
            let known = plan.items.iter().map(|item| item.id.as_str());
            if let Some(help) = suggest::help_for(&order.item, "known items", known) {
                d = d.with_help(help);
            }
            problems.push(d);
            continue;
        };
        if order.year < plan.start || order.year > plan.end {
            problems.push(Diagnostic::at(
                order.span,
                Problem::BadBaseline {
                    path: name.clone(),
                    reason: format!(
                        "it orders `{}` in {}, outside the plan's horizon {}-{}",
                        order.item, order.year, plan.start, plan.end
                    ),
                },
            ));
            continue;
        }
        if !plan.items[i].divisible && order.units.fract() != 0.0 {
            problems.push(Diagnostic::at(
                order.span,
                Problem::BadBaseline {
                    path: name.clone(),
                    reason: format!(
                        "it orders {} units of `{}` in {}, but the item is not divisible",
                        order.units, order.item, order.year
                    ),
                },
            ));
            continue;
        }
        units[i][plan.year_index(order.year)] += order.units;
    }
    if problems.is_empty() {
        Ok(units)
    } else {
        Err(problems)
    }
}

/// The byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    crate::diagnostic::floor_char_boundary(text, (start + column.saturating_sub(1)).min(text.len()))
}

/// Where the next `"item": "<id>"` is written, searching on from
/// `from` (orders are read in file order).
fn locate_item(text: &str, item: &str, from: &mut usize) -> Option<std::ops::Range<usize>> {
    let quoted = serde_json::to_string(item).ok()?;
    let rest = text.get(*from..)?;
    let mut at = 0;
    while let Some(found) = rest[at..].find(&quoted) {
        let start = at + found;
        let before = rest[..start].trim_end();
        if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with("\"item\"") {
            let range = *from + start..*from + start + quoted.len();
            *from = range.end;
            return Some(range);
        }
        at = start + quoted.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_located_in_order() {
        let text = r#"{"orders": [{"item": "a", "year": 1}, {"name": "a", "item": "a"}]}"#;
        let mut from = 0;
        let first = locate_item(text, "a", &mut from);
        let second = locate_item(text, "a", &mut from);
        assert_eq!(first, Some(21..24));
        assert_eq!(second.clone().map(|r| &text[r]), Some("\"a\""));
        assert!(second.is_some_and(|r| r.start > 40));
    }

    #[test]
    fn offsets_count_lines_and_columns_from_one() {
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("ab", 1, 1), 0);
    }
}
