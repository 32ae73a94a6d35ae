"""Shared by the Spark and Dask examples: the bundled corpus as NDJSON records, and polex's own
output for it to check the engines against.

records(corpus, repeat) -> list of NDJSON lines {"id", "text", "source"}; with repeat > 1 the
corpus is repeated under ids "r1/NAME", "r2/NAME", … (a bigger input for throughput).
reference(polex, corpus, lines) -> what polex itself writes: for repeat 1 the directory run's
documents.jsonl (`polex extract corpus --out DIR`, run from the corpus's parent so that `source`
matches), else `polex extract - --out -` over the same lines.
"""
import argparse
import json
import os
import subprocess
import tempfile


def records(corpus, repeat=1):
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    base = os.path.basename(os.path.normpath(corpus))
    lines = []
    for r in range(1, repeat + 1):
        for n in names:
            with open(os.path.join(corpus, n), encoding="utf-8") as f:
                text = f.read()
            rec_id = n if repeat == 1 else f"r{r}/{n}"
            rec = {"id": rec_id, "text": text, "source": f"{base}/{n}"}
            lines.append(json.dumps(rec, ensure_ascii=False))
    return lines


def reference(polex, corpus, lines, repeat=1):
    env = dict(os.environ, RAYON_NUM_THREADS="2")
    if repeat == 1:
        with tempfile.TemporaryDirectory(prefix="polex-ref-") as out:
            parent = os.path.dirname(os.path.abspath(os.path.normpath(corpus)))
            base = os.path.basename(os.path.normpath(corpus))
            subprocess.run([polex, "extract", base, "--out", out, "--quiet"],
                           cwd=parent, env=env, check=True)
            with open(os.path.join(out, "documents.jsonl"), encoding="utf-8") as f:
                return f.read().splitlines()
    run = subprocess.run([polex, "extract", "-", "--out", "-", "--quiet"],
                         input="".join(l + "\n" for l in lines).encode(),
                         capture_output=True, env=env, check=True)
    return run.stdout.decode().splitlines()


def setup(doc):
    """The examples' command line (--polex, --corpus, --partitions, --repeat) and input: the
    arguments, the binary's absolute path, the record lines, their size in MB and the lines
    polex itself writes for them."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--polex", required=True)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    polex = os.path.abspath(a.polex)
    lines = records(a.corpus, a.repeat)
    mb = sum(len(l.encode()) for l in lines) / 1e6
    return a, polex, lines, mb, reference(polex, a.corpus, lines, a.repeat)
