#!/usr/bin/env bash
# The cost of an incremental re-run (--since) against a full run, on a generated corpus:
#   cargo run --release --example gen_corpus -- /tmp/corpus 300
#   examples/since_bench.sh /tmp/corpus target/release/polex /tmp/since-bench [PERCENT]
# Times a full run, changes PERCENT % of the files (default 5: every 20th file gets one more
# clause, in ASCII so that the Windows-1251 and KOI8-R files stay decodable), times the --since
# run and a fresh full run of the changed corpus, and checks that the two output sets are byte
# for byte the same. Needs about 17 times the corpus on disk.
set -euo pipefail
corpus=$1 polex=$2 work=$3 pct=${4:-5}
rm -rf "$work" && mkdir -p "$work"
cp -r "$corpus" "$work/month1"
t() { local s; s=$(date +%s.%N); "$@"; echo "$(echo "$(date +%s.%N) - $s" | bc)"; }
full=$(t "$polex" extract "$work/month1" --out "$work/out1" --quiet)
cp -r "$work/month1" "$work/month2"
step=$((100 / pct))
find "$work/month2" -type f | sort | awk -v s="$step" 'NR % s == 0' | while read -r f; do
  printf '\n99. Revision 2026-12: clause 99 added.\n' >> "$f"
done
changed=$(find "$work/month2" -type f | sort | awk -v s="$step" 'NR % s == 0' | wc -l)
files=$(find "$work/month2" -type f | wc -l)
since=$(t "$polex" extract "$work/month2" --out "$work/out2" --since "$work/out1")
rm -rf "$work/out1" "$work/month1"
fresh=$(t "$polex" extract "$work/month2" --out "$work/fresh" --quiet)
for f in "$work"/fresh/*; do
  n=$(basename "$f"); [ "$n" = run.json ] && continue
  cmp -s "$f" "$work/out2/$n" || { echo "DIFFERENT: $n"; exit 1; }
done
echo "files $files, changed $changed; full $full s, --since $since s, fresh $fresh s;" \
  "--since/fresh = $(echo "scale=3; $since / $fresh" | bc); output sets identical"
