//! `--export` end to end: every export is read back (XLSX with calamine and
//! as a zip, CSV with the csv crate) and its figures compared with the JSON
//! result of the same solve; the same input gives the same bytes; failed
//! writes are errors that name the path and leave complete files alone.
//!
//! Outputs go to a fresh temporary directory per test.

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const BAD_INPUT: i32 = 2;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(path)
}

fn review_plan() -> PathBuf {
    fixture("exports/review.toml")
}

fn scratch() -> TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// What one capplan run did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs capplan in `dir` with `args`.
fn capplan(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run capplan");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `capplan solve <plan> --format json` plus `extra`, in `dir`.
fn solve(dir: &Path, plan: &Path, extra: &[&str]) -> Run {
    let plan = plan.to_string_lossy();
    let mut args = vec!["solve", &plan, "--format", "json"];
    args.extend_from_slice(extra);
    capplan(dir, &args)
}

fn approx(actual: f64, expected: f64, what: &str) {
    let tol = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: expected {expected}, got {actual}"
    );
}

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number `{key}` in {v}"))
}

/// A worksheet as header names and data rows.
struct Sheet {
    header: Vec<String>,
    rows: Vec<Vec<Data>>,
}

impl Sheet {
    fn read(path: &Path, name: &str) -> Sheet {
        let mut book: Xlsx<_> =
            open_workbook(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
        let range = book
            .worksheet_range(name)
            .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        let mut rows = range.rows().map(|r| r.to_vec());
        let header = rows
            .next()
            .unwrap_or_default()
            .iter()
            .map(|c| c.to_string())
            .collect();
        Sheet {
            header,
            rows: rows.collect(),
        }
    }

    fn col(&self, title: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == title)
            .unwrap_or_else(|| panic!("no column {title} in {:?}", self.header))
    }

    /// A numeric cell: it must be stored as a number, never as text.
    fn number(&self, row: usize, title: &str) -> f64 {
        match &self.rows[row][self.col(title)] {
            Data::Float(x) => *x,
            Data::Int(i) => *i as f64,
            other => panic!("{title} in row {row}: expected a number, got {other:?}"),
        }
    }

    fn text(&self, row: usize, title: &str) -> String {
        match &self.rows[row][self.col(title)] {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("{title} in row {row}: expected text, got {other:?}"),
        }
    }

    /// The value beside a label in a two-column Summary sheet.
    fn field(&self, label: &str) -> &Data {
        self.rows
            .iter()
            .find(|r| r.first() == Some(&Data::String(label.to_string())))
            .and_then(|r| r.get(1))
            .unwrap_or_else(|| panic!("no Summary row {label}"))
    }

    fn labels(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|r| r.first().map(|c| c.to_string()))
            .collect()
    }
}

/// The file names inside an xlsx (a zip).
fn zip_entries(path: &Path) -> Vec<String> {
    let file = fs::File::open(path).expect("open xlsx");
    let zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    zip.file_names()
        .map(|name| name.expect("a readable entry name").into_owned())
        .collect()
}

