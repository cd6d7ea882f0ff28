#!/usr/bin/env bash
# Renders the seed release (SG/SM/20447) as DOCX with the `un` and `release`
# templates, has LibreOffice headless convert them to PDF, and writes page 1
# at 60 dpi to docs/img/seed-docx-<template>.png (the README pictures).
#
# Usage: scripts/docx-picture.sh
# Needs soffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils).
# Until the CLI converts the corpus file itself, the seed document comes from
# the `write_samples` test in tests/it/docx_render.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PRESSROOM_DOCX_OUT="$out" cargo test -q --test it -- --ignored docx_render::write_samples >/dev/null
mkdir -p docs/img
for template in un release; do
    (cd "$out" && soffice --headless --norestore "-env:UserInstallation=file://$out/lo" \
        --convert-to pdf "seed-$template.docx" >/dev/null 2>&1)
    pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/seed-$template.pdf" "docs/img/seed-docx-$template"
    echo "docs/img/seed-docx-$template.png"
done
