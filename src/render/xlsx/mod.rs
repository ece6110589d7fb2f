//! The report as an Excel workbook (rust_xlsxwriter), for review packs.
//!
//! A solve gets sheets Summary (headline figures, the inputs' key facts,
//! provenance), Charts (native charts of spend against budget and of goal
//! attainment against target, with their data; [`charts`]), Years, Orders,
//! Goals, Phases, Cash flow and Inputs ([`report`]); a sweep gets Summary and Sweep with a chart of readiness
//! against total budget ([`sweep`]); a risk analysis gets Summary, Risk
//! (milestone probabilities, with a chart) and Items ([`risk`]). Every figure is a typed cell (money a
//! number with a currency format), read straight from the [`Report`] or
//! [`SweepReport`]: this module lays cells out and never computes. The
//! workbook carries a fixed creation date unless the result is stamped, so
//! the same input gives the same bytes.

mod charts;
mod funding;
mod report;
mod risk;
mod sweep;
mod whatif;

use crate::money::Money;
use crate::provenance::Provenance;
use crate::report::Report;
use crate::whatif::risk::RiskReport;
use crate::whatif::sweep::SweepReport;
use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The workbook of a solved (or unsolvable) plan, as file bytes.
pub fn report(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let style = Style::new(&report.currency);
    let mut book = Workbook::new();
    book.set_properties(&properties(&report.plan, &report.provenance)?);
    write_sheet(
        book.add_worksheet(),
        "Summary",
        &style,
        &report::summary(report),
    )?;
    if report.has_schedule() {
        charts::write(book.add_worksheet(), &style, report)?;
    }
    write_sheet(
        book.add_worksheet(),
        "Years",
        &style,
        &report::years(report),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Orders",
        &style,
        &report::orders(report),
    )?;
    if !report.sources.is_empty() {
        let sheet = funding::funding(report);
        write_sheet(book.add_worksheet(), "Funding", &style, &sheet)?;
    }
    write_sheet(
        book.add_worksheet(),
        "Goals",
        &style,
        &report::goals(report),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Phases",
        &style,
        &report::phases(report),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Cash flow",
        &style,
        &report::cashflow(report),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Inputs",
        &style,
        &report::inputs(report),
    )?;
    book.save_to_buffer()
}

/// The workbook of a budget sweep, as file bytes.
pub fn sweep(sweep: &SweepReport) -> Result<Vec<u8>, XlsxError> {
    let style = Style::new(&sweep.currency);
    let mut book = Workbook::new();
    book.set_properties(&properties(&sweep.plan, &sweep.provenance)?);
    write_sheet(
        book.add_worksheet(),
        "Summary",
        &style,
        &sweep::summary(sweep),
    )?;
    let points = sweep::points(sweep);
    let sheet = write_sheet(book.add_worksheet(), "Sweep", &style, &points)?;
    if !sweep.points.is_empty() {
        sheet.insert_chart(
            1,
            points.header.len() as u16 + 1,
            &sweep::frontier_chart(sweep),
        )?;
    }
    book.save_to_buffer()
}

/// The workbook of a risk analysis, as file bytes: Summary, Risk (the
/// milestones, with a chart of their probabilities) and Items.
pub fn risk(risk: &RiskReport) -> Result<Vec<u8>, XlsxError> {
    let style = Style::new(&risk.currency);
    let mut book = Workbook::new();
    book.set_properties(&properties(&risk.plan, &risk.provenance)?);
    write_sheet(
        book.add_worksheet(),
        "Summary",
        &style,
        &risk::summary(risk),
    )?;
    let milestones = risk::milestones(risk);
    let sheet = write_sheet(book.add_worksheet(), "Risk", &style, &milestones)?;
    if !risk.milestones.is_empty() {
        sheet.insert_chart(
            1,
            milestones.header.len() as u16 + 1,
            &risk::milestone_chart(risk),
        )?;
    }
    write_sheet(book.add_worksheet(), "Items", &style, &risk::items(risk))?;
    book.save_to_buffer()
}

/// The workbook of a comparison, as file bytes: Compare (one column per
/// run) and Moves (what moved against the reference).
pub fn compare(
    plan: &str,
    comparison: &crate::whatif::compare::Comparison,
) -> Result<Vec<u8>, XlsxError> {
    let currency = comparison
        .runs
        .first()
        .map_or(String::new(), |r| r.report.currency.clone());
    let style = Style::new(&currency);
    let mut book = Workbook::new();
    book.set_properties(&whatif_properties(plan)?);
    write_sheet(
        book.add_worksheet(),
        "Compare",
        &style,
        &whatif::compare(comparison),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Moves",
        &style,
        &whatif::moves(comparison),
    )?;
    book.save_to_buffer()
}

/// The workbook of a budget sensitivity, as file bytes: Summary and
/// Sensitivity.
pub fn sensitivity(
    plan: &str,
    currency: &str,
    s: &crate::whatif::sensitivity::Sensitivity,
) -> Result<Vec<u8>, XlsxError> {
    let style = Style::new(currency);
    let mut book = Workbook::new();
    book.set_properties(&whatif_properties(plan)?);
    write_sheet(
        book.add_worksheet(),
        "Summary",
        &style,
        &whatif::sensitivity_summary(plan, currency, s),
    )?;
    write_sheet(
        book.add_worksheet(),
        "Sensitivity",
        &style,
        &whatif::sensitivity(s),
    )?;
    book.save_to_buffer()
}