fn zip_text(path: &Path, name: &str) -> String {
    let file = fs::File::open(path).expect("open xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).expect("utf-8 xml");
    text
}

/// A CSV file as header names and records.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

/// A CSV figure equals the JSON figure rounded at the CSV's precision: to
/// the cent, four decimals for a percentage, six for units and points.
fn rounded(csv: f64, json: f64, key: &str) {
    assert!(
        (csv - json).abs() <= 5e-5 + 1e-12 * json.abs(),
        "{key}: CSV {csv}, JSON {json}"
    );
}

fn csv_number(header: &[String], row: &[String], key: &str) -> f64 {
    let at = header
        .iter()
        .position(|h| h == key)
        .unwrap_or_else(|| panic!("no CSV column {key} in {header:?}"));
    row[at]
        .parse()
        .unwrap_or_else(|e| panic!("{key} = {:?}: {e}", row[at]))
}

const YEAR_MONEY: [(&str, &str); 9] = [
    ("Envelope", "envelope"),
    ("Open to plan", "budget"),
    ("Carried in", "carried_in"),
    ("Available", "available"),
    ("Payments", "payments"),
    ("Sustainment", "sustainment"),
    ("Spent", "spend"),
    ("Carried out", "carry_out"),
    ("Lapsed", "lapsed"),
];

#[test]
fn xlsx_figures_equal_the_json_result() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "review.xlsx"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let json = run.json();
    let book = dir.path().join("review.xlsx");

    let years = Sheet::read(&book, "Years");
    let json_years = json["years"].as_array().expect("years");
    assert_eq!(years.rows.len(), json_years.len());
    for (i, y) in json_years.iter().enumerate() {
        approx(years.number(i, "Year"), num(y, "year"), "year");
        for (title, key) in YEAR_MONEY {
            approx(years.number(i, title), num(y, key), &format!("{key} {i}"));
        }
        approx(years.number(i, "Used %"), num(y, "utilisation"), "used");
        // Spend stacked by category adds up to the year's spend.
        let by_category: f64 = years
            .header
            .iter()
            .filter(|h| h.starts_with("Spend: "))
            .map(|h| years.number(i, h))
            .sum();
        assert!(
            (by_category - num(y, "spend")).abs() < 0.005,
            "year {i}: categories sum to {by_category}, spend is {}",
            num(y, "spend")
        );
    }
    assert_eq!(
        years
            .header
            .iter()
            .filter(|h| h.starts_with("Spend: "))
            .collect::<Vec<_>>(),
        ["Spend: C4", "Spend: mobility"]
    );

    let orders = Sheet::read(&book, "Orders");
    let json_orders = json["orders"].as_array().expect("orders");
    assert_eq!(orders.rows.len(), json_orders.len());
    for (i, o) in json_orders.iter().enumerate() {
        assert_eq!(orders.text(i, "Item"), o["item"].as_str().unwrap_or(""));
        approx(orders.number(i, "Year"), num(o, "year"), "order year");
        approx(orders.number(i, "Units"), num(o, "units"), "units");
        approx(
            orders.number(i, "Delivered"),
            num(o, "delivered"),
            "delivered",
        );
        approx(orders.number(i, "Cost"), num(o, "cost"), "cost");
        assert_eq!(
            orders.rows[i][orders.col("Fixed")],
            Data::Bool(o["fixed"].as_bool().unwrap_or(false))
        );
    }

    let goals = Sheet::read(&book, "Goals");
    let json_goals = json["goals"].as_array().expect("goals");
    assert_eq!(goals.rows.len(), json_goals.len());
    for (i, g) in json_goals.iter().enumerate() {
        assert_eq!(goals.text(i, "Goal"), g["goal"].as_str().unwrap_or(""));
        for (title, key) in [
            ("Year", "year"),
            ("Target", "target"),
            ("Achieved", "achieved"),
            ("Credited", "credited"),
            ("Met %", "percent"),
        ] {
            approx(
                goals.number(i, title),
                num(g, key),
                &format!("goal {key} {i}"),
            );
        }
    }

    let phases = Sheet::read(&book, "Phases");
    let json_phases = json["phases"].as_array().expect("phases");
    assert_eq!(phases.rows.len(), json_phases.len());
    for (i, p) in json_phases.iter().enumerate() {
        for (title, key) in [
            ("Envelope", "envelope"),
            ("Open to plan", "budget"),
            ("Carried in", "carried_in"),
            ("Spent", "spend"),
            ("Carried out", "carry_out"),
            ("Lapsed", "lapsed"),
        ] {
            approx(
                phases.number(i, title),
                num(p, key),
                &format!("phase {key}"),
            );
        }
        approx(
            phases.number(i, "Order value"),
            num(p, "order_value"),
            "order value",
        );
    }

    let summary = Sheet::read(&book, "Summary");
    assert_eq!(summary.field("Status"), &Data::String("optimal".into()));
    assert_eq!(
        summary.field("Total cost"),
        &Data::Float(num(&json, "total_cost"))
    );
    assert_eq!(
        summary.field("Commitments after horizon"),
        &Data::Float(num(&json, "commitments_after_horizon"))
    );
    assert_eq!(
        summary.field("Readiness %"),
        &Data::Float(num(&json, "readiness"))
    );
    assert_eq!(
        summary.field("Open to the plan (total)"),
        &Data::Float(38_800_000.0)
    );
    assert_eq!(summary.field("Items"), &Data::Float(3.0));
    let provenance = &json["provenance"];
    assert_eq!(
        summary.field("Input SHA-256").to_string(),
        provenance["input_sha256"].as_str().unwrap_or("?")
    );
    assert_eq!(
        summary.field("Plan file").to_string(),
        provenance["plan_file"].as_str().unwrap_or("?")
    );
    assert_eq!(
        summary.field("capplan version").to_string(),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(summary.field("Solver backend").to_string(), "microlp");
    assert!(!summary.labels().iter().any(|l| l.starts_with("Generated")));

    let inputs = Sheet::read(&book, "Inputs");
    assert_eq!(inputs.rows.len(), 3);
    assert_eq!(inputs.text(0, "Name"), "Radio set, VHF");
    approx(inputs.number(0, "Unit cost"), 333_333.33, "unit cost");
    assert_eq!(inputs.text(0, "Fixed"), "2025: 2");
    assert_eq!(inputs.text(1, "Payments"), "0.3, 0.3, 0.4");
    assert_eq!(inputs.text(2, "Requires"), "radio");
    assert_eq!(inputs.text(2, "Contributes"), "c4: 30; mobility: 5");
}

#[test]
fn xlsx_has_native_charts_and_currency_formats() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "review.xlsx"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let book = dir.path().join("review.xlsx");
    let entries = zip_entries(&book);
    for chart in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
        assert!(entries.iter().any(|e| e == chart), "{chart} in {entries:?}");
    }
    let spend = zip_text(&book, "xl/charts/chart1.xml");
    assert!(spend.contains("<c:barChart>"), "columns");
    assert!(spend.contains("<c:grouping val=\"stacked\"/>"), "stacked");
    assert!(spend.contains("<c:lineChart>"), "budget line");
    // Goal attainment: horizontal bars of achieved points and targets.
    let goals = zip_text(&book, "xl/charts/chart2.xml");
    assert!(goals.contains("<c:barChart>") && goals.contains("<c:barDir val=\"bar\"/>"));
    let styles = zip_text(&book, "xl/styles.xml");
    // Money in whole currency units with the code, percentages with one
    // decimal and a % sign, fractional units with two decimals; the cells
    // keep the exact values (checked against the JSON above).
    assert!(styles.contains("#,##0 &quot;EUR&quot;"), "{styles}");
    assert!(styles.contains("0.0&quot;%&quot;"), "{styles}");
    assert!(styles.contains("#,##0.00"), "{styles}");
    // Summary, Charts, then Years.
    let years = zip_text(&book, "xl/worksheets/sheet3.xml");
    assert!(years.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(years.contains("<autoFilter ref=\"A1:"), "autofilter");
}

