//! Benchmarks (not timed tests): parse + validate, model build, solve and
//! report timed separately, with peak memory, on the shipped KSF plan and
//! generated plans, on the solver backends this build has.
//!
//! ```sh
//! cargo run --release --example bench                      # microlp
//! cargo run --release --features highs --example bench     # microlp and highs
//! cargo run --release --example bench -- --sizes 50x10 --solvers microlp --repeat 5
//! cargo run --release --features highs --example bench -- --sizes 1000x20 --gap 1e-4
//! ```
//!
//! Each instance runs in a child process of its own (this binary with
//! `--one`), so that its peak memory (VmHWM from /proc/self/status) and its
//! wall time from process start are its own. Generated plans are written
//! to `target/bench/` (seed 1), where `bench/compare_solvers.py` finds the
//! same instances. Times are medians over `--repeat` runs (one run when the
//! first takes over 10 s); a solve that hits the time limit is reported as
//! not optimal, with microlp's gap.

use capplan::generate::{generate, GenerateOptions};
use capplan::model::{Model, ModelFormat, Stage};
use capplan::report::{Report, Status};
use capplan::solve::{solve, Backend, Outcome, SolveOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: bench [--sizes 50x10,200x10,...] [--solvers microlp,highs] \
[--time-limit SECONDS] [--gap G] [--repeat N] [--no-ksf] [--no-sweep]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") {
        return one(&args[1..]);
    }
    match Options::parse(&args) {
        Ok(options) => run(&options),
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    sizes: Vec<(usize, u32)>,
    solvers: Vec<Backend>,
    time_limit: f64,
    gap: f64,
    repeat: usize,
    ksf: bool,
    sweep: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            sizes: vec![(50, 10), (200, 10), (1000, 20), (5000, 20)],
            solvers: [Backend::Microlp, Backend::Highs]
                .into_iter()
                .filter(|b| b.is_built())
                .collect(),
            time_limit: 60.0,
            gap: 1e-6,
            repeat: 3,
            ksf: true,
            sweep: true,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--sizes" => {
                    options.sizes = value()?
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(parse_size)
                        .collect::<Result<_, _>>()?
                }
                "--solvers" => {
                    options.solvers = value()?
                        .split(',')
                        .map(parse_backend)
                        .collect::<Result<_, _>>()?
                }
                "--time-limit" => {
                    options.time_limit = value()?.parse().map_err(|_| "bad --time-limit")?
                }
                "--gap" => options.gap = value()?.parse().map_err(|_| "bad --gap")?,
                "--repeat" => options.repeat = value()?.parse().map_err(|_| "bad --repeat")?,
                "--no-ksf" => options.ksf = false,
                "--no-sweep" => options.sweep = false,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(options)
    }
}

fn parse_size(text: &str) -> Result<(usize, u32), String> {
    let (items, years) = text
        .split_once('x')
        .ok_or(format!("size `{text}` is not ITEMSxYEARS"))?;
    Ok((
        items.parse().map_err(|_| format!("bad size `{text}`"))?,
        years.parse().map_err(|_| format!("bad size `{text}`"))?,
    ))
}

