//! `--write-model` and `--solver`: the model file of a tiny plan, and a
//! solver this build does not have.

use assert_cmd::Command;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("semantics")
        .join(name)
}

fn capplan() -> Command {
    Command::cargo_bin("capplan").expect("capplan binary")
}

#[test]
fn write_model_writes_the_first_stage_as_lp_and_mps() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let lp = dir.path().join("model.lp");
    let mps = dir.path().join("model.mps");
    for path in [&lp, &mps] {
        capplan()
            .arg("solve")
            .arg(fixture("prerequisite.toml"))
            .arg("--write-model")
            .arg(path)
            .assert()
            .success();
    }
    let lp = std::fs::read_to_string(&lp).expect("LP file");
    assert!(lp.contains("stage max-score"), "{lp}");
    assert!(
        lp.contains("Maximize\n obj: 0.5 credit_fires_2027\n"),
        "{lp}"
    );
    assert!(
        lp.contains(": 100 q_command_post_2025 + 100 q_launcher_2025 + carry_2025 <= 100\n"),
        "{lp}"
    );
    assert!(lp.contains("General\n"), "{lp}");
    let mps = std::fs::read_to_string(&mps).expect("MPS file");
    assert!(mps.contains("OBJSENSE\n    MAX\n"), "{mps}");
    assert!(mps.contains("    credit_fires_2027 obj 0.5\n"), "{mps}");
}

#[test]
fn write_model_refuses_an_unknown_extension_before_solving() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = capplan()
        .arg("solve")
        .arg(fixture("prerequisite.toml"))
        .arg("--write-model")
        .arg(dir.path().join("model.txt"))
        .output()
        .expect("run capplan");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(".lp (CPLEX LP) or .mps"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[cfg(not(feature = "highs"))]
#[test]
fn solver_highs_without_the_feature_says_how_to_build_it() {
    for command in ["solve", "sweep", "sensitivity"] {
        let out = capplan()
            .arg(command)
            .arg(fixture("prerequisite.toml"))
            .args(["--solver", "highs"])
            .output()
            .expect("run capplan");
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--features highs"), "{command}: {stderr}");
    }
}

#[test]
fn an_unknown_solver_is_a_usage_error() {
    capplan()
        .arg("solve")
        .arg(fixture("prerequisite.toml"))
        .args(["--solver", "cplex"])
        .assert()
        .code(2);
}

#[test]
fn write_model_writes_the_least_cost_stage_of_max_goals_after_solving() {
    let dir = tempfile::tempdir().expect("temporary directory");
    capplan()
        .arg("solve")
        .arg(fixture("prerequisite.toml"))
        .arg("--write-model")
        .arg(dir.path().join("model.lp"))
        .assert()
        .success();
    let lp = std::fs::read_to_string(dir.path().join("model.stage2.lp")).expect("stage 2 file");
    assert!(lp.contains("stage min-cost-at-best-score"), "{lp}");
    assert!(
        lp.contains("Minimize\n obj: 100 q_command_post_2025 +"),
        "{lp}"
    );
    // The best score is 1 (two launchers by 2027); the floor is 1e-6 below.
    assert!(lp.contains(": 0.5 credit_fires_2027 >= 0.999999\n"), "{lp}");
}

#[test]
fn a_solve_that_finds_nothing_in_time_shows_the_greedy_schedule_as_not_optimal() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let plan = dir.path().join("large.toml");
    capplan()
        .args([
            "generate", "--items", "200", "--years", "10", "--seed", "1", "-o",
        ])
        .arg(&plan)
        .assert()
        .success();
    // A millisecond is not enough for the first LP of 2,000 variables.
    let out = capplan()
        .arg("solve")
        .arg(&plan)
        .args(["--time-limit", "0.001", "--format", "json"])
        .output()
        .expect("run capplan");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["status"], "not-optimal");
    assert_eq!(json["solver"]["failure"], capplan::solve::GREEDY_FALLBACK);
    assert_eq!(json["check"]["passed"], true);
    assert!(json["score"].as_f64().expect("a score") > 0.0, "{json}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the greedy start"), "{stderr}");
    // The tables say it too, under the headline, for whoever reads only them.
    let table = capplan()
        .arg("solve")
        .arg(&plan)
        .args(["--time-limit", "0.001"])
        .output()
        .expect("run capplan");
    let stdout = String::from_utf8_lossy(&table.stdout);
    let headline: String = stdout.lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(
        headline.contains(capplan::solve::GREEDY_FALLBACK),
        "{headline}"
    );
}