#[test]
fn csv_directory_holds_every_table_equal_to_the_json() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "tables/"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let json = run.json();
    let tables = dir.path().join("tables");

    let (header, rows) = read_csv(&tables.join("years.csv"));
    let json_years = json["years"].as_array().expect("years");
    assert_eq!(rows.len(), json_years.len());
    for (row, y) in rows.iter().zip(json_years) {
        for key in [
            "year",
            "envelope",
            "budget",
            "carried_in",
            "available",
            "payments",
            "sustainment",
            "spend",
            "carry_out",
            "lapsed",
            "utilisation",
        ] {
            // Rounded at the number format's precision (percentages to
            // four decimals, money to the cent).
            rounded(csv_number(&header, row, key), num(y, key), key);
        }
    }

    let (header, rows) = read_csv(&tables.join("orders.csv"));
    let json_orders = json["orders"].as_array().expect("orders");
    assert_eq!(rows.len(), json_orders.len());
    for (row, o) in rows.iter().zip(json_orders) {
        for key in ["year", "units", "delivered", "cost"] {
            rounded(csv_number(&header, row, key), num(o, key), key);
        }
    }
    assert_eq!(
        rows[0][header.iter().position(|h| h == "name").unwrap_or(0)],
        "Radio set, VHF"
    );

    let (header, rows) = read_csv(&tables.join("goals.csv"));
    let json_goals = json["goals"].as_array().expect("goals");
    assert_eq!(rows.len(), json_goals.len());
    for (row, g) in rows.iter().zip(json_goals) {
        for key in ["year", "target", "achieved", "credited", "percent"] {
            rounded(csv_number(&header, row, key), num(g, key), key);
        }
    }

    let (header, rows) = read_csv(&tables.join("phases.csv"));
    let json_phases = json["phases"].as_array().expect("phases");
    assert_eq!(rows.len(), json_phases.len());
    for (row, p) in rows.iter().zip(json_phases) {
        for key in ["budget", "spend", "orders", "order_value"] {
            rounded(csv_number(&header, row, key), num(p, key), key);
        }
    }

    let (header, rows) = read_csv(&tables.join("provenance.csv"));
    assert_eq!(header, ["key", "value"]);
    let value = |key: &str| {
        rows.iter()
            .find(|r| r[0] == key)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no provenance row {key}"))
    };
    assert_eq!(value("plan"), "Exports: \"review\", small");
    assert_eq!(
        value("input_sha256"),
        json["provenance"]["input_sha256"].as_str().unwrap_or("?")
    );
    assert_eq!(value("capplan_version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(value("solver_backend"), "microlp");
    assert_eq!(value("status"), "optimal");
    let text = fs::read_to_string(tables.join("provenance.csv")).unwrap_or_default();
    assert!(!text.contains('#'), "comment-free:\n{text}");
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn a_csv_file_is_the_order_schedule_in_long_form() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "orders.csv"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let json = run.json();
    let (header, rows) = read_csv(&dir.path().join("orders.csv"));
    assert_eq!(
        header,
        [
            "year",
            "phase",
            "item",
            "name",
            "category",
            "units",
            "delivered",
            "cost",
            "fixed"
        ]
    );
    let json_orders = json["orders"].as_array().expect("orders");
    assert_eq!(rows.len(), json_orders.len());
    for (row, o) in rows.iter().zip(json_orders) {
        assert_eq!(row[2], o["item"].as_str().unwrap_or("?"));
        assert_eq!(csv_number(&header, row, "cost"), num(o, "cost"));
    }
}

#[test]
fn json_export_is_the_json_result() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "result.json"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let written = fs::read_to_string(dir.path().join("result.json")).unwrap_or_default();
    assert_eq!(written, run.stdout);
}