fn parse_backend(text: &str) -> Result<Backend, String> {
    let backend = match text {
        "microlp" => Backend::Microlp,
        "microlp-native" => Backend::MicrolpNative,
        "highs" => Backend::Highs,
        _ => return Err(format!("unknown solver `{text}`")),
    };
    if backend.is_built() {
        Ok(backend)
    } else {
        Err(format!(
            "{text} is not in this build (cargo run --features {text})"
        ))
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(options: &Options) -> ExitCode {
    let dir = manifest_dir().join("target").join("bench");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut instances: Vec<(String, PathBuf)> = Vec::new();
    if options.ksf {
        instances.push((
            "KSF plan".into(),
            manifest_dir().join("plans").join("ksf-2019-2028.toml"),
        ));
    }
    for &(items, years) in &options.sizes {
        let path = dir.join(format!("gen-{items}x{years}.toml"));
        let text = generate(&GenerateOptions {
            items,
            years,
            seed: 1,
            ..GenerateOptions::default()
        });
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        instances.push((format!("{items}x{years}"), path));
    }
    println!(
        "| instance | solver | vars | rows | parse+validate s | build s | solve s | report s | \
         total s | process s | peak MiB | nodes | status |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (name, path) in &instances {
        for &backend in &options.solvers {
            let mut runs = Vec::new();
            for k in 0..options.repeat.max(1) {
                match child(path, backend, options.time_limit, options.gap) {
                    Ok(run) => {
                        let slow = run.process > 10.0;
                        runs.push(run);
                        if slow && k == 0 {
                            break;
                        }
                    }
                    Err(e) => {
                        eprintln!("{name} on {}: {e}", backend.name());
                        break;
                    }
                }
            }
            if let Some(row) = Measured::median(&runs) {
                println!("| {name} | {} | {row} |", backend.name());
            }
        }
    }
    if options.sweep && options.ksf {
        let path = manifest_dir().join("plans").join("ksf-2019-2028.toml");
        for &backend in &options.solvers {
            sweep(&path, backend, options, options.repeat.max(1));
        }
    }
    ExitCode::SUCCESS
}

/// The 11-point sweep of the KSF plan (0.5 to 1.5), one solve per core.
fn sweep(path: &Path, backend: Backend, limits: &Options, repeat: usize) {
    let mut times = Vec::new();
    let mut optimal = 0;
    for _ in 0..repeat {
        let started = Instant::now();
        let Ok((plan, _)) = capplan::plan::load(path) else {
            eprintln!("cannot load {}", path.display());
            return;
        };
        let scales = capplan::whatif::sweep::scales(0.5, 1.5, 11);
        let options = SolveOptions {
            time_limit: Duration::from_secs_f64(limits.time_limit),
            gap: limits.gap,
            backend,
        };
        let points = capplan::whatif::sweep::sweep(&plan, &scales, &options, None, || {});
        times.push(started.elapsed().as_secs_f64());
        optimal = points
            .iter()
            .filter(|p| p.status == Status::Optimal)
            .count();
    }
    println!(
        "\nsweep of the KSF plan, 11 points, {} threads, {}: {:.3} s (median of {repeat}), {optimal} of 11 optimal",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        backend.name(),
        median(&mut times)
    );
}

/// One instance's measurements.
#[derive(Clone, Debug)]
struct Measured {
    variables: usize,
    constraints: usize,
    parse: f64,
    build: f64,
    solve: f64,
    report: f64,
    total: f64,
    process: f64,
    peak_kib: u64,
    nodes: String,
    status: String,
}

impl Measured {
    /// The run with the median total time.
    fn median(runs: &[Measured]) -> Option<Measured> {
        let mut sorted = runs.to_vec();
        sorted.sort_by(|a, b| a.total.total_cmp(&b.total));
        sorted.get(sorted.len() / 2).cloned()
    }
}

impl std::fmt::Display for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.1} | {} | {}",
            self.variables,
            self.constraints,
            self.parse,
            self.build,
            self.solve,
            self.report,
            self.total,
            self.process,
            self.peak_kib as f64 / 1024.0,
            self.nodes,
            self.status
        )
    }
}

