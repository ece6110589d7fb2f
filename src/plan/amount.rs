//! Money amounts as planners write them: `67000000`, `6.7e7`, `"67M"`,
//! `"1.5bn"`, `"250k"`, `"67_000_000"`.

use crate::money::{Money, MAX_UNITS};

/// Parses the text of an amount with an optional, case-insensitive suffix
/// `k` (thousand), `M` (million) or `bn` (billion).
pub fn parse_amount_text(text: &str) -> Result<Money, String> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    let (digits, factor) = if let Some(d) = lower.strip_suffix("bn") {
        (d, 1e9)
    } else if let Some(d) = lower.strip_suffix('m') {
        (d, 1e6)
    } else if let Some(d) = lower.strip_suffix('k') {
        (d, 1e3)
    } else {
        (lower.as_str(), 1.0)
    };
    let digits = digits.trim();
    let looks_numeric = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'));
    let value: f64 = if looks_numeric {
        digits.parse().map_err(|_| not_a_number(text))?
    } else {
        return Err(not_a_number(text));
    };
    // Digits too many for a float (a 100,000-digit amount) read as
    // infinity: that is an amount too large, not a missing number.
    if value.is_infinite() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(format!("an amount cannot exceed {MAX_UNITS:e}"));
    }
    amount_from_units(value * factor)
}

/// Checks a number of currency units and turns it into exact money.
pub fn amount_from_units(value: f64) -> Result<Money, String> {
    if value.is_nan() {
        Err("NaN is not an amount".into())
    } else if value.is_infinite() {
        Err("an amount must be finite".into())
    } else if value < 0.0 {
        Err("an amount cannot be negative".into())
    } else if value > MAX_UNITS {
        Err(format!("an amount cannot exceed {MAX_UNITS:e}"))
    } else if fraction_of_a_cent(value) {
        Err(format!(
            "{value} has a fraction of a cent; amounts are in whole cents ({:.2} or {:.2})",
            (value * 100.0).floor() / 100.0,
            (value * 100.0).ceil() / 100.0
        ))
    } else {
        Ok(Money::from_units(value))
    }
}

/// Whether a number of currency units has a part smaller than a cent
/// (`0.005`, `1.005`), beyond the noise of decimal fractions in binary
/// (`0.07 * 100` is 7.000000000000001).
fn fraction_of_a_cent(units: f64) -> bool {
    let cents = units * 100.0;
    (cents - cents.round()).abs() > 1e-6 * cents.abs().max(1.0)
}

fn not_a_number(text: &str) -> String {
    let mut reason = format!("`{text}` is not a number with an optional k, M or bn suffix");
    if let Some(hint) = amount_hint(text) {
        reason.push_str(&format!(" (write `{hint}`)"));
    }
    reason
}

/// What a planner probably meant by an amount written the way a document
/// or a spreadsheet in another locale writes it: `1,5M` -> `1.5M`,
/// `1,500,000` -> `1500000`, `8 million` -> `8M`, `2 billion` -> `2bn`,
/// `37%` -> `0.37`.
pub fn amount_hint(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for (word, suffix) in [
        ("billion", "bn"),
        ("bn", "bn"),
        ("million", "M"),
        ("mio", "M"),
        ("thousand", "k"),
    ] {
        if let Some(num) = lower.strip_suffix(word) {
            let num = num.trim();
            if !num.is_empty() && num.parse::<f64>().is_ok() && num != t {
                return Some(format!("{num}{suffix}"));
            }
        }
    }
    if let Some(p) = t.strip_suffix('%') {
        let p: f64 = p.trim().replace(',', ".").parse().ok()?;
        return Some(format!("{}", p / 100.0));
    }
    let (body, suffix) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let body = body.trim();
    let commas = body.matches(',').count();
    if commas == 0 || body.contains('.') {
        return None;
    }
    let groups: Vec<&str> = body.split(',').collect();
    let thousands = groups.len() > 1
        && groups[1..].iter().all(|g| g.len() == 3)
        && !groups[0].is_empty()
        && (commas > 1 || groups[0].len() <= 3 && suffix.is_empty());
    let fixed = if thousands {
        groups.concat()
    } else if commas == 1 {
        body.replace(',', ".")
    } else {
        return None;
    };
    fixed.parse::<f64>().ok()?;
    Some(format!("{fixed}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> f64 {
        parse_amount_text(text).unwrap().to_units()
    }

    #[test]
    fn suffixes_scale_the_number() {
        assert_eq!(units("67M"), 67e6);
        assert_eq!(units("1.5bn"), 1.5e9);
        assert_eq!(units("250k"), 250e3);
        assert_eq!(units("67_000_000"), 67e6);
        assert_eq!(units("2.5m"), 2.5e6);
        assert_eq!(units("1BN"), 1e9);
        assert_eq!(units(" 12 M "), 12e6);
        assert_eq!(units("6.7e7"), 6.7e7);
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "", "M", "12MM", "abc", "-5M", "nan", "inf", "1e400", "12 EUR", "1..2",
        ] {
            assert!(parse_amount_text(bad).is_err(), "{bad} should be rejected");
        }
    }
}

#[cfg(test)]
mod hint_tests {
    use super::amount_hint;

    #[test]
    fn locale_amounts_get_a_hint() {
        assert_eq!(amount_hint("1,5M").as_deref(), Some("1.5M"));
        assert_eq!(amount_hint("1,500,000").as_deref(), Some("1500000"));
        assert_eq!(amount_hint("8 million").as_deref(), Some("8M"));
        assert_eq!(amount_hint("0,9").as_deref(), Some("0.9"));
        assert_eq!(amount_hint("37%").as_deref(), Some("0.37"));
        assert_eq!(amount_hint("abc"), None);
    }
}