/// Every export of one run, by name, as bytes.
fn all_exports(dir: &Path, extra: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut args = vec![
        "--export",
        "review.xlsx",
        "--export",
        "orders.csv",
        "--export",
        "tables/",
        "--export",
        "result.json",
    ];
    args.extend_from_slice(extra);
    let run = solve(dir, &review_plan(), &args);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let mut files = Vec::new();
    for name in ["review.xlsx", "orders.csv", "result.json"] {
        files.push((
            name.to_string(),
            fs::read(dir.join(name)).unwrap_or_default(),
        ));
    }
    for name in ["years", "orders", "goals", "phases", "provenance"] {
        let path = dir.join("tables").join(format!("{name}.csv"));
        files.push((
            format!("tables/{name}.csv"),
            fs::read(path).unwrap_or_default(),
        ));
    }
    files
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (first, second) = (scratch(), scratch());
    let a = all_exports(first.path(), &[]);
    let b = all_exports(second.path(), &[]);
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(!x.is_empty(), "{name} is empty");
        assert!(x == y, "{name} differs between two runs");
    }
    let core = zip_text(&first.path().join("review.xlsx"), "docProps/core.xml");
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}

#[test]
fn stamp_adds_the_generation_time() {
    let dir = scratch();
    let files = all_exports(dir.path(), &["--stamp"]);
    let json: Value = serde_json::from_slice(&files[2].1).expect("json");
    let generated = json["provenance"]["generated"]
        .as_str()
        .expect("a generation time")
        .to_string();
    assert!(
        generated.ends_with('Z') && generated.len() == 20,
        "{generated}"
    );
    let book = dir.path().join("review.xlsx");
    let summary = Sheet::read(&book, "Summary");
    assert_eq!(summary.field("Generated (UTC)").to_string(), generated);
    let core = zip_text(&book, "docProps/core.xml");
    assert!(core.contains(&generated), "{core}");
    let provenance = String::from_utf8_lossy(&files[7].1).into_owned();
    assert!(
        provenance.contains(&format!("generated,{generated}")),
        "{provenance}"
    );
}

#[test]
fn an_unknown_extension_is_refused_before_solving() {
    let dir = scratch();
    let run = solve(dir.path(), &review_plan(), &["--export", "review.pdf"]);
    assert_eq!(run.code, Some(BAD_INPUT));
    assert!(run.stdout.is_empty(), "nothing solved: {}", run.stdout);
    for needle in ["review.pdf", ".xlsx", ".csv", ".json", "directory"] {
        assert!(run.stderr.contains(needle), "{needle} in:\n{}", run.stderr);
    }
}

#[test]
fn a_missing_directory_is_exit_2_naming_the_path() {
    let dir = scratch();
    let target = dir.path().join("no").join("such").join("review.xlsx");
    let target = target.to_string_lossy();
    let run = solve(dir.path(), &review_plan(), &["--export", &target]);
    assert_eq!(run.code, Some(BAD_INPUT), "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(&*target), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_failed_export_keeps_the_complete_ones_before_it() {
    let dir = scratch();
    fs::write(dir.path().join("plain-file"), "not a directory").unwrap_or_default();
    let run = solve(
        dir.path(),
        &review_plan(),
        &[
            "--export",
            "first.json",
            "--export",
            "plain-file/second.json",
            "--export",
            "third.json",
        ],
    );
    assert_eq!(run.code, Some(BAD_INPUT), "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("plain-file/second.json"),
        "{}",
        run.stderr
    );
    let first = fs::read_to_string(dir.path().join("first.json")).unwrap_or_default();
    assert_eq!(first, run.stdout, "the first export is complete");
    assert!(!dir.path().join("third.json").exists());
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["first.json", "plain-file"],
        "no temporary files left"
    );
}

