#!/usr/bin/env bash
# Handout benchmark (issue 7): a pack of N releases (default 500) from a corpus
# folder, against `pressroom convert --to pdf` on the same files: seconds,
# docs/s, and the pack's size against the sum of the separate PDFs.
#
# Usage: scripts/handout-bench.sh [CORPUS_SUBDIR] [N]
#   default: $PRESSROOM_CORPUS, else ../shared/corpus, else /work/shared/corpus;
#   subfolder whitehouse-briefing-room; N=500. Env: RUNS (default 3, best kept).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=${PRESSROOM_CORPUS:-}
[ -n "$corpus" ] || { [ -d "$root/../shared/corpus" ] && corpus=$root/../shared/corpus; } || true
[ -n "$corpus" ] || corpus=/work/shared/corpus
set_dir=${1:-$corpus/whitehouse-briefing-room}
n=${2:-500}
runs=${RUNS:-3}
cargo build --release --quiet
bin=$root/target/release/pressroom
work=$(mktemp -d /tmp/pressroom-handout-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
find "$set_dir" -maxdepth 1 -name '*.txt' | sort | head -n "$n" | xargs -I{} cp {} "$work/in/"
count=$(find "$work/in" -name '*.txt' | wc -l)

best() { # command... → best wall seconds of $runs runs
  local best=999999 t
  for ((r = 0; r < runs; r++)); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}
t_pack=$(best "$bin" handout "$work/in" -o "$work/pack.pdf" -q)
t_book=$(best "$bin" handout "$work/in" -o "$work/booklet.pdf" --booklet -q)
t_docx=$(best "$bin" handout "$work/in" -o "$work/packd.pdf" --docx -q)
t_conv=$(best "$bin" convert "$work/in" -o "$work/sep" --template un --to pdf -q)
pages=$(pdfinfo "$work/pack.pdf" | awk '/^Pages/ {print $2}')
pack_kb=$(( $(stat -c %s "$work/pack.pdf") / 1024 ))
sep_kb=$(( $(find "$work/sep" -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END {print s}') / 1024 ))
printf '| what | documents | seconds | docs/s |\n|---|---:|---:|---:|\n'
for row in "handout (PDF, $pages pages):$t_pack" "handout --booklet:$t_book" "handout + --docx:$t_docx" "convert --to pdf (separate files):$t_conv"; do
  name=${row%:*}; t=${row##*:}
  printf '| %s | %d | %.2f | %.0f |\n' "$name" "$count" "$t" "$(echo "$count / $t" | bc -l)"
done
printf '\nsize: pack %d KiB, separate PDFs %d KiB in total (%.1f%%)\n' "$pack_kb" "$sep_kb" "$(echo "100 * $pack_kb / $sep_kb" | bc -l)"
