#!/usr/bin/env bash
# PDF conformance checks over rendered corpus files.
#
# Usage: tests/conformance/pdf.sh PDF_DIR SOURCE.txt [SOURCE.txt ...]
#
#   PDF_DIR     folder holding <stem>.pdf for every SOURCE (as written by
#               `pressroom convert SOURCES -o PDF_DIR --to pdf`).
#   SOURCE.txt  the corpus files the PDFs were rendered from.
#
# For each source it runs:
#   1. qpdf --check                      (no syntax or stream errors)
#   2. pdffonts                          (every font embedded, subset, with a ToUnicode map)
#   3. pdftotext + word check            `$PRESSROOM_BIN check SOURCE -` (body words in order,
#                                         metadata words present) on `pdftotext -raw`
#                                         (content-stream order) or, failing that, on
#                                         poppler's reading-order text, or, failing
#                                         both, on the structure tree's text (poppler
#                                         reads it from the same glyphs, in stream
#                                         order): pdftotext's own right-to-left
#                                         reordering splits Arabic ligatures (لأ) and
#                                         moves tanween, so Arabic pages are read there
# PRESSROOM_BIN defaults to target/release/pressroom.
# Prints one line per failure and a summary; exits 1 if anything failed,
# 2 on usage errors or missing tools.
set -u
bin=${PRESSROOM_BIN:-$(dirname "$0")/../../target/release/pressroom}

if [ "$#" -lt 2 ] || [ ! -d "$1" ]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if [ ! -x "$bin" ]; then
  echo "pdf.sh: no pressroom binary at $bin (cargo build --release, or set PRESSROOM_BIN)" >&2
  exit 2
fi
for tool in qpdf pdffonts pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || { echo "pdf.sh: $tool not found (apt-get install qpdf poppler-utils python3)" >&2; exit 2; }
done

pdf_dir=$1
shift
total=0
failed=0
via_struct=0
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL $1: $2"; }

for src in "$@"; do
  total=$((total + 1))
  stem=$(basename "$src" .txt)
  pdf="$pdf_dir/$stem.pdf"
  ok=1
  if [ ! -f "$pdf" ]; then
    fail "$stem" "no PDF at $pdf"
    failed=$((failed + 1))
    continue
  fi
  if ! qpdf --check "$pdf" >/dev/null 2>&1; then
    fail "$stem" "qpdf --check: $(qpdf --check "$pdf" 2>&1 | grep -v '^checking\|^PDF Version\|^File is not' | head -n 2 | tr '\n' ' ')"
    ok=0
  fi
  bad_fonts=$(pdffonts "$pdf" 2>&1 | awk 'NR > 2 {
      n = NF; uni = $(n-2); sub_ = $(n-3); emb = $(n-4);
      if (emb != "yes" || sub_ != "yes" || uni != "yes") print $1 " emb=" emb " sub=" sub_ " uni=" uni }')
  if [ -n "$bad_fonts" ]; then
    fail "$stem" "pdffonts: $(echo "$bad_fonts" | tr '\n' ';')"
    ok=0
  fi
  # Content-stream order first (-raw: the order pressroom wrote), then poppler's
  # reading-order reconstruction, which rejoins "self-" / "determination" across
  # lines and may reorder table cells; the words must come out in order in one.
  if ! missing=$(pdftotext -raw -enc UTF-8 "$pdf" - 2>/dev/null | "$bin" check "$src" - 2>&1) &&
     ! missing2=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | "$bin" check "$src" - 2>&1); then
    if python3 "$here/structtext.py" "$pdf" 2>/dev/null | "$bin" check "$src" - >/dev/null 2>&1; then
      via_struct=$((via_struct + 1))
    else
      fail "$stem" "raw: $missing; reading order: $missing2"
      ok=0
    fi
  fi
  [ "$ok" = 1 ] || failed=$((failed + 1))
done

echo "pdf conformance: $((total - failed))/$total passed (qpdf --check, pdffonts emb/sub/uni, pdftotext words; $via_struct read from the structure text)"
[ "$failed" = 0 ]
