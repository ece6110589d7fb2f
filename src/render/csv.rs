//! The report as CSV files: plain RFC 4180 (CRLF line ends), a header row,
//! UTF-8, one table per file in long (tidy) form.
//!
//! Numbers are written unformatted at full precision (the shortest text
//! that reads back as the same `f64`, as in the JSON result); money in
//! currency units. Column names follow the JSON keys. Values are read
//! straight from the [`Report`] or [`SweepReport`]; nothing is computed.
//!
//! A text cell that a spreadsheet would run as a formula (one starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return, such as an item named
//! `=HYPERLINK(...)` in a plan from elsewhere) is written with a single
//! quote in front, as OWASP's advice on CSV injection says; a number stays
//! a number (`-5` is not prefixed).

pub mod whatif;

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

fn num(x: f64) -> String {
    x.to_string()
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), num)
}

/// The order schedule, one row per order, sorted by year then file order.
pub fn orders(report: &Report) -> Csv {
    table(
        &[
            "year",
            "phase",
            "item",
            "name",
            "category",
            "units",
            "delivered",
            "cost",
            "fixed",
        ],
        report.orders.iter().map(|o| {
            vec![
                o.year.to_string(),
                o.phase.clone().unwrap_or_default(),
                o.item.clone(),
                o.name.clone(),
                o.category.clone(),
                num(o.units),
                o.delivered.to_string(),
                num(o.cost.to_units()),
                o.fixed.to_string(),
            ]
        }),
    )
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
                num(c.payments.to_units()),
                num(c.sustainment.to_units()),
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
    table(
        &[
            "year",
            "phase",
            "envelope",
            "budget",
            "available",
            "payments",
            "sustainment",
            "spend",
            "carry_out",
            "utilisation",
        ],
        report.years.iter().map(|y| {
            vec![
                y.year.to_string(),
                y.phase.clone().unwrap_or_default(),
                num(y.envelope.to_units()),
                num(y.budget.to_units()),
                num(y.available.to_units()),
                num(y.payments.to_units()),
                num(y.sustainment.to_units()),
                num(y.spend.to_units()),
                num(y.carry_out.to_units()),
                num(y.utilisation),
            ]
        }),
    )
}

/// Goal attainment, one row per milestone.
pub fn goals(report: &Report) -> Csv {
    table(
        &[
            "year", "goal", "name", "weight", "target", "achieved", "credited", "percent",
        ],
        report.goals.iter().map(|g| {
            vec![
                g.year.to_string(),
                g.goal.clone(),
                g.name.clone(),
                num(g.weight),
                num(g.target),
                num(g.achieved),
                num(g.credited),
                num(g.percent),
            ]
        }),
    )
}

/// Money and orders by phase.
pub fn phases(report: &Report) -> Csv {
    table(
        &[
            "phase",
            "name",
            "start",
            "end",
            "budget",
            "spend",
            "orders",
            "order_value",
        ],
        report.phases.iter().map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                p.start.to_string(),
                p.end.to_string(),
                num(p.budget.to_units()),
                num(p.spend.to_units()),
                p.orders.to_string(),
                num(p.order_value.to_units()),
            ]
        }),
    )
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
                num(p.total_budget.to_units()),
                opt(p.readiness),
                opt(p.score),
                opt(p.total_cost.map(|c| c.to_units())),
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
                    num(o.budgets[t].to_units()),
                    o.spend.get(t).map_or(String::new(), |s| num(s.to_units())),
                    o.status.name().to_string(),
                    opt(o.readiness),
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
    fn numbers_keep_full_precision() {
        assert_eq!(num(12_500_000.0), "12500000");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(opt(None), "");
    }
}
