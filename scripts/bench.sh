#!/usr/bin/env bash
# Batch benchmark (issue 6): end-to-end docs/s for all four renditions at 1,000 and 10,000
# documents built by copying a corpus folder repeatedly, with peak RSS from /usr/bin/time -v,
# then the anchors (Typst PDF, pandoc DOCX) on the same files via ../shared/bench/anchors.py.
#
# Usage: scripts/bench.sh [CORPUS_SUBDIR ...]
#   default: ../shared/corpus/whitehouse-briefing-room ../shared/corpus/ungdc
# Env: SIZES="1000 10000", JOBS (default: all cores), ANCHORS=0 to skip the anchors,
#      ANCHOR_LIMIT (default 500).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$root/../shared
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("$shared/corpus/whitehouse-briefing-room" "$shared/corpus/ungdc")
sizes=${SIZES:-"1000 10000"}
cargo build --release --quiet
bin=$root/target/release/pressroom
work=$(mktemp -d /tmp/pressroom-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

printf '| set | documents | MB in | seconds | docs/s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|\n'
for set in "${sets[@]}"; do
  name=$(basename "$set")
  mapfile -t files < <(find "$set" -maxdepth 1 -name '*.txt' | sort)
  for n in $sizes; do
    in=$work/in-$name-$n; out=$work/out-$name-$n
    mkdir -p "$in"
    for ((i = 0; i < n; i++)); do
      cp "${files[i % ${#files[@]}]}" "$in/$(printf '%06d' "$i").txt"
    done
    mb=$(du -sm "$in" | cut -f1)
    /usr/bin/time -v "$bin" convert "$in" -o "$out" --template un --quiet ${JOBS:+-j "$JOBS"} 2> "$work/time.log" || true
    secs=$(grep 'Elapsed (wall clock)' "$work/time.log" | awk -F': ' '{print $2}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(grep 'Maximum resident set size' "$work/time.log" | awk -F': ' '{printf "%.0f", $2 / 1024}')
    rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
    printf '| %s | %d | %s | %.2f | %s | %s |\n' "$name" "$n" "$mb" "$secs" "$rate" "$rss"
    rm -rf "$in" "$out"
  done
done

if [ "${ANCHORS:-1}" != 0 ]; then
  venv=${BENCH_VENV:-/tmp/pressroom-bench-venv}
  [ -x "$venv/bin/python" ] || bash "$shared/bench/setup.sh"
  for set in "${sets[@]}"; do
    echo
    echo "anchors on $(basename "$set") (limit ${ANCHOR_LIMIT:-500}):"
    "$venv/bin/python" "$shared/bench/anchors.py" "$set" --limit "${ANCHOR_LIMIT:-500}" \
      --pressroom "$bin convert {in} -o {out} --template un --to {fmt} --quiet"
  done
fi
