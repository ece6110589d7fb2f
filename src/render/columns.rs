//! The columns of the report's tables, each declared once.
//!
//! A table is a list of [`Column`]s: a title (what a reader sees in the
//! terminal, the HTML pack and the workbook), a key (the CSV header, which
//! follows the JSON field names), the outputs it appears in, and its value
//! as a typed [`Value`] (money, units, points, a percentage, a year, a
//! count, a flag or text). The terminal, HTML, CSV and workbook renderers
//! iterate these lists; none of them names a column by position, so
//! inserting a column here moves it everywhere at once. This module reads
//! the [`Report`]'s rows and never computes a figure; how a value is shown
//! to a reader is the number format's ([`super::format`]), applied by
//! [`display`]; CSV and the workbook turn values into their own cells.

use super::format::{self, MoneyScale};
use crate::money::Money;
use crate::report::{GoalRow, OrderRow, PhaseRow, Report, YearRow};

/// The outputs a column appears in, as a bit set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outputs(u8);

impl Outputs {
    /// The terminal tables.
    pub const TERMINAL: Outputs = Outputs(1);
    /// The HTML review pack.
    pub const HTML: Outputs = Outputs(2);
    /// The CSV directory.
    pub const CSV: Outputs = Outputs(4);
    /// The workbook.
    pub const XLSX: Outputs = Outputs(8);
    /// What a reader reads: terminal and HTML.
    pub const DISPLAY: Outputs = Outputs(1 | 2);
    /// What a spreadsheet reads: CSV and workbook.
    pub const DATA: Outputs = Outputs(4 | 8);
    /// Every output.
    pub const ALL: Outputs = Outputs(1 | 2 | 4 | 8);

    /// Whether `self` includes every output of `other`.
    pub fn has(self, other: Outputs) -> bool {
        self.0 & other.0 == other.0
    }
}

/// One cell's value, typed so that each renderer formats it its own way.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Money(Money),
    /// Units of an item (fractional for divisible items).
    Units(f64),
    /// Goal points or a weight.
    Points(f64),
    /// A percentage from 0 to 100.
    Percent(f64),
    /// A year; `actual` marks a history year where the table says so.
    Year {
        year: i32,
        actual: bool,
    },
    /// A whole count (orders, a delivery year).
    Count(i64),
    Flag(bool),
    Text(String),
    /// No value (a total the column does not have).
    Blank,
}

impl Value {
    /// The value as the terminal and HTML tables show it ([`format`]),
    /// money in its column's `scale`.
    pub fn display(&self, scale: MoneyScale) -> String {
        match self {
            Value::Money(m) => scale.show(*m),
            Value::Units(x) => format::units(*x),
            Value::Points(x) => format::points(*x),
            Value::Percent(x) => format::percent(*x),
            Value::Year { year, actual: true } => format!("{year} (actual)"),
            Value::Year { year, .. } => year.to_string(),
            Value::Count(n) => n.to_string(),
            Value::Flag(b) => b.to_string(),
            Value::Text(s) => s.clone(),
            Value::Blank => String::new(),
        }
    }
}

/// The cells of one column as a reader sees them, and its total's when the
/// column has one: money in the one scale of the column's rows, the total
/// in the same scale (`1480.00M` under `58.70M`).
pub fn display<R>(
    report: &Report,
    column: &Column<R>,
    rows: &[R],
) -> (Vec<String>, Option<String>) {
    let values: Vec<Value> = rows.iter().map(|row| (column.value)(report, row)).collect();
    let total = column.total.map(|total| total(report));
    let scale = MoneyScale::of(values.iter().filter_map(|v| match v {
        Value::Money(m) => Some(*m),
        _ => None,
    }));
    (
        values.iter().map(|v| v.display(scale)).collect(),
        total.map(|v| v.display(scale)),
    )
}

