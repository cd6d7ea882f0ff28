#!/usr/bin/env bash
# Byte identity across commits (issue #16, "no output changes"): converts every corpus folder
# (../shared/corpus and ../shared/corpus-i18n, each folder holding .txt files) to all four
# renditions with the release build of BASE and with the working tree's, and compares the files.
# Prints the number of files each side wrote and how many differ (the first few by name); exits 1
# when any differ or when the two sides wrote different sets of files.
#
# Usage: scripts/identical.sh [BASE]
#   BASE  a commit, branch or tag (default HEAD: what the working tree's changes are measured
#         against). Its release binary is built once, from a temporary git worktree, and kept
#         as target/identical/pressroom-COMMIT for the next run against the same commit.
# Env: CORPORA="DIR ..." (default: ../shared/corpus ../shared/corpus-i18n),
#      OUT (default /dev/shm if writable, else a temporary folder): where the outputs go.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=$(git rev-parse --verify "${1:-HEAD}^{commit}")
corpora=${CORPORA:-"$root/../shared/corpus $root/../shared/corpus-i18n"}
for c in $corpora; do
    [ -d "$c" ] || { echo "identical.sh: no corpus at $c" >&2; exit 2; }
done

# BASE's binary, built once from a temporary worktree (its dependencies stay compiled in
# target/identical/cargo for the next base).
old=$root/target/identical/pressroom-${base:0:12}
if [ ! -x "$old" ]; then
    tree=$root/target/identical/tree
    rm -rf "$tree"
    git worktree prune
    git worktree add --detach --quiet "$tree" "$base"
    (cd "$tree" && CARGO_TARGET_DIR=$root/target/identical/cargo cargo build --release --quiet)
    cp "$root/target/identical/cargo/release/pressroom" "$old"
    git worktree remove --force "$tree"
fi
cargo build --release --quiet
new=$root/target/release/pressroom

parent=${OUT:-$([ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
work=$(mktemp -d "$parent/pressroom-identical.XXXXXX")
trap 'rm -rf "$work"' EXIT
folders=$(find $corpora -name '*.txt' -printf '%h\n' | sort -u)
for dir in $folders; do
    tag=$(echo "$dir" | sed "s#^$root/../shared/##; s#/#_#g")
    for side in old new; do
        bin=$old
        [ "$side" = new ] && bin=$new
        # A folder may hold inputs that are refused on purpose: both sides
        # must then refuse the same ones (the sets of files are compared).
        "$bin" convert "$dir" -o "$work/$side/$tag" --to pdf,docx,txt,json -q >/dev/null 2>&1 || true
    done
done
count() { find "$work/$1" -type f | wc -l; }
differ=$(diff -rq "$work/old" "$work/new" || true)
n=$(printf '%s' "$differ" | grep -c . || true)
printf 'base %s, working tree %s: %d folders, %d files (base) and %d (working tree), %d differ\n' \
    "${base:0:7}" "$(git describe --always --dirty)" "$(echo "$folders" | wc -l)" \
    "$(count old)" "$(count new)" "$n"
if [ "$n" -gt 0 ]; then
    printf '%s\n' "$differ" | sed "s#$work/##g" | head -10 || true
    exit 1
fi
