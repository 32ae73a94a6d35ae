"""polex on Dask: a dask.bag of NDJSON records, each partition piped through the binary with
map_partitions, checked equal to polex's own output.

python3 examples/dask/polex_dask.py --polex target/release/polex [--corpus corpus]
        [--partitions 2] [--repeat 1]
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ndjson_corpus  # noqa: E402

import dask  # noqa: E402
import dask.bag as db  # noqa: E402

POLEX_ENV = {"RAYON_NUM_THREADS": "1", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def pipe_through(polex):
    def run(lines):
        # One polex process per partition: records in on stdin, one line per record out,
        # in order; exit 0 even when records fail (they are error lines).
        data = "".join(l + "\n" for l in lines).encode()
        out = subprocess.run([polex, "extract", "-", "--out", "-", "--quiet"], input=data,
                             capture_output=True, env=POLEX_ENV, check=True)
        return out.stdout.decode().splitlines()
    return run


def main():
    a, polex, lines, mb, want = ndjson_corpus.setup(__doc__)
    t = time.time()
    bag = db.from_sequence(lines, npartitions=a.partitions)
    with dask.config.set(scheduler="processes", num_workers=a.partitions):
        got = bag.map_partitions(pipe_through(polex)).compute()
    secs = time.time() - t
    ok = list(got) == want
    print(f"dask: {len(got)} documents, equal to polex's own output: {ok}")
    print(f"dask: {secs:.1f} s over {a.partitions} partitions ({mb:.2f} MB, {mb / secs:.2f} MB/s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