/// The process is killed (SIGXFSZ) in the middle of writing the workbook:
/// the old file at the target must be untouched, since only a complete
/// file is ever renamed over it.
#[cfg(unix)]
#[test]
fn a_write_cut_short_leaves_the_old_file_unchanged() {
    let dir = scratch();
    let target = dir.path().join("review.xlsx");
    fs::write(&target, b"the old, complete review pack").unwrap_or_default();
    let out = std::process::Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg("ulimit -f 2 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_capplan"))
        .arg("solve")
        .arg(review_plan())
        .args(["--export", "review.xlsx"])
        .output()
        .expect("run capplan under sh");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.signal().is_some(),
        "the write should have been cut short by a signal: {:?}",
        out.status
    );
    assert_eq!(
        fs::read(&target).unwrap_or_default(),
        b"the old, complete review pack"
    );
}

#[test]
fn an_infeasible_plan_still_exports_its_explanation() {
    let dir = scratch();
    let plan = fixture("semantics/infeasible_budget.toml");
    let run = solve(
        dir.path(),
        &plan,
        &["--export", "review.xlsx", "--export", "tables/"],
    );
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    let book = dir.path().join("review.xlsx");
    let summary = Sheet::read(&book, "Summary");
    assert_eq!(summary.field("Status"), &Data::String("infeasible".into()));
    assert!(summary.labels().iter().any(|l| l == "Finding"));
    assert!(Sheet::read(&book, "Orders").rows.is_empty());
    assert!(!zip_entries(&book)
        .iter()
        .any(|e| e.starts_with("xl/charts/")));
    let (header, rows) = read_csv(&dir.path().join("tables").join("orders.csv"));
    assert_eq!(header.len(), 9);
    assert!(rows.is_empty());
}

#[test]
fn sweep_exports_every_point() {
    let dir = scratch();
    let plan = review_plan();
    let plan = plan.to_string_lossy();
    let run = capplan(
        dir.path(),
        &[
            "sweep",
            &plan,
            "--from",
            "0.2",
            "--to",
            "1",
            "--steps",
            "3",
            "--format",
            "json",
            "--export",
            "sweep.xlsx",
            "--export",
            "points.csv",
            "--export",
            "sweep/",
            "--export",
            "sweep.json",
        ],
    );
    assert!(matches!(run.code, Some(0 | 1)), "stderr:\n{}", run.stderr);
    let json = run.json();
    let points = json["points"].as_array().expect("points");
    assert_eq!(points.len(), 3);
    assert!(json["provenance"]["input_sha256"].is_string());

    let book = dir.path().join("sweep.xlsx");
    let sheet = Sheet::read(&book, "Sweep");
    assert_eq!(sheet.rows.len(), 3);
    for (i, p) in points.iter().enumerate() {
        approx(sheet.number(i, "Scale"), num(p, "scale"), "scale");
        approx(
            sheet.number(i, "Total budget"),
            num(p, "total_budget"),
            "budget",
        );
        match p["readiness"].as_f64() {
            Some(r) => approx(sheet.number(i, "Readiness %"), r, "readiness"),
            None => assert_eq!(sheet.rows[i][sheet.col("Readiness %")], Data::Empty),
        }
        assert_eq!(sheet.text(i, "Status"), p["status"].as_str().unwrap_or("?"));
    }
    let summary = Sheet::read(&book, "Summary");
    assert_eq!(
        summary.field("Input SHA-256").to_string(),
        json["provenance"]["input_sha256"].as_str().unwrap_or("?")
    );
    let chart = zip_text(&book, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:scatterChart>"), "readiness vs budget");

    let (header, rows) = read_csv(&dir.path().join("points.csv"));
    assert_eq!(rows.len(), 3);
    for (row, p) in rows.iter().zip(points) {
        assert_eq!(
            csv_number(&header, row, "total_budget"),
            num(p, "total_budget")
        );
    }
    assert!(dir.path().join("sweep").join("points.csv").is_file());
    assert!(dir.path().join("sweep").join("provenance.csv").is_file());
    let written = fs::read_to_string(dir.path().join("sweep.json")).unwrap_or_default();
    assert_eq!(written, run.stdout);
}