/// Runs one instance in a child process and reads its measurements.
fn child(path: &Path, backend: Backend, time_limit: f64, gap: f64) -> Result<Measured, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let output = Command::new(exe)
        .arg("--one")
        .arg(path)
        .arg(backend.name())
        .arg(time_limit.to_string())
        .arg(gap.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let process = started.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = text.trim_end_matches('\n').split('\t').collect();
    if fields.len() != 15 {
        return Err(format!(
            "unexpected output {text:?}, stderr {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let number = |k: usize| fields[k].parse::<f64>().unwrap_or(f64::NAN);
    Ok(Measured {
        variables: fields[0].parse().unwrap_or(0),
        constraints: fields[1].parse().unwrap_or(0),
        parse: number(2),
        build: number(3),
        solve: number(4),
        report: number(5),
        total: number(6),
        process,
        peak_kib: fields[7].parse().unwrap_or(0),
        nodes: fields[8].to_string(),
        status: format!("{} {}", fields[9], fields[10]).trim().to_string(),
    })
}

/// The child: load, solve and report one plan, then print the times.
fn one(args: &[String]) -> ExitCode {
    let (path, backend, time_limit, gap, model) = match args {
        [path, backend, time_limit] => (path, backend, time_limit, None, None),
        [path, backend, time_limit, gap] => (path, backend, time_limit, Some(gap), None),
        [path, backend, time_limit, gap, model] => {
            (path, backend, time_limit, Some(gap), Some(model))
        }
        _ => {
            eprintln!("--one PLAN SOLVER SECONDS [GAP [MODEL.mps]]");
            return ExitCode::from(2);
        }
    };
    let Ok(backend) = parse_backend(backend) else {
        return ExitCode::from(2);
    };
    let options = SolveOptions {
        time_limit: Duration::from_secs_f64(time_limit.parse().unwrap_or(60.0)),
        gap: gap.and_then(|g| g.parse().ok()).unwrap_or(1e-6),
        backend,
    };
    let started = Instant::now();
    let plan = match capplan::plan::load(Path::new(path)) {
        Ok((plan, _)) => plan,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let parse = started.elapsed().as_secs_f64();
    let outcome = solve(&plan, &options);
    let reported = Instant::now();
    let (report, stats) = match outcome {
        Outcome::Solved {
            schedule,
            proven,
            stats,
        } => (
            Report::solved(&plan, &schedule, proven, stats.clone()),
            stats,
        ),
        Outcome::Infeasible { stats } | Outcome::NoSolution { stats } => {
            (Report::no_schedule(&plan, stats.clone()), stats)
        }
    };
    let table = capplan::render::table::render(&report);
    let report_seconds = reported.elapsed().as_secs_f64();
    let total = started.elapsed().as_secs_f64();
    let build: f64 = stats.stages.iter().map(|s| s.build_seconds).sum();
    let nodes = if backend.reports_search() {
        stats
            .stages
            .iter()
            .map(|s| s.nodes.to_string())
            .collect::<Vec<_>>()
            .join("+")
    } else {
        "n/a".into()
    };
    let solve_seconds = |k: usize| {
        let stage = stats.stages.get(k);
        let seconds = stage.map_or(f64::NAN, |s| s.seconds - s.build_seconds);
        (seconds, stage.and_then(|s| s.objective).unwrap_or(f64::NAN))
    };
    let (stage1_solve, stage1_objective) = solve_seconds(0);
    let (stage2_solve, stage2_objective) = solve_seconds(1);
    let status = match report.status {
        Status::Optimal => "optimal",
        Status::NotOptimal => "NOT-OPTIMAL",
        Status::Infeasible => "infeasible",
    };
    let detail = match (report.status, stats.gap()) {
        (Status::NotOptimal, Some(gap)) => format!("(gap {:.2e})", gap),
        (Status::NotOptimal, None) if report.note.is_some() => "(no schedule)".into(),
        _ => String::new(),
    };
    println!(
        "{}\t{}\t{parse}\t{build}\t{}\t{report_seconds}\t{total}\t{}\t{nodes}\t{status}\t{detail}\t{stage1_solve}\t{stage1_objective}\t{stage2_solve}\t{stage2_objective}",
        stats.variables,
        stats.constraints,
        stats.seconds() - build,
        peak_kib(),
    );
    // The table is built only to be timed.
    std::hint::black_box(table);
    if let Some(model) = model {
        // After the peak memory is read: the files are for other solvers.
        let best = stats.stages.first().and_then(|s| s.objective);
        if let Err(e) = write_models(&plan, Path::new(model), best) {
            eprintln!("cannot write {model}: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// Writes the first stage's model to `path` as MPS and, under max-goals
/// with a best score, the second stage's beside it, as `capplan solve
/// --write-model` does.
fn write_models(plan: &capplan::plan::Plan, path: &Path, best: Option<f64>) -> std::io::Result<()> {
    let first = capplan::solve::first_stage(plan);
    let mut stages = vec![(first, path.to_path_buf())];
    if let (Stage::MaxScore, Some(best)) = (first, best) {
        let second = capplan::solve::second_stage(best);
        stages.push((second, ModelFormat::second_stage_path(path)));
    }
    for (stage, path) in stages {
        std::fs::write(path, Model::stage_file_text(plan, stage, ModelFormat::Mps))?;
    }
    Ok(())
}

/// Peak resident memory of this process (VmHWM), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}
