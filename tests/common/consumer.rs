//! Tests that load polex's outputs into a real consumer (LibreOffice, DuckDB, frictionless):
//! each runs only when the consumer is installed. Without it the test prints why and passes,
//! except under `CI=true`, where a missing consumer fails the test (`.ci/run` installs them).

use std::process::{Command, Stdio};

/// Whether `probe` (a harmless run of the consumer: `--version`, an import) succeeds. When it
/// does not: under `CI=true` the test fails; elsewhere it prints `skipped: …` and gives false.
pub fn available(what: &str, probe: &mut Command) -> bool {
    let ok = probe
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let why = format!("{what} is not installed ({probe:?} failed)");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true: {why}"
        );
        println!("skipped: {why}");
    }
    ok
}
