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

/// Whether python3 can import `module` (see [`available`]: a failure under `CI=true`).
pub fn python_module(module: &str) -> bool {
    available(
        &format!("the python3 module {module}"),
        Command::new("python3").args(["-c", &format!("import {module}")]),
    )
}

/// Run `cmd` in a process group of its own, killing the whole group (a JVM the consumer
/// started, its workers) after `limit`: a consumer that hangs fails the test instead of CI.
pub fn run_group_bounded(
    mut cmd: Command,
    limit: std::time::Duration,
    what: &str,
) -> super::workdir::Run {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id() as i32;
    let out = child.stdout.take().map(super::workdir::drain);
    let err = child.stderr.take().map(super::workdir::drain);
    let t = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t.elapsed() > limit {
            kill_group(pid);
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}; its process group was killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // The group's stragglers (a JVM still shutting down) get a few seconds to finish their
    // clean-up (Spark removes its temporary directories), then go too.
    let t = std::time::Instant::now();
    while group_alive(pid) && t.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    kill_group(pid);
    let join = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.map(|h| h.join().unwrap()).unwrap_or_default()
    };
    super::workdir::Run {
        code: status.code(),
        stdout: join(out),
        stderr: String::from_utf8_lossy(&join(err)).into_owned(),
    }
}

/// Whether a process of the group `pgid` is still running (`kill -0 -- -PGID`).
fn group_alive(pgid: i32) -> bool {
    Command::new("kill")
        .args(["-0", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// SIGKILL the process group `pgid` (`kill -KILL -- -PGID`: no unsafe code in the tests).
fn kill_group(pgid: i32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
}
