#!/usr/bin/env bash
# Instruction counts per stage (issue #16): the release binary converts a fixed set of inputs on
# one thread under callgrind, and callgrind_annotate's inclusive counts of each stage's entry
# function are printed per document. Instruction counts do not depend on the machine's load, so
# two commits can be compared on a busy machine where timings cannot.
#
# Usage: scripts/instructions.sh [FORMATS] [DIR]
#   FORMATS  what to convert to (default pdf,docx,txt,json)
#   DIR      the inputs (default: the first $LIMIT .txt files of
#            ../shared/corpus/whitehouse-briefing-room, sorted by name)
# Env: LIMIT (default 100), BIN (default target/release/pressroom, built if missing),
#      KEEP=FILE keeps callgrind's output there.
#      BIN=target/profiling/pressroom (cargo build --profile profiling) has line tables, so
#      callgrind_annotate can also point at source lines; its counts are the release build's.
# Needs valgrind (apt-get install valgrind).
#
# Stages (a row counts its callees; rows nest as indented):
#   normalize, parse                 reading the input
#   layout                           model + template -> positioned pages
#   pdf: content, subset, serialize  painting, font subsets, objects
#   deflate                          every compressed stream and zip entry
#   docx, txt, json                  the other renditions
#   digests                          SHA-256 of inputs and outputs (--incremental, --report only)
set -euo pipefail
cd "$(dirname "$0")/.."
formats=${1:-pdf,docx,txt,json}
limit=${LIMIT:-100}
bin=${BIN:-target/release/pressroom}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 2; }
[ -x "$bin" ] || cargo build --release --quiet
work=$(mktemp -d /tmp/pressroom-instr.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
if [ "$#" -ge 2 ]; then
    src=$2
else
    src=../shared/corpus/whitehouse-briefing-room
fi
find "$src" -maxdepth 1 -name '*.txt' | sort | sed -n "1,${limit}p" | xargs -d '\n' cp -t "$work/in"
docs=$(find "$work/in" -name '*.txt' | wc -l)
[ "$docs" -gt 0 ] || { echo "instructions.sh: no .txt inputs in $src" >&2; exit 2; }
out=${KEEP:-$work/callgrind.out}
valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bin" convert "$work/in" -o "$work/out" --to "$formats" -q -j 1 >/dev/null 2>"$work/log" \
    || { cat "$work/log" >&2; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$out" >"$work/annotated" 2>/dev/null
total=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$work/annotated" | tr -d ,)
printf '%s: %d documents, %s, 1 thread, %s\n' "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "$docs" "$formats" "$(basename "$src")"
printf '%-26s %14s %12s %7s\n' stage instructions 'M per doc' share
row() { # label, function name as callgrind_annotate prints it
    local n
    # A function can be listed once per source file its code comes from (its
    # own, and the files of what was inlined into it, sometimes under a
    # relative path): its inclusive count is the largest of those.
    n=$(awk -v f=":$2" '{ line = $0; sub(/ \[[^]]*\]$/, "", line)
        if (substr(line, length(line) - length(f) + 1) == f) { c = $1; gsub(",", "", c); if (c + 0 > max) max = c + 0 } }
        END { printf "%.0f", max }' "$work/annotated")
    n=${n:-0}
    awk -v l="$1" -v n="$n" -v d="$docs" -v t="$total" \
        'BEGIN { printf "%-26s %14.0f %12.2f %6.1f%%\n", l, n, n / d / 1e6, 100 * n / t }'
}
awk -v t="$total" -v d="$docs" 'BEGIN { printf "%-26s %14.0f %12.2f %6.1f%%\n", "program (start-up too)", t, t / d / 1e6, 100 }'
row "documents (in memory)" "pressroom::batch::convert_bytes"
row "  normalize" "pressroom::normalize::normalize"
row "  parse" "pressroom::parse::parse"
row "    language detection" "pressroom::parse::language::detect_sample"
row "  pdf" "pressroom::render::pdf::render"
row "    layout" "pressroom::layout::layout"
row "      shaping (harfrust)" "harfrust::shape::shape"
row "      line breaking" "pressroom::layout::linebreak::break_lines"
row "    content streams" "pressroom::render::pdf::content::page_content"
row "    font subsets" "pressroom::render::pdf::subset::subset"
row "    serialize" "pressroom::render::pdf::writer::PdfWriter::serialize"
row "  deflate (PDF, DOCX)" "libdeflate_deflate_compress"
row "  docx" "pressroom::render::docx::render"
row "  txt" "pressroom::render::text::render"
row "  json" "pressroom::render::json::render"
row "  digests (SHA-256)" "pressroom::batch::report::sha256_hex"
row "  file writes" "pressroom::batch::write::OutputDir::write"
