//! Instructions per name of parsing and canonical printing over the reference-labelled
//! corpus, counted by valgrind's callgrind: unlike time, the count repeats exactly on a
//! loaded machine, so before and after compare to the instruction.
//!
//! Run: `cargo bench -p scs-flavor --bench flavor_instructions` (needs `valgrind`). Each
//! workload runs in a child process under callgrind twice, once with one round over the
//! corpus and once with eleven; the difference divided by ten rounds is the cost of a round
//! without the set-up (reading the corpus), and per name as in `flavor.rs`: `parse` and
//! `parse_and_print` per name of the corpus, `print` per flavor printed.
//!
//! Without `--bench` (as `cargo test --benches` runs it), each workload runs once natively,
//! so the bench is checked without valgrind.

mod common;

use std::process::Command;

/// Extra rounds of the second run.
const ROUNDS: u64 = 10;

const WORKLOADS: [&str; 3] = ["parse", "print", "parse_and_print"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, child, workload, rounds] = args.as_slice()
        && child == "--child"
    {
        run(workload, rounds.parse().expect("a number of rounds"));
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        for workload in WORKLOADS {
            run(workload, 1);
        }
        return;
    }
    let exe = std::env::current_exe().expect("the bench's own path");
    let names = common::names();
    let flavors = common::flavors(&names);
    println!(
        "flavor instructions per name ({} names, {} valid; callgrind, {ROUNDS} rounds)",
        names.len(),
        flavors.len()
    );
    for workload in WORKLOADS {
        let Some(once) = instructions(&exe, workload, 1) else {
            println!("valgrind --tool=callgrind did not run: is valgrind installed?");
            return;
        };
        let more = instructions(&exe, workload, 1 + ROUNDS).expect("it ran once");
        let per = if workload == "print" {
            flavors.len()
        } else {
            names.len()
        };
        let per_name = (more - once) as f64 / (ROUNDS as f64 * per as f64);
        println!("{workload:>16}: {per_name:8.1} instructions/name");
    }
}

/// The instructions a child process running `workload` for `rounds` rounds executes.
fn instructions(exe: &std::path::Path, workload: &str, rounds: u64) -> Option<u64> {
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["--child", workload, &rounds.to_string()])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    // callgrind's summary on stderr: `==PID== Collected : N`.
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr.lines().find_map(|l| {
        l.split_once("Collected :")
            .map(|(_, n)| n.trim().parse().ok())
    })?
}

fn run(workload: &str, rounds: u64) {
    let names = common::names();
    let flavors = common::flavors(&names);
    let mut buffer = String::with_capacity(160);
    for _ in 0..rounds {
        match workload {
            "parse" => common::parse(&names),
            "print" => common::print(&flavors, &mut buffer),
            "parse_and_print" => common::parse_and_print(&names, &mut buffer),
            other => panic!("unknown workload {other}"),
        }
    }
}