/// Title and the fixed creation date (these results carry no stamp), so
/// the same input gives the same bytes.
fn whatif_properties(plan: &str) -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_title(plan)
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?))
}

/// One cell's value and how it is shown.
enum Cell {
    Text(String),
    /// A count or a year.
    Int(i64),
    /// Units, points, shares: whole numbers shown without decimals,
    /// others with two (the cell keeps the exact value).
    Number(f64),
    /// A percentage from 0 to 100, one decimal and `%` shown.
    Percent(f64),
    Money(Money),
    Bool(bool),
    /// A bold section title.
    Heading(String),
    Blank,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn number_or_blank(x: Option<f64>) -> Cell {
        x.map_or(Cell::Blank, Cell::Number)
    }

    /// About how many characters the cell shows, for column widths.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) | Cell::Heading(s) => s.chars().count(),
            Cell::Int(i) => i.to_string().len(),
            Cell::Number(x) => super::number(*x, 6).len(),
            Cell::Percent(_) => 6,
            // Digits, group separators, cents and the currency.
            Cell::Money(m) => {
                let digits = m.cents().unsigned_abs().to_string().len().max(3);
                digits + digits / 3 + 6
            }
            Cell::Bool(_) => 5,
            Cell::Blank => 0,
        }
    }
}

/// A sheet: a header row and data rows.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Data sheets get an autofilter; the two-column Summary does not.
    filter: bool,
}

impl Sheet {
    fn table(header: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            filter: true,
        }
    }
}

/// The cell formats of one workbook.
struct Style {
    header: Format,
    section: Format,
    money: Format,
    percent: Format,
    whole: Format,
    fraction: Format,
}

impl Style {
    fn new(currency: &str) -> Style {
        Style {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            section: Format::new().set_bold(),
            money: Format::new().set_num_format(super::format::xlsx_money(currency)),
            percent: Format::new().set_num_format(super::format::XLSX_PERCENT),
            whole: Format::new().set_num_format(super::format::XLSX_WHOLE),
            fraction: Format::new().set_num_format(super::format::XLSX_FRACTION),
        }
    }
}

/// Writes a sheet: header frozen, columns sized to their content.
fn write_sheet<'a>(
    ws: &'a mut Worksheet,
    name: &str,
    style: &Style,
    sheet: &Sheet,
) -> Result<&'a mut Worksheet, XlsxError> {
    ws.set_name(name)?;
    let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
    for (c, title) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, title, &style.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.width());
            }
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s)?,
                Cell::Int(i) => ws.write_number(r, c, *i as f64)?,
                Cell::Number(x) => {
                    let shown = if x.fract() == 0.0 {
                        &style.whole
                    } else {
                        &style.fraction
                    };
                    ws.write_number_with_format(r, c, *x, shown)?
                }
                Cell::Percent(x) => ws.write_number_with_format(r, c, *x, &style.percent)?,
                Cell::Money(m) => ws.write_number_with_format(r, c, m.to_units(), &style.money)?,
                Cell::Bool(b) => ws.write_boolean(r, c, *b)?,
                Cell::Heading(s) => ws.write_string_with_format(r, c, s, &style.section)?,
                Cell::Blank => ws,
            };
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w + 2).clamp(8, 80) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if sheet.filter && !sheet.header.is_empty() {
        let last_col = sheet.header.len() as u16 - 1;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
    }
    Ok(ws)
}

/// Title, a comment naming the input, and a creation date: the stamp when
/// there is one, otherwise a fixed date so the bytes do not change.
fn properties(plan: &str, provenance: &Provenance) -> Result<DocProperties, XlsxError> {
    let created = match provenance.generated {
        Some(t) => ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?
            .and_hms(t.hour() as u16, t.minute() as u8, t.second())?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    Ok(DocProperties::new()
        .set_title(plan)
        .set_comment(format!(
            "capplan {}, input sha256 {}",
            provenance.version, provenance.input_hash
        ))
        .set_creation_datetime(&created))
}

/// A Summary row: a label and a value.
fn field(label: &str, value: Cell) -> Vec<Cell> {
    vec![Cell::text(label), value]
}

/// A Summary section heading (bold, no value).
fn heading(rows: &mut Vec<Vec<Cell>>, title: &str) {
    if !rows.is_empty() {
        rows.push(vec![]);
    }
    rows.push(vec![Cell::Heading(title.to_string())]);
}

/// The Provenance section, up to the solver rows.
fn provenance_rows(rows: &mut Vec<Vec<Cell>>, p: &Provenance) {
    heading(rows, "Provenance");
    rows.push(field("Plan file", Cell::text(&p.plan_file)));
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join("; ")
        }
    };
    rows.push(field("Scenarios", Cell::text(list(&p.scenarios))));
    rows.push(field("Overrides (--set)", Cell::text(list(&p.overrides))));
    rows.push(field("Input SHA-256", Cell::text(&p.input_hash)));
    rows.push(field("capplan version", Cell::text(p.version)));
    if let Some(generated) = p.generated_text() {
        rows.push(field("Generated (UTC)", Cell::text(generated)));
    }
}

fn summary_sheet(rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        header: vec!["Field".into(), "Value".into()],
        rows,
        filter: false,
    }
}
