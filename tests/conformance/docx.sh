#!/usr/bin/env bash
# DOCX conformance: nothing lost, real styles.
#
# Usage: tests/conformance/docx.sh DOCX_DIR SOURCE.txt...
#
#   DOCX_DIR    directory holding <stem>.docx for every SOURCE <stem>.txt
#               (and, when present, pressroom's model <stem>.json beside it)
#   SOURCE.txt  the corpus files the DOCX files were rendered from
#
# Environment:
#   SAMPLE=N    how many DOCX files LibreOffice converts to PDF (default 25;
#               the seed sgsm20447 is always among them when present)
#   VENV=DIR    python venv for python-docx (default /tmp/pressroom-docx-venv)
#   UNDRAWN=FILE  sources (one path per line) with characters no bundled font
#               draws (pressroom's missing-glyph warning): LibreOffice has no
#               font for them either, so their words are checked by python-docx
#               only, and they are counted apart in the summary (issue #15)
#
# Checks, for every DOCX: python-docx opens it, reports the paragraph style
# names used (body, tables, headers, footers) and finds every expected word.
# For the sample: LibreOffice headless converts it to PDF and pdftotext of
# that PDF holds every expected word (read as one stream of letters and
# digits, since line-end hyphenation splits words in a PDF's text layer). Expected words come from the model JSON
# when it is there (all text fields pressroom renders), else from the .txt
# (front-matter keys excepted). Words compare case-insensitively (styles may
# set caps). Prints a summary; exits 1 on any loss, 2 on usage errors.
# Installs what it needs (Debian, as root): libreoffice-writer-nogui,
# poppler-utils, python3-venv, and python-docx into the venv.
set -euo pipefail
# words.py (the word splitter shared with pressroom::words) sits next to this script.
export PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"

if [ "$#" -lt 2 ] || [ ! -d "$1" ]; then
    sed -n '2,25p' "$0" >&2
    exit 2
fi
docx_dir=$1
shift
sample=${SAMPLE:-25}
venv=${VENV:-/tmp/pressroom-docx-venv}

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "docx conformance: installing ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if ! "$venv/bin/python" -c 'import docx' >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q python-docx
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Choose the LibreOffice sample: the seed first, then every k-th file.
printf '%s\n' "$@" | sort > "$work/sources"
total=$(wc -l < "$work/sources")
step=$(( total / (sample > 0 ? sample : 1) ))
[ "$step" -ge 1 ] || step=1
{
    grep '/sgsm20447\.txt$' "$work/sources" || true
    awk -v s="$step" 'NR % s == 1 || s == 1' "$work/sources"
} | awk '!seen[$0]++' | head -n "$sample" > "$work/sample"

mkdir -p "$work/pdf"
while read -r src; do
    stem=$(basename "$src" .txt)
    [ -f "$docx_dir/$stem.docx" ] || continue
    cp "$docx_dir/$stem.docx" "$work/pdf/"