/// A column of a table whose rows are `R`.
pub struct Column<R> {
    /// The title a reader sees (terminal, HTML, workbook).
    pub title: &'static str,
    /// The CSV header (the JSON field name where there is one).
    pub key: &'static str,
    /// The outputs that show it.
    pub outputs: Outputs,
    /// Shown only when this holds for the report (always when `None`).
    pub when: Option<fn(&Report) -> bool>,
    /// Its values are numbers: right-aligned, and marked as numbers in
    /// HTML.
    pub numeric: bool,
    /// Left-aligned in the terminal even though its values are numbers
    /// (years).
    pub left: bool,
    /// A repeated value is left blank in the terminal while the rows above
    /// it repeat the grouping columns before it (phase, then year).
    pub group: bool,
    /// The cell of one row.
    pub value: fn(&Report, &R) -> Value,
    /// The cell of the total row, for tables that have one.
    pub total: Option<fn(&Report) -> Value>,
}

impl<R> Column<R> {
    /// Whether `output` shows this column for `report`.
    pub fn shown(&self, output: Outputs, report: &Report) -> bool {
        self.outputs.has(output) && self.when.is_none_or(|when| when(report))
    }

    /// Whether the terminal right-aligns its values.
    pub fn right_aligned(&self) -> bool {
        self.numeric && !self.left
    }
}

/// The columns `output` shows for `report`, in order.
pub fn shown<'a, R>(
    columns: &'a [Column<R>],
    output: Outputs,
    report: &Report,
) -> Vec<&'a Column<R>> {
    columns.iter().filter(|c| c.shown(output, report)).collect()
}

/// The 0-based position of the column `key` among those `output` shows
/// (for workbook charts that point at a column).
pub fn position<R>(
    columns: &[Column<R>],
    output: Outputs,
    report: &Report,
    key: &str,
) -> Option<usize> {
    shown(columns, output, report)
        .iter()
        .position(|c| c.key == key)
}

/// A plain column shown everywhere.
const fn column<R>(
    title: &'static str,
    key: &'static str,
    value: fn(&Report, &R) -> Value,
) -> Column<R> {
    Column {
        title,
        key,
        outputs: Outputs::ALL,
        when: None,
        numeric: true,
        left: false,
        group: false,
        value,
        total: None,
    }
}

const fn year_column(
    title: &'static str,
    key: &'static str,
    value: fn(&Report, &YearRow) -> Value,
) -> Column<YearRow> {
    column(title, key, value)
}

const fn order_column(
    title: &'static str,
    key: &'static str,
    value: fn(&Report, &OrderRow) -> Value,
) -> Column<OrderRow> {
    column(title, key, value)
}

const fn goal_column(
    title: &'static str,
    key: &'static str,
    value: fn(&Report, &GoalRow) -> Value,
) -> Column<GoalRow> {
    column(title, key, value)
}

const fn phase_column(
    title: &'static str,
    key: &'static str,
    value: fn(&Report, &PhaseRow) -> Value,
) -> Column<PhaseRow> {
    column(title, key, value)
}

impl<R> Column<R> {
    const fn only(mut self, outputs: Outputs) -> Column<R> {
        self.outputs = outputs;
        self
    }

    const fn text(mut self) -> Column<R> {
        self.numeric = false;
        self
    }

    const fn left(mut self) -> Column<R> {
        self.left = true;
        self
    }

    const fn grouped(mut self) -> Column<R> {
        self.group = true;
        self
    }

    const fn totalled(mut self, total: fn(&Report) -> Value) -> Column<R> {
        self.total = Some(total);
        self
    }

