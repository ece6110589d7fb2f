//! Relative `--set` values: `PATH=+10M`, `=-5M`, `=*0.8`, `=+5%`, `=-20%`.
//!
//! Planners think in changes ("ten million more in 2026", "a fifth less").
//! A value that starts with `+`, `-` or `*` changes the value the path has
//! after the scenarios: `+X`/`-X` add or subtract an amount or a plain
//! number, `+P%`/`-P%` add or subtract a percentage of it, `*F` multiplies
//! it. Money (a value written as an amount string such as `"67M"`) is
//! changed in exact cents; other numbers in `f64`, staying whole when the
//! value was an integer and the result is whole. Anything else that starts
//! with a sign is refused, so `+10M` can never silently mean `10M`. Whether
//! the result suits its key (not negative, within range) is left to
//! validation, which points at the `--set` argument.

use super::entries::{self, id_of};
use super::path::Target;
use crate::diagnostic::{Diagnostic, FileId, Problem, Span};
use crate::money::Money;
use crate::plan::parse_amount_text;
use crate::plan::tree::{Node, Table, Value};

/// A change relative to the current value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Change {
    /// Add (or, negative, subtract) this many units; `money` when written
    /// with a scale suffix (`10M`).
    Add { units: f64, money: bool },
    /// Add this share of the value (`+5%` is 0.05, `-20%` is -0.2).
    Percent(f64),
    /// Multiply by this factor.
    Times(f64),
}

/// Whether a `--set` value asks for a relative change.
pub(crate) fn is_relative(text: &str) -> bool {
    text.starts_with(['+', '-', '*'])
}

/// Reads a relative value written at `offset` in `file`.
pub(crate) fn parse(
    path: &str,
    text: &str,
    file: FileId,
    offset: usize,
) -> Result<Change, Box<Diagnostic>> {
    let refuse = || {
        Box::new(
            Diagnostic::at(
                Span::new(file, offset..offset + text.len()),
                Problem::BadOverride {
                    path: path.into(),
                    reason: format!("`{text}` is not a relative change"),
                },
            )
            .with_label("not +AMOUNT, -AMOUNT, +P%, -P% or *FACTOR")
            .with_help(
                "write `+10M` or `-5M` to add or subtract, `+5%` or `-20%` for a percentage, \
             `*0.8` to multiply; a value starting with a sign is always a change",
            ),
        )
    };
    let (sign, rest) = text.split_at(1);
    let rest = rest.trim();
    if rest.starts_with(['+', '-', '*']) || rest.is_empty() {
        return Err(refuse());
    }
    if sign == "*" {
        return match rest.parse::<f64>() {
            Ok(f) if f.is_finite() && f >= 0.0 => Ok(Change::Times(f)),
            _ => Err(refuse()),
        };
    }
    let negative = sign == "-";
    if let Some(p) = rest.strip_suffix('%') {
        return match p.trim().parse::<f64>() {
            Ok(p) if p.is_finite() => Ok(Change::Percent(if negative { -p } else { p } / 100.0)),
            _ => Err(refuse()),
        };
    }
    let money = rest.ends_with(|c: char| c.is_ascii_alphabetic());
    let units = if money {
        parse_amount_text(rest).map_err(|_| refuse())?.to_units()
    } else {
        match rest.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => x,
            _ => return Err(refuse()),
        }
    };
    Ok(Change::Add {
        units: if negative { -units } else { units },
        money,
    })
}

/// The value the path holds now, changed; `None` (with a diagnostic) when
/// there is no number to change.
pub(crate) fn apply(
    root: &mut Table,
    target: &Target,
    path: &str,
    change: Change,
    at: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let problem = |reason: String| {
        Diagnostic::at(
            at,
            Problem::BadOverride {
                path: path.into(),
                reason,
            },
        )
    };
    let default = default_of(target);
    let Some(current) = current(root, target).or(default.as_ref()) else {
        diagnostics.push(
            problem("the plan has no value here to change".into())
                .with_help("set it first with PATH=VALUE (a value without a sign)"),
        );
        return None;
    };
    let value = match &current.value {
        Value::Str(s) => match parse_amount_text(s) {
            Ok(money) => Value::Str(money_text(changed_money(money, change))),
            Err(_) => {
                diagnostics.push(problem(format!("the current value `{s}` is not a number")));
                return None;
            }
        },
        Value::Int(n) => {
            let x = changed(*n as f64, change);
            if x.fract() == 0.0 && x.abs() < 9e15 {
                Value::Int(x as i64)
            } else {
                Value::Float(x)
            }
        }
        Value::Float(x) => Value::Float(changed(*x, change)),
        other => {
            diagnostics.push(problem(format!(
                "the current value is {}, not a number",
                other.type_name()
            )));
            return None;
        }
    };
    Some(Node { value, span: at })
}

