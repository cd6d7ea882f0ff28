#!/usr/bin/env bash
# PDF conformance checks over rendered corpus files.
#
# Usage: tests/conformance/pdf.sh PDF_DIR SOURCE.txt [SOURCE.txt ...]
#
#   PDF_DIR     folder holding <stem>.pdf for every SOURCE (as written by
#               `pressroom convert SOURCES -o PDF_DIR --to pdf,json`), and
#               optionally <stem>.json (the model) next to it.
#   SOURCE.txt  the corpus files the PDFs were rendered from.
#
# For each source it runs:
#   1. qpdf --check                      (no syntax or stream errors)
#   2. pdffonts                          (every font embedded, subset, with a ToUnicode map)
#   3. pdftotext + word check            with `$PRESSROOM_BIN check SOURCE -` when PRESSROOM_BIN
#                                         is set (body words in order, metadata words present),
#                                         on `pdftotext -raw` (content-stream order) or, failing
#                                         that, on poppler's reading-order text;
#                                         otherwise every word of the model (<stem>.json when
#                                         present, else the source text) must be in the text layer
# Prints one line per failure and a summary; exits 1 if anything failed,
# 2 on usage errors or missing tools.
set -u

if [ "$#" -lt 2 ] || [ ! -d "$1" ]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
for tool in qpdf pdffonts pdftotext python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "pdf.sh: $tool not found (apt-get install qpdf poppler-utils python3)" >&2; exit 2; }
done

pdf_dir=$1
shift
total=0
failed=0
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
  if [ -n "${PRESSROOM_BIN:-}" ] && [ -x "$PRESSROOM_BIN" ]; then
    # Content-stream order first (-raw: the order pressroom wrote), then poppler's
    # reading-order reconstruction, which rejoins "self-" / "determination" across
    # lines and may reorder table cells; the words must come out in order in one.
    if ! missing=$(pdftotext -raw -enc UTF-8 "$pdf" - 2>/dev/null | "$PRESSROOM_BIN" check "$src" - 2>&1) &&
       ! missing2=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | "$PRESSROOM_BIN" check "$src" - 2>&1); then
      fail "$stem" "raw: $missing; reading order: $missing2"
      ok=0
    fi
    [ "$ok" = 1 ] || failed=$((failed + 1))
    continue
  fi
  model="$pdf_dir/$stem.json"
  [ -f "$model" ] || model=""
  if ! missing=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | python3 -c '
import json, sys, unicodedata
from collections import Counter

IGNORABLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
SKIP_KEYS = {"schema", "source_file", "source_url", "date", "kind", "type", "source", "code",
             "style", "delimiter", "series", "number", "suffixes", "url", "severity", "message",
             "line", "diagnostics", "derived", "reissue", "start", "bullet", "extra", "language"}

def words(text):
    out, cur = [], []
    for c in text:
        if c in IGNORABLE:
            continue
        if c.isalnum() and not c.isascii() and unicodedata.east_asian_width(c) in "WF":
            # An ideograph, kana or Hangul syllable is a word by itself (a line
            # may break beside it), as in pressroom::words.
            if cur:
                out.append("".join(cur)); cur = []
            out.append(c)
        elif c.isalnum() or unicodedata.category(c).startswith("M"):
            cur.append(c)
        elif cur:
            out.append("".join(cur)); cur = []
    if cur:
        out.append("".join(cur))
    return out

def strings(node, key=None):
    if key in SKIP_KEYS:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for x in node:
            yield from strings(x)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, k)

pdf_text = sys.stdin.read().replace("\u00ad\n", "")
model, source = sys.argv[1], sys.argv[2]
if model:
    expected = [w for s in strings(json.load(open(model, encoding="utf-8"))) for w in words(s)]
else:
    expected = words(open(source, encoding="utf-8", errors="replace").read())
have = Counter(words(pdf_text))
missing = []
for w in expected:
    if have[w] > 0:
        have[w] -= 1
    else:
        missing.append(w)
print(" ".join(missing[:12]) + (" ..." if len(missing) > 12 else ""))
sys.exit(1 if missing else 0)
' "$model" "$src"); then
    fail "$stem" "words missing from the text layer: $missing"
    ok=0
  fi
  [ "$ok" = 1 ] || failed=$((failed + 1))
done

echo "pdf conformance: $((total - failed))/$total passed (qpdf --check, pdffonts emb/sub/uni, pdftotext words)"
[ "$failed" = 0 ]
