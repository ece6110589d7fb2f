//! How money, units, points and percentages are shown: the one number
//! format every renderer uses.
//!
//! For a reader (terminal tables, the HTML pack):
//! - **money in a table column** is shown in one scale for the whole
//!   column, the scale of its largest amount (`bn`, `M`, `k`, or plain
//!   currency units; a total row takes its column's scale), with two
//!   decimals: `17.61M`, `0.22M`, `0.00M` (an amount below half a unit of
//!   the last digit); an exact zero is `0`. So a column never mixes `0.01`
//!   with `261.3k`;
//! - **a single amount** (a headline figure, a sentence) keeps the short
//!   form of [`Money::short`]: `458.67M`, `1.48bn`;
//! - **units** have at most two decimals (`12.74` lots, `2`);
//! - **points** have at most two decimals;
//! - **percentages** have one decimal, always shown (`32.0`, `100.0`).
//!
//! For a spreadsheet (CSV; the workbook keeps every value exact in the cell
//! and shows it through a number format, [`XLSX_MONEY`] and friends):
//! money to the cent, percentages to four decimals, units, points and
//! shares to six, trailing zeros dropped, never `-0`.
//!
//! This module knows nothing about plans or reports; it turns numbers into
//! text.

use crate::money::Money;

/// The scale of a money column: the divisor and its suffix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoneyScale {
    divisor: f64,
    suffix: &'static str,
}

/// The divisor and suffix (`bn`, `M`, `k` or none) for amounts up to
/// `largest` currency units: the one choice of scale for table columns and
/// chart axes alike.
pub fn scale_for(largest: f64) -> (f64, &'static str) {
    if largest >= 1e9 {
        (1e9, "bn")
    } else if largest >= 1e6 {
        (1e6, "M")
    } else if largest >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    }
}

impl MoneyScale {
    /// The scale of the largest absolute amount in `amounts`.
    pub fn of(amounts: impl IntoIterator<Item = Money>) -> MoneyScale {
        let largest = amounts
            .into_iter()
            .map(|m| m.cents().unsigned_abs())
            .max()
            .unwrap_or(0) as f64
            / 100.0;
        let (divisor, suffix) = scale_for(largest);
        MoneyScale { divisor, suffix }
    }

    /// An amount in this scale: two decimals and the suffix; `0` for zero.
    pub fn show(self, m: Money) -> String {
        if m == Money::ZERO {
            return "0".into();
        }
        let text = format!("{:.2}", m.to_units() / self.divisor);
        let text = match text.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
            _ => text,
        };
        format!("{text}{}", self.suffix)
    }
}

impl MoneyScale {
    /// A change in this scale: as [`MoneyScale::show`], with `+` before a
    /// rise.
    pub fn signed(self, m: Money) -> String {
        if m > Money::ZERO {
            format!("+{}", self.show(m))
        } else {
            self.show(m)
        }
    }
}

/// Units of an item for a reader: at most two decimals.
pub fn units(x: f64) -> String {
    trimmed(x, 2)
}

/// Goal points for a reader: at most two decimals.
pub fn points(x: f64) -> String {
    trimmed(x, 2)
}

/// A percentage (0 to 100) for a reader: one decimal.
pub fn percent(x: f64) -> String {
    fixed(x, 1)
}

/// Money for a spreadsheet: currency units to the cent.
pub fn data_money(m: Money) -> String {
    trimmed(m.to_units(), 2)
}

/// A percentage for a spreadsheet: four decimals at most.
pub fn data_percent(x: f64) -> String {
    trimmed(x, 4)
}

/// Units, points or a share for a spreadsheet: six decimals at most.
pub fn data_number(x: f64) -> String {
    trimmed(x, 6)
}

/// Workbook number format of money: whole currency units with group
/// separators and the currency code (the cell keeps the cents).
pub fn xlsx_money(currency: &str) -> String {
    let code: String = currency.chars().filter(|c| *c != '"').collect();
    if code.is_empty() {
        "#,##0".into()
    } else {
        format!("#,##0 \"{code}\"")
    }
}

/// Workbook number format of a percentage (cells hold 0 to 100).
pub const XLSX_PERCENT: &str = "0.0\"%\"";
/// Workbook number format of a whole number of units or points.
pub const XLSX_WHOLE: &str = "#,##0";
/// Workbook number format of a fractional number of units, points or a
/// share.
pub const XLSX_FRACTION: &str = "#,##0.00";

/// `x` with exactly `digits` decimals, never `-0`.
fn fixed(x: f64, digits: usize) -> String {
    let text = format!("{x:.digits$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

/// `x` with at most `digits` decimals, trailing zeros dropped, never `-0`.
fn trimmed(x: f64, digits: usize) -> String {
    let text = fixed(x, digits);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(units: f64) -> Money {
        Money::from_units(units)
    }

    #[test]
    fn a_money_column_shares_the_scale_of_its_largest_amount() {
        let column = [m(1_760_000.0), m(941_740.0), m(1.01), Money::ZERO];
        let scale = MoneyScale::of(column);
        let shown: Vec<String> = column.iter().map(|a| scale.show(*a)).collect();
        assert_eq!(shown, ["1.76M", "0.94M", "0.00M", "0"]);
        let small = MoneyScale::of([m(50.01), m(105.5)]);
        assert_eq!(small.show(m(105.5)), "105.50");
        assert_eq!(MoneyScale::of([m(1.48e9)]).show(m(1.48e9)), "1.48bn");
        assert_eq!(MoneyScale::of([m(-4000.0)]).show(m(-4000.0)), "-4.00k");
        assert_eq!(MoneyScale::of([m(1e6)]).show(m(-1.0)), "0.00M");
    }

    #[test]
    fn units_points_and_percentages_for_a_reader() {
        assert_eq!(units(4.593945636), "4.59");
        assert_eq!(units(2.0), "2");
        assert_eq!(points(99.935), "99.94");
        assert_eq!(percent(32.0), "32.0");
        assert_eq!(percent(99.87676532), "99.9");
        assert_eq!(percent(-0.01), "0.0");
    }

    #[test]
    fn spreadsheet_numbers_round_at_the_rules_precision() {
        assert_eq!(data_percent(99.99990000000001), "99.9999");
        assert_eq!(data_number(0.1 + 0.2), "0.3");
        assert_eq!(data_number(12.744), "12.744");
        assert_eq!(data_money(Money::from_cents(1_250_000_001)), "12500000.01");
        assert_eq!(data_money(Money::from_cents(-5)), "-0.05");
        assert_eq!(data_number(-1e-9), "0");
        assert_eq!(xlsx_money("EUR"), "#,##0 \"EUR\"");
        assert_eq!(xlsx_money("a\"b"), "#,##0 \"ab\"");
        assert_eq!(xlsx_money(""), "#,##0");
    }
}
