//! The budget vocabulary (envelope, open to the plan, carried in,
//! available, spent, carried out, lapsed) and the one number format, across
//! the terminal tables, JSON, CSV, the workbook and the HTML pack.
//!
//! `tests/fixtures/vocabulary/lapse.toml` fixes every order, so each figure
//! is worked out by hand in its header; the identities between the figures
//! are checked in whole cents on it and on the export fixture.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const LAPSE: &str = "tests/fixtures/vocabulary/lapse.toml";

/// capplan's stdout, run from the crate root; the exit code must be 0.
fn capplan(args: &[&str]) -> String {
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .current_dir(root())
        .args(args)
        .output()
        .expect("run capplan");
    assert_eq!(
        out.status.code(),
        Some(0),
        "capplan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(plan: &str) -> Value {
    let text = capplan(&["solve", plan, "--format", "json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A money field in whole cents.
fn cents(v: &Value, key: &str) -> i64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number `{key}` in {v}"));
    (x * 100.0).round() as i64
}

#[test]
fn years_and_phases_carry_and_lapse_as_worked_by_hand() {
    let v = json(LAPSE);
    let years = v["years"].as_array().expect("years");
    // (envelope, open, carried in, available, spent, carried out, lapsed)
    let expected: [[i64; 7]; 3] = [
        [20_000, 10_000, 0, 10_000, 5_001, 1_000, 3_999],
        [20_000, 10_000, 1_000, 11_000, 10_551, 449, 0],
        [20_000, 10_000, 449, 10_449, 371, 1_000, 9_078],
    ];
    let keys = [
        "envelope",
        "budget",
        "carried_in",
        "available",
        "spend",
        "carry_out",
        "lapsed",
    ];
    assert_eq!(years.len(), 3);
    for (y, row) in years.iter().zip(expected) {
        for (key, want) in keys.iter().zip(row) {
            assert_eq!(cents(y, key), want, "{} {key}", y["year"]);
        }
    }
    let phases = v["phases"].as_array().expect("phases");
    // (envelope, open, carried in, spent, carried out, lapsed)
    let expected: [[i64; 6]; 2] = [
        [40_000, 20_000, 0, 15_552, 449, 3_999],
        [20_000, 10_000, 449, 371, 1_000, 9_078],
    ];
    let keys = [
        "envelope",
        "budget",
        "carried_in",
        "spend",
        "carry_out",
        "lapsed",
    ];
    for (p, row) in phases.iter().zip(expected) {
        for (key, want) in keys.iter().zip(row) {
            assert_eq!(cents(p, key), want, "{} {key}", p["phase"]);
        }
    }
}

/// carried_in_y = carried_out_{y-1}; available = open + carried in;
/// available - national spend = carried out + lapsed; all in cents.
fn assert_money_adds_up(v: &Value) {
    let years = v["years"].as_array().expect("years");
    let mut carried = 0;
    for y in years {
        let at = &y["year"];
        assert_eq!(cents(y, "carried_in"), carried, "{at} carried in");
        assert_eq!(
            cents(y, "available"),
            cents(y, "budget") + cents(y, "carried_in"),
            "{at} available"
        );
        assert_eq!(
            cents(y, "available") - cents(y, "national_spend"),
            cents(y, "carry_out") + cents(y, "lapsed"),
            "{at} available - spent"
        );
        carried = cents(y, "carry_out");
    }
}

#[test]
fn the_money_adds_up_in_exact_cents() {
    assert_money_adds_up(&json(LAPSE));
    assert_money_adds_up(&json("tests/fixtures/exports/review.toml"));
}

#[test]
fn the_contract_fields_keep_their_names() {
    let v = json(LAPSE);
    for key in [
        "year",
        "budget",
        "available",
        "payments",
        "sustainment",
        "spend",
        "carry_out",
    ] {
        assert!(v["years"][0].get(key).is_some(), "years[].{key}");
    }
}

fn path(p: &str) -> PathBuf {
    root().join(Path::new(p))
}

#[test]
fn sensitivity_steps_the_envelope_by_default() {
    // Envelopes of 200, capital share 0.5: +1 of envelope is +0.5 open to
    // the plan; `--of open` moves B_y by the 1 itself. (A step of 5 open
    // would make 2026 infeasible: 105 available, 105.51 owed.)
    let plan = path(LAPSE);
    let plan = plan.to_str().unwrap_or_default();
    let v: Value = serde_json::from_str(&capplan(&[
        "sensitivity",
        plan,
        "--step",
        "1",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(v["of"], "envelope");
    assert_eq!(v["step"].as_f64(), Some(1.0));
    assert_eq!(v["open_step"].as_f64(), Some(0.5));
    let v: Value = serde_json::from_str(&capplan(&[
        "sensitivity",
        plan,
        "--step",
        "1",
        "--of",
        "open",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(v["of"], "open");
    assert_eq!(v["open_step"].as_f64(), Some(1.0));
    let table = capplan(&["sensitivity", plan, "--step", "1"]);
    assert!(
        table.contains(
            "each year's envelope raised and lowered by 1 EUR (0.5 EUR open to the plan)"
        ),
        "{table}"
    );
}

/// The terminal report up to its footer (which names the version).
#[test]
fn terminal_tables_name_the_money_and_format_it_one_way() {
    let out = capplan(&["solve", LAPSE]);
    let body = out
        .rsplit_once("\n\ntests/fixtures/vocabulary/lapse.toml |")
        .map_or(out.as_str(), |(body, _)| body);
    insta::assert_snapshot!("terminal", body);
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[test]
fn csv_files_name_the_money_and_round_it_to_the_cent() {
    let dir = scratch();
    let tables = dir.path().join("tables");
    let tables_arg = format!("{}/", tables.display());
    capplan(&["solve", LAPSE, "--export", &tables_arg]);
    for name in ["years", "orders", "phases", "goals"] {
        let text = std::fs::read_to_string(tables.join(format!("{name}.csv")))
            .unwrap_or_else(|e| panic!("{name}.csv: {e}"));
        insta::assert_snapshot!(format!("csv-{name}"), text.replace("\r\n", "\n"));
    }
}

#[test]
fn html_tables_read_like_the_terminal() {
    let dir = scratch();
    let out = dir.path().join("pack.html");
    let out_arg = out.display().to_string();
    capplan(&["report", LAPSE, "-o", &out_arg]);
    let html = std::fs::read_to_string(&out).expect("the pack");
    for caption in ["Budget by year", "Order schedule", "Phases"] {
        let start = html
            .find(&format!("<table>\n<caption>{caption}"))
            .unwrap_or_else(|| panic!("no table {caption}"));
        let end = html[start..]
            .find("</table>")
            .map_or(html.len(), |e| start + e);
        insta::assert_snapshot!(
            format!("html-{}", caption.to_lowercase().replace(' ', "-")),
            &html[start..end]
        );
    }
}

#[test]
fn the_workbook_names_the_money_keeps_it_exact_and_formats_it() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = scratch();
    let book = dir.path().join("lapse.xlsx");
    let book_arg = book.display().to_string();
    capplan(&["solve", LAPSE, "--export", &book_arg]);
    let mut xlsx: Xlsx<_> = open_workbook(&book).expect("a workbook");
    let years = xlsx.worksheet_range("Years").expect("Years");
    let rows: Vec<&[Data]> = years.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Year",
            "Phase",
            "Envelope",
            "Open to plan",
            "Carried in",
            "Available",
            "Payments",
            "Sustainment",
            "Spent",
            "Carried out",
            "Lapsed",
            "Used %",
            "Spend: general",
        ]
    );
    // 2026: the exact figures worked out in the fixture's header.
    let at = |title: &str| header.iter().position(|h| h == title).unwrap_or(usize::MAX);
    let row = rows[2];
    assert_eq!(row[at("Carried in")], Data::Float(10.0));
    assert_eq!(row[at("Spent")], Data::Float(105.51));
    assert_eq!(row[at("Carried out")], Data::Float(4.49));
    assert_eq!(row[at("Lapsed")], Data::Float(0.0));
    // Used %: 100 x 105.51 / 110, kept exact in the cell.
    assert_eq!(row[at("Used %")], Data::Float(100.0 * 10_551.0 / 11_000.0));
    let summary = xlsx.worksheet_range("Summary").expect("Summary");
    let lapsed = summary
        .rows()
        .find(|r| r.first().map(|c| c.to_string()).as_deref() == Some("Lapsed (total)"))
        .and_then(|r| r.get(1).cloned());
    // 39.99 + 0 + 90.78
    assert_eq!(lapsed, Some(Data::Float(130.77)));
    let phases = xlsx.worksheet_range("Phases").expect("Phases");
    let header: Vec<String> = phases
        .rows()
        .next()
        .unwrap_or_default()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Phase",
            "Name",
            "Start",
            "End",
            "Envelope",
            "Open to plan",
            "Carried in",
            "Spent",
            "Carried out",
            "Lapsed",
            "Orders",
            "Order value",
        ]
    );
    let orders = xlsx.worksheet_range("Orders").expect("Orders");
    let units = orders.rows().nth(3).map(|r| r[5].clone());
    assert_eq!(units, Some(Data::Float(1.2345)), "units stay exact");
    // calamine reads values, not formats: the formats are in styles.xml.
    let file = std::fs::File::open(&book).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/styles.xml").expect("styles"),
        &mut styles,
    )
    .expect("utf-8");
    for format in [
        "formatCode=\"#,##0 &quot;EUR&quot;\"",
        "formatCode=\"0.0&quot;%&quot;\"",
        "formatCode=\"#,##0.00\"",
    ] {
        assert!(styles.contains(format), "{format} in {styles}");
    }
}
