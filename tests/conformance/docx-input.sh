#!/usr/bin/env bash
# Word drafts in (issue #17): DOCX files written by other tools convert with
# no lost word, their headings and lists recognized.
#
# Usage: tests/conformance/docx-input.sh CORPUS_DIR
#
#   CORPUS_DIR  a folder of release texts (*.txt, searched recursively)
#
# Environment:
#   PRESSROOM_BIN  the pressroom binary (default target/release/pressroom)
#   COUNT=N        how many corpus files each tool converts (default 50): every
#                  k-th file of the sorted list
#   VENV=DIR       python venv holding pypandoc-binary (default
#                  /tmp/pressroom-bench-venv, created when it lacks it)
#
# For COUNT files, two drafts each:
#   pandoc       the text read as Markdown → DOCX (pandoc's own styles:
#                Title, Heading N, numbered and bulleted lists, tables);
#   LibreOffice  the text as Markdown → HTML (pandoc) → DOCX written by
#                `soffice --headless --convert-to docx`, one process per file.
# Each draft is converted by pressroom to TXT and JSON; then
#   `pressroom check DRAFT TXT`  every word pressroom read is printed, and
#   docx_input.py                every word of the draft as pandoc reads it
#                                (an independent reader) is in the TXT, less
#                                the date and end mark as written; every
#                                Title/Heading paragraph is the headline, a
#                                subheadline, a heading or a boilerplate
#                                title; every numbered paragraph a list item.
# Prints one line per problem and a summary per tool; exits 1 on any problem,
# 2 on usage errors. Installs what it needs (Debian, as root):
# libreoffice-writer-nogui, python3-venv, pypandoc-binary into the venv.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"

if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
    sed -n '2,30p' "$0" >&2
    exit 2
fi
corpus=$1
count=${COUNT:-50}
venv=${VENV:-/tmp/pressroom-bench-venv}
bin=${PRESSROOM_BIN:-$here/../../target/release/pressroom}
[ -x "$bin" ] || { echo "docx-input: no pressroom binary at $bin (PRESSROOM_BIN)" >&2; exit 2; }

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "docx-input: installing ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if ! "$venv/bin/python" -c 'import pypandoc' >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pypandoc-binary
fi
pandoc=$("$venv/bin/python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find "$corpus" -name '*.txt' | sort > "$work/all"
total=$(wc -l < "$work/all")
step=$(( total / (count > 0 ? count : 1) ))
[ "$step" -ge 1 ] || step=1
awk -v s="$step" '(NR - 1) % s == 0' "$work/all" | head -n "$count" > "$work/sources"

mkdir -p "$work/pandoc" "$work/libreoffice" "$work/html"
n=0
while read -r src; do
    n=$((n + 1))
    stem=$(printf '%03d-%s' "$n" "$(basename "$src" .txt)")
    "$pandoc" -f markdown -t docx "$src" -o "$work/pandoc/$stem.docx"
    "$pandoc" -f markdown -t html --standalone "$src" -o "$work/html/$stem.html" 2>/dev/null
    soffice --headless "-env:UserInstallation=file://$work/lo-profile" \
        --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" \
        --outdir "$work/libreoffice" "$work/html/$stem.html" >/dev/null 2>&1 || true
done < "$work/sources"

status=0
for tool in pandoc libreoffice; do
    drafts=0 converted=0 failed=0 words=0 missing=0 heads=0 heads_ok=0 items=0 items_ok=0
    mkdir -p "$work/out-$tool"
    for draft in "$work/$tool"/*.docx; do
        [ -f "$draft" ] || continue
        drafts=$((drafts + 1))
        stem=$(basename "$draft" .docx)
        if ! "$bin" convert "$draft" -o "$work/out-$tool" --to txt,json >"$work/log" 2>&1; then
            echo "$tool $stem: conversion failed: $(tail -n 1 "$work/log")"
            failed=$((failed + 1))
            continue
        fi
        converted=$((converted + 1))
        txt="$work/out-$tool/$stem.txt"
        if ! "$bin" check "$draft" "$txt" >"$work/log" 2>&1; then
            echo "$tool $stem: pressroom check: $(tail -n 1 "$work/log")"
            failed=$((failed + 1))
        fi
        if ! "$venv/bin/python" "$here/docx_input.py" "$pandoc" "$draft" "$txt" "$work/out-$tool/$stem.json" >"$work/log" 2>&1; then
            grep -v '^words=' "$work/log" | sed "s|^$work/$tool/|$tool |" || true
            failed=$((failed + 1))
        fi
        read -r w m h i < <(awk -F'[ =/]' '/^words=/ {print $2, $4, $6 "/" $7, $9 "/" $10}' "$work/log")
        words=$((words + w)); missing=$((missing + m))
        heads_ok=$((heads_ok + ${h%/*})); heads=$((heads + ${h#*/}))
        items_ok=$((items_ok + ${i%/*})); items=$((items + ${i#*/}))
    done
    echo "docx-input $tool: $drafts drafts, $converted converted, $words words ($missing lost), headings $heads_ok/$heads, list items $items_ok/$items, $failed problem(s)"
    if [ "$drafts" -lt "$count" ] || [ "$failed" -gt 0 ]; then
        status=1
    fi
done
exit "$status"