    const fn when(mut self, when: fn(&Report) -> bool) -> Column<R> {
        self.when = Some(when);
        self
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn year(year: i32) -> Value {
    Value::Year {
        year,
        actual: false,
    }
}

/// A year marked as actual when it is history.
fn history_year(report: &Report, year: i32) -> Value {
    Value::Year {
        year,
        actual: year < report.as_of,
    }
}

/// Budget by year, with a total row. The money is named the same way in
/// every output: the envelope, what is open to the plan (B_y), carried in,
/// available, spent, carried out and lapsed.
pub const YEARS: &[Column<YearRow>] = &[
    year_column("Year", "year", |r, y| history_year(r, y.year))
        .left()
        .totalled(|_| text("Total")),
    year_column("Phase", "phase", |_, y| {
        text(y.phase.as_deref().unwrap_or(""))
    })
    .text()
    .totalled(|_| text("")),
    year_column("Envelope", "envelope", |_, y| Value::Money(y.envelope))
        .totalled(|r| Value::Money(r.year_totals.envelope)),
    year_column("Open to plan", "budget", |_, y| Value::Money(y.budget))
        .totalled(|r| Value::Money(r.year_totals.budget)),
    year_column("Carried in", "carried_in", |_, y| {
        Value::Money(y.carried_in)
    })
    .totalled(|_| Value::Blank),
    year_column("Available", "available", |_, y| Value::Money(y.available))
        .totalled(|_| Value::Blank),
    year_column("Payments", "payments", |_, y| Value::Money(y.payments))
        .totalled(|r| Value::Money(r.year_totals.payments)),
    year_column("Sustainment", "sustainment", |_, y| {
        Value::Money(y.sustainment)
    })
    .totalled(|r| Value::Money(r.year_totals.sustainment)),
    year_column("Spent", "spend", |_, y| Value::Money(y.spend))
        .totalled(|r| Value::Money(r.year_totals.spend)),
    // With funding sources, Spent holds what every source paid; the
    // national share is what Available, Carried out and Lapsed answer to.
    year_column("Of it national", "national_spend", |_, y| {
        Value::Money(y.national_spend)
    })
    .totalled(|r| Value::Money(r.national_cost))
    .when(|r| !r.sources.is_empty()),
    year_column("Carried out", "carry_out", |_, y| Value::Money(y.carry_out))
        .totalled(|_| Value::Blank),
    year_column("Lapsed", "lapsed", |_, y| Value::Money(y.lapsed))
        .totalled(|r| Value::Money(r.year_totals.lapsed)),
    year_column("Used %", "utilisation", |_, y| {
        Value::Percent(y.utilisation)
    })
    .totalled(|_| Value::Blank),
];

/// What a reader is told beside an order: history or fixed.
fn order_note(report: &Report, o: &OrderRow) -> Value {
    text(if o.year < report.as_of {
        "actual"
    } else if o.fixed {
        "fixed"
    } else {
        ""
    })
}

/// Who pays an order, as `grant 15M, national 3M` (each amount a figure
/// of its own, in the short form of [`Money::short`]).
fn paid_by(o: &OrderRow) -> Value {
    Value::Text(
        o.funding
            .iter()
            .map(|(source, amount)| format!("{source} {}", amount.short()))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The order schedule, grouped by phase and year in the terminal.
pub const ORDERS: &[Column<OrderRow>] = &[
    order_column("Phase", "phase", |_, o| {
        text(o.phase.as_deref().unwrap_or("-"))
    })
    .text()
    .only(Outputs::DISPLAY)
    .grouped(),
    order_column("Year", "year", |_, o| year(o.year))
        .left()
        .grouped(),
    order_column("Phase", "phase", |_, o| {
        text(o.phase.as_deref().unwrap_or(""))
    })
    .text()
    .only(Outputs::DATA),
    order_column("Item", "item", |_, o| text(&o.item))
        .text()
        .only(Outputs::DATA),
    order_column("Item", "name", |_, o| text(&o.name))
        .text()
        .only(Outputs::DISPLAY),
    order_column("Name", "name", |_, o| text(&o.name))
        .text()
        .only(Outputs::DATA),
    order_column("Category", "category", |_, o| text(&o.category)).text(),
    order_column("Units", "units", |_, o| Value::Units(o.units)),
    order_column("Delivered", "delivered", |_, o| {
        Value::Count(o.delivered.into())
    }),
    order_column("Cost", "cost", |_, o| Value::Money(o.cost)),
    order_column("Note", "note", order_note)
        .text()
        .only(Outputs::DISPLAY),
    order_column("Fixed", "fixed", |_, o| Value::Flag(o.fixed)).only(Outputs::DATA),
    order_column("Paid by", "paid_by", |_, o| paid_by(o))
        .text()
        .only(Outputs::TERMINAL)
        .when(|r| !r.sources.is_empty()),
];

/// Goal attainment, one row per milestone.
pub const GOALS: &[Column<GoalRow>] = &[
    goal_column("Goal", "name", |_, g| text(&g.name))
        .text()
        .only(Outputs::DISPLAY),
    goal_column("Milestone", "year", |r, g| history_year(r, g.year))
        .only(Outputs::DISPLAY)
        .left(),
    goal_column("Year", "year", |_, g| year(g.year)).only(Outputs::DATA),
    goal_column("Goal", "goal", |_, g| text(&g.goal))
        .text()
        .only(Outputs::DATA),
    goal_column("Name", "name", |_, g| text(&g.name))
        .text()
        .only(Outputs::DATA),
    goal_column("Weight", "weight", |_, g| Value::Points(g.weight)).only(Outputs::DATA),
    goal_column("Target", "target", |_, g| Value::Points(g.target)),
    goal_column("Achieved", "achieved", |_, g| Value::Points(g.achieved)),
    goal_column("Credited", "credited", |_, g| Value::Points(g.credited)),
    goal_column("Met %", "percent", |_, g| Value::Percent(g.percent)),
];

/// Money and orders by phase.
pub const PHASES: &[Column<PhaseRow>] = &[
    phase_column("Phase", "phase", |_, p| {
        Value::Text(format!("{} ({})", p.name, p.id))
    })
    .text()
    .only(Outputs::DISPLAY),
    phase_column("Years", "years", |_, p| {
        Value::Text(format!("{}-{}", p.start, p.end))
    })
    .text()
    .only(Outputs::DISPLAY),
    phase_column("Phase", "phase", |_, p| text(&p.id))
        .text()
        .only(Outputs::DATA),
    phase_column("Name", "name", |_, p| text(&p.name))
        .text()
        .only(Outputs::DATA),
    phase_column("Start", "start", |_, p| year(p.start)).only(Outputs::DATA),
    phase_column("End", "end", |_, p| year(p.end)).only(Outputs::DATA),
    phase_column("Envelope", "envelope", |_, p| Value::Money(p.envelope)),
    phase_column("Open to plan", "budget", |_, p| Value::Money(p.budget)),
    phase_column("Carried in", "carried_in", |_, p| {
        Value::Money(p.carried_in)
    }),
    phase_column("Spent", "spend", |_, p| Value::Money(p.spend)),
    phase_column("Carried out", "carry_out", |_, p| Value::Money(p.carry_out)),
    phase_column("Lapsed", "lapsed", |_, p| Value::Money(p.lapsed)),
    phase_column("Orders", "orders", |_, p| Value::Count(p.orders as i64)),
    phase_column("Order value", "order_value", |_, p| {
        Value::Money(p.order_value)
    }),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each output shows a key at most once, so a CSV header or a chart's
    /// column lookup is never ambiguous.
    fn keys_unique<R>(columns: &[Column<R>], report: &Report) {
        for output in [
            Outputs::TERMINAL,
            Outputs::HTML,
            Outputs::CSV,
            Outputs::XLSX,
        ] {
            let keys: Vec<&str> = shown(columns, output, report)
                .iter()
                .map(|c| c.key)
                .collect();
            for (k, key) in keys.iter().enumerate() {
                assert!(!keys[..k].contains(key), "{key} twice in {keys:?}");
            }
        }
    }

    fn report() -> Report {
        let plan = "[plan]\nname = \"t\"\nstart = 2025\nend = 2026\n\
                    [budget]\nyears = { 2025 = 10, 2026 = 10 }\n\
                    [[item]]\nid = \"a\"\ncategory = \"c\"\nunit_cost = 1\nmax_units = 1\n\
                    contributes = { g = 1 }\n\
                    [[goal]]\nid = \"g\"\ntargets = { 2026 = 1 }\n";
        let (plan, _) = crate::plan::load_text("t.toml", plan).unwrap_or_else(|e| panic!("{e:?}"));
        crate::solve_report(&plan, &crate::solve::SolveOptions::default())
    }

    #[test]
    fn keys_are_unique_per_output() {
        let report = report();
        keys_unique(YEARS, &report);
        keys_unique(ORDERS, &report);
        keys_unique(GOALS, &report);
        keys_unique(PHASES, &report);
    }

    #[test]
    fn positions_count_only_the_columns_an_output_shows() {
        let report = report();
        // CSV and workbook: year, phase, envelope, budget, available, ...
        assert_eq!(position(YEARS, Outputs::XLSX, &report, "budget"), Some(3));
        // Goals in the workbook: year, goal, name, weight, target, achieved.
        assert_eq!(position(GOALS, Outputs::XLSX, &report, "achieved"), Some(5));
        assert_eq!(position(GOALS, Outputs::TERMINAL, &report, "weight"), None);
    }
}
