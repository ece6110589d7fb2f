//! The solve workbook's charts: on their own Charts sheet, the tab after
//! Summary, from its top-left corner (not beside the data at column Y); the
//! goal chart's categories are goal names with their milestone year, read
//! back with calamine from the cells the chart points at.

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::fs;
use std::path::{Path, PathBuf};

fn review_plan() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("exports")
        .join("review.toml")
}

fn zip_text(path: &Path, name: &str) -> String {
    let file = fs::File::open(path).expect("open xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).expect("utf-8 xml");
    text
}

fn zip_names(path: &Path) -> Vec<String> {
    let file = fs::File::open(path).expect("open xlsx");
    let zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    zip.file_names()
        .map(|name| name.expect("a readable entry name").into_owned())
        .collect()
}

/// The text of the first `<tag>` inside the first `<outer>` of `xml`.
fn inner(xml: &str, outer: &str, tag: &str) -> String {
    let start = xml
        .find(&format!("<{outer}>"))
        .unwrap_or_else(|| panic!("no <{outer}> in {xml}"));
    let rest = &xml[start..];
    let open = format!("<{tag}>");
    let from = rest.find(&open).map(|i| i + open.len()).unwrap_or(0);
    let to = rest[from..].find('<').map_or(from, |i| from + i);
    rest[from..to].to_string()
}

#[test]
fn charts_have_their_own_sheet_after_summary_with_goal_names() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let book = dir.path().join("review.xlsx");
    let out = Command::cargo_bin("capplan")
        .expect("capplan binary")
        .current_dir(dir.path())
        .args(["solve", &review_plan().to_string_lossy(), "--export"])
        .arg(&book)
        .output()
        .expect("run capplan");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut workbook: Xlsx<_> = open_workbook(&book).expect("open the workbook");
    let names = workbook.sheet_names();
    assert_eq!(names[..3], ["Summary", "Charts", "Years"], "{names:?}");

    // The goal chart's data: "name year" of each milestone (the plan's two
    // goals, c4 "Command and control" and mobility "Mobility", each with
    // milestones in 2026 and 2028), never the ids.
    let charts = workbook.worksheet_range("Charts").expect("Charts sheet");
    let cells: Vec<Vec<Data>> = charts.rows().map(<[Data]>::to_vec).collect();
    let header = cells
        .iter()
        .position(|r| r.first() == Some(&Data::String("Milestone".into())))
        .expect("a Milestone header on the Charts sheet");
    let mut milestones: Vec<String> = cells[header + 1..]
        .iter()
        .take_while(|r| matches!(r.first(), Some(Data::String(_))))
        .map(|r| r[0].to_string())
        .collect();
    milestones.sort();
    assert_eq!(
        milestones,
        [
            "Command and control 2026",
            "Command and control 2028",
            "Mobility 2026",
            "Mobility 2028"
        ]
    );
    // Targets as the plan gives them, next to their milestone.
    let target = |label: &str| {
        cells[header + 1..]
            .iter()
            .find(|r| r[0] == Data::String(label.into()))
            .map(|r| r[1].clone())
    };
    assert_eq!(target("Command and control 2028"), Some(Data::Float(120.0)));
    assert_eq!(target("Mobility 2026"), Some(Data::Float(30.0)));

    // Both charts are drawn on the Charts sheet (the second sheet), from
    // its first column; no data sheet carries a drawing.
    let rels = zip_text(&book, "xl/worksheets/_rels/sheet2.xml.rels");
    assert!(rels.contains("../drawings/drawing1.xml"), "{rels}");
    for name in zip_names(&book) {
        if name.starts_with("xl/worksheets/_rels/") && !name.ends_with("sheet2.xml.rels") {
            let other = zip_text(&book, &name);
            assert!(!other.contains("drawing"), "{name} has a drawing: {other}");
        }
    }
    let drawing = zip_text(&book, "xl/drawings/drawing1.xml");
    assert_eq!(
        drawing.matches("<xdr:graphicFrame").count(),
        2,
        "two charts"
    );
    assert_eq!(inner(&drawing, "xdr:from", "xdr:col"), "0");
    assert_eq!(inner(&drawing, "xdr:from", "xdr:row"), "2");

    // The goal chart takes its categories from the names on Charts.
    let goals = zip_text(&book, "xl/charts/chart2.xml");
    let first = header + 2; // 1-based row of the first milestone
    let last = header + 5;
    assert!(
        goals.contains(&format!("<c:f>Charts!$A${first}:$A${last}</c:f>")),
        "{goals}"
    );
    assert!(!goals.contains("Goals!"), "{goals}");
}