fn changed(x: f64, change: Change) -> f64 {
    match change {
        Change::Add { units, .. } => x + units,
        Change::Percent(p) => x * (1.0 + p),
        Change::Times(f) => x * f,
    }
}

/// A money value changed to the cent: an added amount is exact; a share
/// or factor is rounded to the nearest cent.
fn changed_money(m: Money, change: Change) -> i64 {
    match change {
        Change::Add { units, .. } => {
            m.cents() + Money::from_units(units.abs()).cents() * units.signum() as i64
        }
        Change::Percent(p) => m.times(1.0 + p).cents(),
        Change::Times(f) => m.times(f).cents(),
    }
}

/// Cents as an amount string the amount parser reads back exactly
/// (`"12345.67"`, `"-5"`).
fn money_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    if abs.is_multiple_of(100) {
        format!("{sign}{}", abs / 100)
    } else {
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// The format's default of a numeric key the plan may leave out (plan
/// format, section 2), as the node a relative change starts from.
fn default_of(target: &Target) -> Option<Node> {
    use super::entries::Kind;
    if !target.tables.is_empty() {
        return None;
    }
    let value = match (&target.entry, target.section, target.key.text.as_str()) {
        (None, "budget", "carryover") => Value::Float(0.0),
        (None, "budget", "capital_share" | "scale") => Value::Float(1.0),
        (Some((Kind::Item, _)), _, "min_units" | "lead_time") => Value::Int(0),
        (Some((Kind::Item, _)), _, "sustainment") => Value::Float(0.0),
        (Some((Kind::Goal, _)), _, "weight") => Value::Float(1.0),
        _ => return None,
    };
    Some(Node {
        value,
        span: target.key.span,
    })
}

/// The node at the target, if the plan has one.
fn current<'t>(root: &'t mut Table, target: &Target) -> Option<&'t Node> {
    let mut table: &Table = match &target.entry {
        None => match &root.get(target.section)?.node.value {
            Value::Table(t) => t,
            _ => return None,
        },
        Some((kind, id)) => {
            let node = entries::entries(root, *kind)
                .iter()
                .find(|n| id_of(n) == Some(id.as_str()))?;
            match &node.value {
                Value::Table(t) => t,
                _ => return None,
            }
        }
    };
    for segment in &target.tables {
        table = match &table.get(&segment.text)?.node.value {
            Value::Table(t) => t,
            _ => return None,
        };
    }
    table.get(&target.key.text).map(|e| &e.node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Change> {
        let file = crate::diagnostic::SourceMap::new().add("--set p", text);
        parse("p", text, file, 0).ok()
    }

    #[test]
    fn signs_percentages_and_factors() {
        assert_eq!(
            read("+10M"),
            Some(Change::Add {
                units: 1e7,
                money: true
            })
        );
        assert_eq!(
            read("-5M"),
            Some(Change::Add {
                units: -5e6,
                money: true
            })
        );
        assert_eq!(read("*0.8"), Some(Change::Times(0.8)));
        assert_eq!(read("+5%"), Some(Change::Percent(0.05)));
        assert_eq!(read("-20%"), Some(Change::Percent(-0.2)));
        assert_eq!(
            read("+2"),
            Some(Change::Add {
                units: 2.0,
                money: false
            })
        );
        for bad in ["+", "++5", "-x", "*-1", "+5%%", "+1e999", "-inf"] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn money_changes_to_the_cent() {
        let m = Money::from_units(67e6);
        assert_eq!(
            money_text(changed_money(
                m,
                Change::Add {
                    units: 1e7,
                    money: true
                }
            )),
            "77000000"
        );
        assert_eq!(
            money_text(changed_money(m, Change::Percent(-0.2))),
            "53600000"
        );
        assert_eq!(
            money_text(changed_money(Money::from_cents(1001), Change::Times(0.5))),
            "5.01"
        );
        assert_eq!(
            money_text(changed_money(
                Money::from_units(3e6),
                Change::Add {
                    units: -5e6,
                    money: true
                }
            )),
            "-2000000"
        );
    }
}
