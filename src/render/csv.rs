//! The report as CSV files: plain RFC 4180 (CRLF line ends), a header row,
//! UTF-8, one table per file in long (tidy) form.
//!
//! Numbers are written unformatted, rounded at the precision of the one
//! number format ([`super::format`]): money in currency units to the cent,
//! percentages to four decimals, units, points and shares to six. Column
//! names follow the JSON keys. Values are read
//! straight from the [`Report`] or [`SweepReport`]; nothing is computed.
//!
//! A text cell that a spreadsheet would run as a formula (one starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return, such as an item named
//! `=HYPERLINK(...)` in a plan from elsewhere) is written with a single
//! quote in front, as OWASP's advice on CSV injection says; a number stays
//! a number (`-5` is not prefixed).

pub mod whatif;

use super::columns::{self, Column, Outputs, Value};
use super::format;
use crate::money::Money;
use crate::provenance::Provenance;
use crate::report::Report;
use crate::whatif::risk::RiskReport;
use crate::whatif::sweep::SweepReport;

/// A CSV table as file bytes.
type Csv = Result<Vec<u8>, ::csv::Error>;

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Csv {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| neutralised(cell).into_owned()))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A cell as written: a formula-leading text cell behind a single quote.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let formula_lead = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_lead && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Units, points or a share.
fn num(x: f64) -> String {
    format::data_number(x)
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), num)
}

/// A percentage from 0 to 100.
fn pct(x: Option<f64>) -> String {
    x.map_or(String::new(), format::data_percent)
}

fn money(m: Money) -> String {
    format::data_money(m)
}

/// A table from its declared columns: keys as the header, one row per
/// report row.
fn column_table<R>(report: &Report, columns: &[Column<R>], rows: &[R]) -> Csv {
    let shown = columns::shown(columns, Outputs::CSV, report);
    let header: Vec<&str> = shown.iter().map(|c| c.key).collect();
    table(
        &header,
        rows.iter()
            .map(|row| shown.iter().map(|c| cell((c.value)(report, row))).collect()),
    )
}

/// A value as CSV text: numbers unformatted, money in currency units.
fn cell(value: Value) -> String {
    match value {
        Value::Money(m) => money(m),
        Value::Units(x) | Value::Points(x) => num(x),
        Value::Percent(x) => format::data_percent(x),
        Value::Year { year, .. } => year.to_string(),
        Value::Count(n) => n.to_string(),
        Value::Flag(b) => b.to_string(),
        Value::Text(s) => s,
        Value::Blank => String::new(),
    }
}

/// The order schedule, one row per order, sorted by year then file order.
pub fn orders(report: &Report) -> Csv {
    column_table(report, columns::ORDERS, &report.orders)
}

/// The cash flow, one row per item, year and funding source with money in
/// it (the JSON `cashflow` rows), sorted by year then file order.
pub fn cashflow(report: &Report) -> Csv {
    table(
        &["item", "name", "year", "source", "payments", "sustainment"],
        report.cashflow.iter().map(|c| {
            vec![
                c.item.clone(),
                c.name.clone(),
                c.year.to_string(),
                c.source.clone(),
                money(c.payments),
                money(c.sustainment),
            ]
        }),
    )
}

/// The payments after the horizon (`after_horizon.csv`), one row per
/// item and year after `end` with money in it (the JSON `after_horizon`
/// items' years), sorted by year then file order; `cap` repeats `[budget]
/// max_after_end` on every row (empty without one).
pub fn after_horizon(report: &Report) -> Csv {
    let a = &report.after_horizon;
    let cap = a.cap.map_or(String::new(), |c| num(c.to_units()));
    table(
        &["item", "name", "year", "payments", "cap"],
        a.rows.iter().map(|r| {
            vec![
                r.item.clone(),
                r.name.clone(),
                r.year.to_string(),
                num(r.amount.to_units()),
                cap.clone(),
            ]
        }),
    )
}

/// Money by year.
pub fn years(report: &Report) -> Csv {
    column_table(report, columns::YEARS, &report.years)
}

/// Goal attainment, one row per milestone.
pub fn goals(report: &Report) -> Csv {
    column_table(report, columns::GOALS, &report.goals)
}

/// Money and orders by phase.
pub fn phases(report: &Report) -> Csv {
    column_table(report, columns::PHASES, &report.phases)
}

/// Where the result comes from, as `key,value` rows; a scenario or an
/// override gets one row each, in the order applied.
pub fn provenance(report: &Report) -> Csv {
    let mut rows = provenance_rows(&report.plan, &report.provenance);
    rows.push(pair("solver_backend", report.solver.backend));
    rows.push(pair("status", report.status.name()));
    table(&["key", "value"], rows)
}

