//! The distributed-engine examples run for real: `examples/spark/polex_spark.py` (PySpark in
//! local mode: RDD.pipe and mapInArrow in one session) and `examples/dask/polex_dask.py`
//! (dask.bag map_partitions), each checked by the script against polex's own output for the
//! bundled corpus. Skipped, saying why, when java, python3 or a module is missing; under
//! `CI=true` that fails (`.ci/run` installs them). Each run is bounded in time and its process
//! group killed after it; Spark binds to 127.0.0.1 with its UI off.

use std::process::Command;
use std::time::Duration;

mod common;
use common::consumer::{available, python_module, run_group_bounded};
use common::workdir::{BIN, ROOT};

/// Spark's startup alone takes 20–30 s on the shared 2-core machine.
const SPARK_LIMIT: Duration = Duration::from_secs(360);
const DASK_LIMIT: Duration = Duration::from_secs(180);

/// Run an example script over the corpus with 2 partitions (at most `limit`); its stdout,
/// which must contain each of `want`, is printed with the time it took.
fn run_example(script: &str, limit: Duration, want: &[&str]) {
    let mut c = Command::new("python3");
    c.arg(script)
        .args(["--polex", BIN, "--corpus", "corpus", "--partitions", "2"])
        .current_dir(ROOT)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("PYTHONWARNINGS", "ignore");
    let t = std::time::Instant::now();
    let r = run_group_bounded(c, limit, script);
    let out = String::from_utf8_lossy(&r.stdout);
    assert_eq!(r.code, Some(0), "stdout:\n{out}\nstderr:\n{}", r.stderr);
    for w in want {
        assert!(out.contains(w), "{out}");
    }
    println!("{out}{script}: {:.1} s in all", t.elapsed().as_secs_f64());
}

#[test]
fn spark_pipe_and_map_in_arrow_give_polex_output() {
    if !available("java", Command::new("java").arg("-version"))
        || !["pyspark", "pyarrow", "pandas"]
            .iter()
            .all(|m| python_module(m))
    {
        return;
    }
    run_example(
        "examples/spark/polex_spark.py",
        SPARK_LIMIT,
        &[
            "pipe: 5 documents, equal to polex's own output: True",
            "mapInArrow: 5 documents, equal to polex's own output: True",
        ],
    );
}

#[test]
fn dask_map_partitions_gives_polex_output() {
    if !python_module("dask") {
        return;
    }
    run_example(
        "examples/dask/polex_dask.py",
        DASK_LIMIT,
        &["dask: 5 documents, equal to polex's own output: True"],
    );
}
