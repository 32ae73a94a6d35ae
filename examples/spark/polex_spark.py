"""polex on Apache Spark (local mode): the binary shipped with addFile, NDJSON records piped
through it with RDD.pipe, and the same with DataFrame.mapInArrow; both checked equal to polex's
own output. One Spark session for both.

python3 examples/spark/polex_spark.py --polex target/release/polex [--corpus corpus]
        [--partitions 2] [--repeat 1]
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ndjson_corpus  # noqa: E402

# Spark on this machine only: no network interface but loopback, no web UI.
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

from pyspark import SparkFiles  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

# The environment of every polex process: one worker thread per task (Spark runs one task per
# core), quiet stderr, no locale surprises.
POLEX_ENV = {"RAYON_NUM_THREADS": "1", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
POLEX_ARGS = ["extract", "-", "--out", "-", "--quiet"]


def polex_batches(name):
    """The mapInArrow function: each Arrow batch of (id, text, source) piped through the binary
    shipped as `name`; out comes (id, doc): one documents.jsonl line per record, in order."""
    return lambda batches: pipe_batches(SparkFiles.get(name), batches)


def pipe_batches(polex, batches):
    import subprocess
    import pyarrow as pa

    for batch in batches:
        cols = batch.to_pydict()
        lines = "".join(
            json.dumps({"id": i, "text": t, "source": s}, ensure_ascii=False) + "\n"
            for i, t, s in zip(cols["id"], cols["text"], cols["source"]))
        run = subprocess.run([polex] + POLEX_ARGS, input=lines.encode(),
                             capture_output=True, env=POLEX_ENV, check=True)
        docs = run.stdout.decode().splitlines()
        assert len(docs) == len(cols["id"]), "one line per record"
        yield pa.RecordBatch.from_pydict({"id": cols["id"], "doc": docs})


def main():
    a, polex, lines, mb, want = ndjson_corpus.setup(__doc__)

    t0 = time.time()
    spark = (SparkSession.builder.master(f"local[{a.partitions}]").appName("polex")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    sc.addFile(polex)
    t_session = time.time() - t0

    # RDD.pipe: the binary's path on the executors, a failing exit code fails the task.
    t1 = time.time()
    name = os.path.basename(polex)  # addFile ships it under its own name
    cmd = " ".join([SparkFiles.get(name)] + POLEX_ARGS)
    got = (sc.parallelize(lines, a.partitions)
           .pipe(cmd, env=POLEX_ENV, checkCode=True)
           .collect())
    t_pipe = time.time() - t1
    ok_pipe = got == want
    print(f"pipe: {len(got)} documents, equal to polex's own output: {ok_pipe}")

    # mapInArrow (works with Spark Connect too): a DataFrame of records in, (id, doc) out.
    t2 = time.time()
    rows = [json.loads(l) for l in lines]
    df = spark.createDataFrame(rows, "id string, text string, source string")
    out = df.mapInArrow(polex_batches(name), "id string, doc string").collect()
    t_arrow = time.time() - t2
    by_id = {r["id"]: r["doc"] for r in out}
    ok_arrow = [by_id.get(json.loads(l)["id"]) for l in lines] == want
    print(f"mapInArrow: {len(out)} documents, equal to polex's own output: {ok_arrow}")
    spark.stop()
    print(f"spark: session {t_session:.1f} s; pipe {t_pipe:.1f} s over {a.partitions} partitions "
          f"({mb:.2f} MB, {mb / t_pipe:.2f} MB/s, {len(lines) / t_pipe:.1f} documents/s); "
          f"mapInArrow {t_arrow:.1f} s")
    return 0 if ok_pipe and ok_arrow else 1


if __name__ == "__main__":
    sys.exit(main())