/// The sweep's points, sorted by scale; empty fields for points without
/// a schedule.
pub fn sweep_points(sweep: &SweepReport) -> Csv {
    table(
        &[
            "scale",
            "total_budget",
            "readiness",
            "score",
            "total_cost",
            "status",
        ],
        sweep.points.iter().map(|p| {
            vec![
                num(p.scale),
                money(p.total_budget),
                pct(p.readiness),
                opt(p.score),
                p.total_cost.map_or(String::new(), money),
                p.status.name().to_string(),
            ]
        }),
    )
}

/// The sweep's provenance, as `key,value` rows.
pub fn sweep_provenance(sweep: &SweepReport) -> Csv {
    let mut rows = provenance_rows(&sweep.plan, &sweep.provenance);
    rows.push(pair("solver_backend", sweep.backend));
    rows.push(pair("points", &sweep.points.len().to_string()));
    rows.push(pair("points_optimal", &sweep.optimal.to_string()));
    table(&["key", "value"], rows)
}

/// Budget risk: each milestone's probability of being met.
pub fn risk_milestones(risk: &RiskReport) -> Csv {
    table(
        &[
            "goal",
            "year",
            "probability_met",
            "mean_credited",
            "met_in_plan",
        ],
        risk.milestones.iter().map(|m| {
            vec![
                m.goal.clone(),
                m.year.to_string(),
                num(m.probability_met),
                opt(m.mean_credited),
                m.met_in_plan.to_string(),
            ]
        }),
    )
}

/// Budget risk: how often each item is bought, in file order.
pub fn risk_items(risk: &RiskReport) -> Csv {
    table(
        &[
            "item",
            "share_bought",
            "median_units",
            "median_year",
            "verdict",
            "units_in_plan",
        ],
        risk.items.iter().map(|i| {
            vec![
                i.item.clone(),
                num(i.share_bought),
                opt(i.median_units),
                i.median_year.map_or(String::new(), |y| y.to_string()),
                i.verdict.name().to_string(),
                num(i.units_in_plan),
            ]
        }),
    )
}

/// Budget risk: every future's draw and result, one row per future and
/// year, so any figure of the summary can be recomputed.
pub fn risk_futures(risk: &RiskReport) -> Csv {
    let years: Vec<i32> = risk.years.iter().map(|y| y.year).collect();
    table(
        &[
            "future",
            "year",
            "share",
            "budget",
            "spend",
            "status",
            "readiness",
        ],
        risk.outcomes.iter().flat_map(|o| {
            years.iter().enumerate().map(move |(t, year)| {
                vec![
                    o.future.index.to_string(),
                    year.to_string(),
                    num(o.future.shares[t]),
                    money(o.budgets[t]),
                    o.spend.get(t).map_or(String::new(), |s| money(*s)),
                    o.status.name().to_string(),
                    pct(o.readiness),
                ]
            })
        }),
    )
}

/// Budget risk's provenance, as `key,value` rows.
pub fn risk_provenance(risk: &RiskReport) -> Csv {
    let mut rows = provenance_rows(&risk.plan, &risk.provenance);
    rows.push(pair("solver_backend", risk.backend));
    rows.push(pair("runs", &risk.options.runs.to_string()));
    rows.push(pair("seed", &risk.options.seed.to_string()));
    rows.push(pair("not_proven", &risk.not_proven.to_string()));
    table(&["key", "value"], rows)
}

fn pair(key: &str, value: &str) -> Vec<String> {
    vec![key.to_string(), value.to_string()]
}

fn provenance_rows(plan: &str, p: &Provenance) -> Vec<Vec<String>> {
    let mut rows = vec![pair("plan", plan), pair("plan_file", &p.plan_file)];
    rows.extend(p.scenarios.iter().map(|s| pair("scenario", s)));
    rows.extend(p.overrides.iter().map(|s| pair("override", s)));
    rows.push(pair("input_sha256", &p.input_hash));
    rows.push(pair("capplan_version", p.version));
    if let Some(generated) = p.generated_text() {
        rows.push(pair("generated", &generated));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let bytes = table(
            &["a", "b"],
            vec![vec!["x, y".to_string(), "say \"hi\"".to_string()]],
        )
        .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn formula_cells_are_neutralised_but_numbers_are_not() {
        let row = [
            "=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "-5", "-0.25", "1e3", "a=b",
        ];
        let bytes =
            table(&["h"; 9], vec![row.iter().map(|s| s.to_string()).collect()]).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            text.lines().nth(1),
            Some("'=1+1,'+cmd,'-2+3,'@SUM(A1),'\tx,-5,-0.25,1e3,a=b")
        );
    }

    #[test]
    fn numbers_round_at_the_formats_precision() {
        assert_eq!(num(12_500_000.0), "12500000");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(pct(Some(99.99990000000001)), "99.9999");
        assert_eq!(money(Money::from_cents(1_234_567)), "12345.67");
        assert_eq!(opt(None), "");
    }
}
