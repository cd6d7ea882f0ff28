#!/usr/bin/env bash
# Refreshes docs/img/: page 1 of the seed release and of a long multi-page
# release in every bundled template, rasterized with `pdftoppm -r 60`.
#
# Usage: scripts/pictures.sh     (needs cargo and poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --quiet --test it pdf_render::pictures_sources_render >/dev/null
src=target/pdf-tests/pictures
mkdir -p docs/img
for pdf in "$src"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "docs/img/$name"
  echo "docs/img/$name.png"
done
