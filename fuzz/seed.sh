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
# formats: the first byte picks the reader (0 docx, 1 pdf, 2 html, 3 md; see fuzz_targets/formats.rs)
mkdir -p corpus/formats
for f in ../tests/fixtures/formats/*.docx; do
  { printf '\x00'; cat "$f"; } > "corpus/formats/$(basename "$f")"
done
for f in ../tests/fixtures/formats/*.pdf; do
  { printf '\x01'; cat "$f"; } > "corpus/formats/$(basename "$f")"
done
for f in ../corpus/*.txt; do
  { printf '\x02<p>'; cat "$f"; } > "corpus/formats/$(basename "$f" .txt).html"
  { printf '\x03'; cat "$f"; } > "corpus/formats/$(basename "$f" .txt).md"
done
