//! Portfolio benchmark: `cargo bench --bench portfolio` (release build).
//!
//! Generates 50 and 200 kits of the three embedded examples (round robin) with the release binary,
//! then checks each set with `portfolio check --jobs 2` in a child process and prints the wall time
//! and the child's peak resident memory (`VmHWM` from `/proc/self/status`, Linux). Peak memory that
//! stays flat from 50 to 200 kits shows that kits are processed as a stream. It also prints what
//! `generate` costs per kit and the part of it spent flushing files to disk (`fsync`).
//!
//! Not a timed test: it asserts nothing about speed, it prints the figures.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use mlops_kit::cli::{PortfolioAction, PortfolioArgs, PortfolioFormat};
use mlops_kit::update::portfolio::{self, Status};

const EXAMPLES: [&str; 3] = ["retail-startup", "fintech-regulated", "industrial-onprem"];
const CHILD: &str = "MLOPS_KIT_PORTFOLIO_BENCH_DIR";

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Child mode: check every kit under the folder, print `seconds kits peak_kib bad`.
fn child(dir: &Path) {
    let args = PortfolioArgs {
        action: PortfolioAction::Check,
        paths: vec![dir.to_path_buf()],
        blueprints: None,
        jobs: Some(2),
        format: PortfolioFormat::Text,
        out: None,
    };
    let start = Instant::now();
    let rows = portfolio::run_all(&args).expect("the portfolio runs");
    let seconds = start.elapsed().as_secs_f64();
    let bad = rows.iter().filter(|r| r.status != Status::UpToDate).count();
    println!(
        "{seconds:.3} {} {} {bad}",
        rows.len(),
        peak_rss_kib().unwrap_or(0)
    );
}

fn generate_kits(root: &Path, n: usize) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        let example = EXAMPLES[i % EXAMPLES.len()];
        let out = Command::new(env!("CARGO_BIN_EXE_mlops-kit"))
            .args(["generate", "--example", example, "-o"])
            .arg(root.join(format!("client-{i:03}")))
            .output()
            .expect("mlops-kit runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    start.elapsed().as_secs_f64()
}

/// Writes one kit's files (every file of the retail example's kit) with and without `fsync`.
fn fsync_cost(root: &Path) -> (usize, f64, f64) {
    let kit = root.join("client-000");
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&kit)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&kit).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    let write = |dest: &Path, sync: bool| {
        let start = Instant::now();
        for (rel, bytes) in &files {
            let path = dest.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut file = std::fs::File::create(&path).unwrap();
            std::io::Write::write_all(&mut file, bytes).unwrap();
            if sync {
                file.sync_all().unwrap();
            }
        }
        start.elapsed().as_secs_f64()
    };
    let synced = write(&root.join("fsync-on"), true);
    let unsynced = write(&root.join("fsync-off"), false);
    (files.len(), synced, unsynced)
}

fn main() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(Path::new(&dir));
        return;
    }
    // `cargo bench` passes `--bench`; nothing else is accepted.
    println!(
        "portfolio benchmark (release build, {} CPU(s) available)",
        { std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get) }
    );
    for n in [50, 200] {
        let root = tempfile::tempdir().expect("a temporary folder");
        let generate_seconds = generate_kits(root.path(), n);
        let out = Command::new(std::env::current_exe().expect("the benchmark binary"))
            .env(CHILD, root.path())
            .output()
            .expect("the benchmark re-runs itself");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [seconds, kits, peak, bad] = fields[..] else {
            panic!("unexpected child output: {line}");
        };
        assert_eq!(kits, n.to_string(), "every kit found");
        assert_eq!(bad, "0", "every kit up to date");
        let peak_mib = peak.parse::<f64>().unwrap_or(0.0) / 1024.0;
        println!(
            "portfolio check of {n} kits, --jobs 2: {seconds} s, peak memory {peak_mib:.1} MiB"
        );
        println!(
            "generate: {:.1} ms per kit ({n} kits in {generate_seconds:.2} s, one process each)",
            generate_seconds * 1000.0 / f64::from(u32::try_from(n).unwrap_or(u32::MAX))
        );
        if n == 50 {
            let (files, synced, unsynced) = fsync_cost(root.path());
            println!(
                "writing one kit's {files} files: {:.1} ms with an fsync per file, {:.1} ms without",
                synced * 1000.0,
                unsynced * 1000.0
            );
        }
    }
}
