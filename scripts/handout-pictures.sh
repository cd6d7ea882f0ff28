#!/usr/bin/env bash
# Renders the README pictures of a handout from the releases in input/:
#   docs/img/handout-cover.png     page 1 (the cover)
#   docs/img/handout-contents.png  page 2 (the table of contents)
#   docs/img/handout-booklet.png   sheet side 3 of the --booklet imposition
# at 50 dpi with pdftoppm (poppler-utils).
#
# Usage: scripts/handout-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --quiet
bin=target/debug/pressroom
"$bin" handout input/ -o "$out/handout.pdf" -q
"$bin" handout input/ -o "$out/booklet.pdf" --booklet -q
mkdir -p docs/img
pdftoppm -r 50 -png -singlefile -f 1 -l 1 "$out/handout.pdf" docs/img/handout-cover
pdftoppm -r 50 -png -singlefile -f 2 -l 2 "$out/handout.pdf" docs/img/handout-contents
pdftoppm -r 50 -png -singlefile -f 3 -l 3 "$out/booklet.pdf" docs/img/handout-booklet
ls -l docs/img/handout-*.png
