#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with the seed inputs: the example policies in corpus/, the encoding
# fixtures (tests/fixtures/encodings) and the hand-made seeds in fuzz/seeds/. libFuzzer adds
# what it finds to the same folders (not committed: see fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")"
for t in decode_analyze invariants emit; do
  mkdir -p "corpus/$t"
  cp ../corpus/*.txt seeds/* "corpus/$t/"
done
cp ../tests/fixtures/encodings/* corpus/decode_analyze/
