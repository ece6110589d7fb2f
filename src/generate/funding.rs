//! Funding sources for generated plans (`capplan generate --sources N`):
//! `[fx]` and N `[[source]]` tables appended to a generated plan, for
//! benchmarks of section 8. Deterministic and free of the random
//! generator, so a plan generated without sources is the same file as
//! before. Every figure is invented.

use std::fmt::Write;

/// The `[fx]` and `[[source]]` text of `count` sources over the years
/// `start..` with national budgets `budgets` (B_y, currency units).
/// Source 1 is a USD grant (10% of B_y, acquisition only, for the items
/// of `categories[0]`, kept until spent); source 2 a trust fund (5% of
/// B_y, payments and running costs of every item, half carried over);
/// source 3 a sustainment fund (3% of B_y, running costs only, lapsing);
/// further sources repeat the pattern.
pub(super) fn sources_text(
    count: usize,
    start: i32,
    budgets: &[f64],
    categories: &[&str],
) -> String {
    let mut out = String::new();
    if count == 0 {
        return out;
    }
    let _ = writeln!(out, "\n[fx]\nUSD = 0.92");
    for k in 0..count {
        let (share, currency, covers, carryover) = match k % 3 {
            0 => (0.10, "USD", "acquisition", 1.0),
            1 => (0.05, "EUR", "both", 0.5),
            _ => (0.03, "EUR", "sustainment", 0.0),
        };
        let rate = if currency == "USD" { 0.92 } else { 1.0 };
        let _ = writeln!(
            out,
            "\n[[source]]\nid = \"donor{}\"\nname = \"Donor {}\"\ncurrency = \"{currency}\"\n\
             covers = \"{covers}\"\ncarryover = {carryover}",
            k + 1,
            k + 1
        );
        if k % 3 == 0 {
            if let Some(category) = categories.get(k / 3 % categories.len().max(1)) {
                let _ = writeln!(out, "categories = [\"{category}\"]");
            }
        }
        let years: Vec<String> = budgets
            .iter()
            .enumerate()
            .map(|(t, b)| format!("{} = {}", start + t as i32, (b * share / rate).floor()))
            .collect();
        let _ = writeln!(out, "years = {{ {} }}", years.join(", "));
    }
    out
}