done < "$work/sample"
if ls "$work/pdf"/*.docx >/dev/null 2>&1; then
    (cd "$work/pdf" && timeout 900 soffice --headless --norestore \
        "-env:UserInstallation=file://$work/lo-profile" \
        --convert-to pdf ./*.docx >/dev/null 2>&1) || true
    for pdf in "$work/pdf"/*.pdf; do
        [ -e "$pdf" ] || continue
        pdftotext -enc UTF-8 "$pdf" "${pdf%.pdf}.pdftext"
    done
fi

"$venv/bin/python" - "$docx_dir" "$work/pdf" "$work/sample" "${UNDRAWN:-/dev/null}" "$@" <<'PY'
import collections, json, os, re, sys, unicodedata
import docx
from words import words as split_words

docx_dir, pdf_dir, sample_file, undrawn_file, sources = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
undrawn = set(open(undrawn_file, encoding="utf-8").read().split("\n")) - {""}

def words(text):
    return [w.casefold() for w in split_words(text)]

def model_text(model):
    """Every text field pressroom renders, from the model JSON."""
    meta, parts = model.get("meta", {}), []
    parts += [s.get("raw", "") for s in meta.get("symbols", [])]
    for key in ("time", "delivery_note", "end_mark", "disclaimer"):
        parts.append(meta.get(key) or "")
    parts.append((meta.get("headline") or {}).get("text", ""))
    parts.append((meta.get("dateline") or {}).get("raw", ""))
    parts.append((meta.get("release") or {}).get("until") or "")
    parts += meta.get("subheadlines", []) + meta.get("editorial_notes", [])
    parts += [c.get("raw", "") for c in meta.get("contacts", [])]
    inline_types = {"text", "emphasis", "strong", "link", "line_break"}
    def inline_text(node):
        kind = node.get("type")
        if kind == "text":
            return node.get("text", "")
        if kind == "line_break":
            return "\n"
        return "".join(inline_text(c) for c in node.get("content", []))
    def walk(node):
        if isinstance(node, list) and node and all(
                isinstance(x, dict) and x.get("type") in inline_types for x in node):
            # A run of inlines is one text: "[enroll](…)ed" is the word "enrolled".
            parts.append("".join(inline_text(x) for x in node))
            return
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "speaker", "title") and isinstance(value, str):
                    parts.append(value)
                elif key == "lines" and isinstance(value, list):
                    parts.extend(v for v in value if isinstance(v, str))
                elif key != "url":
                    walk(value)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(model.get("body", []))
    return "\n".join(p for p in parts if p)

def source_text(path):
    """The .txt without front-matter keys (`key: value` lines before the first blank line)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    out, head = [], True
    for line in lines:
        if head and not line.strip():
            head = False
        if head and re.match(r"^\s*[A-Za-z_][\w -]{0,30}:\s", line):
            line = line.split(":", 1)[1]
        out.append(line)
    return "\n".join(out)

def expected_words(src):
    stem = os.path.splitext(os.path.basename(src))[0]
    js = os.path.join(docx_dir, stem + ".json")
    if os.path.exists(js):
        with open(js, encoding="utf-8") as f:
            return words(model_text(json.load(f)))
    return words(source_text(src))

def missing(expected, *texts):
    have = collections.Counter()
    for t in texts:
        for w, n in collections.Counter(words(t)).items():
            have[w] = max(have[w], n)
    lost = []
    for w in expected:
        if have[w] > 0:
            have[w] -= 1
        else:
            lost.append(w)
    return lost

def missing_in_stream(expected, text):
    """Words not found in `text` read as one stream of letters and digits.

    A PDF's text layer breaks words where the line breaks ("co-" / "operation",
    or "legis-" / "lation" after automatic hyphenation), so the stream drops every
    separator and each expected word is searched in order from the previous match,
    then anywhere (metadata may stand elsewhere on the page)."""
    stream = "".join(words(text))
    lost, cursor = [], 0
    for w in expected:
        at = stream.find(w, cursor)
        if at < 0:
            at = stream.find(w)
        if at < 0:
            lost.append(w)
        else:
            cursor = at + len(w)
    return lost

def docx_text(d):
    styles, chunks = collections.Counter(), []
    def paragraphs(container):
        for p in container.paragraphs:
            styles[p.style.name if p.style is not None else "(none)"] += 1
            chunks.append(p.text)
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    paragraphs(cell)
    paragraphs(d)
    for section in d.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            if not part.is_linked_to_previous:
                paragraphs(part)
    return "\n".join(chunks), styles

sample = set(open(sample_file).read().split("\n"))
all_styles, failures, checked, words_checked, pdf_checked, pdf_undrawn = collections.Counter(), 0, 0, 0, 0, 0
for src in sources:
    stem = os.path.splitext(os.path.basename(src))[0]
    path = os.path.join(docx_dir, stem + ".docx")
    if not os.path.exists(path):
        print(f"MISSING {path}"); failures += 1; continue
    expected = expected_words(src)
    try:
        text, styles = docx_text(docx.Document(path))
    except Exception as e:  # an unreadable DOCX is a failure, not a crash
        print(f"UNREADABLE {path}: {e}"); failures += 1; continue
    checked += 1; words_checked += len(expected); all_styles.update(styles)
    lost = missing(expected, text)
    if lost:
        failures += 1
        print(f"LOST (python-docx) {path}: {len(lost)} word(s): {' '.join(lost[:12])}")
    if src in sample and src in undrawn:
        pdf_undrawn += 1
        print(f"not checked in LibreOffice's PDF (characters no bundled font draws): {path}")
    elif src in sample:
        txt = os.path.join(pdf_dir, stem + ".pdftext")
        if not os.path.exists(txt):
            print(f"NO PDF (LibreOffice) {path}"); failures += 1; continue
        pdf = open(txt, encoding="utf-8", errors="replace").read()
        pdf_checked += 1
        lost = missing_in_stream(expected, pdf)
        if lost:
            failures += 1
            print(f"LOST (LibreOffice PDF) {path}: {len(lost)} word(s): {' '.join(lost[:12])}")

print(f"docx conformance: {checked} DOCX read by python-docx, {pdf_checked} converted by LibreOffice, "
      f"{words_checked} words checked, {failures} failure(s), "
      f"{pdf_undrawn} with characters no bundled font draws read by python-docx only")
print("paragraph styles used: " + ", ".join(f"{n} ({c})" for n, c in sorted(all_styles.items())))
sys.exit(1 if failures else 0)
PY
