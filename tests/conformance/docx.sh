#!/usr/bin/env bash
# DOCX conformance: nothing lost, real styles.
#
# Usage: tests/conformance/docx.sh DOCX_DIR SOURCE.txt...
#
#   DOCX_DIR    directory holding <stem>.docx for every SOURCE <stem>.txt
#   SOURCE.txt  the corpus files the DOCX files were rendered from
#
# Environment:
#   PRESSROOM_BIN  the pressroom binary (default target/release/pressroom)
#   SAMPLE=N    how many DOCX files LibreOffice converts to PDF (default 25;
#               the seed sgsm20447 is always among them when present)
#   VENV=DIR    python venv for python-docx (default /tmp/pressroom-docx-venv)
#   UNDRAWN=FILE  sources (one path per line) with characters no bundled font
#               draws (pressroom's missing-glyph warning): LibreOffice has no
#               font for them either, so they are not converted (issue #15)
#
# Checks, for every DOCX: python-docx opens it; every paragraph with text is
# set in a named style (none in Normal); the text python-docx reads (body,
# tables, headers, footers, and list labels counted from numbering.xml as
# Word draws them) holds every word of the INPUT, less what
# src/coverage.rs lists as legitimately not printed, the body in order
# (`pressroom check`, the check every rendition gets). For the sample:
# LibreOffice headless converts the DOCX to PDF and pdftotext of that PDF
# holds every word python-docx read (as one stream of letters and digits,
# since line-end hyphenation splits words in a PDF's text layer; words.py
# splits both sides). Prints a summary; exits 1 on any loss, 2 on usage errors.
# Installs what it needs (Debian, as root): libreoffice-writer-nogui,
# poppler-utils, python3-venv, and python-docx into the venv.
set -euo pipefail
# words.py (the word splitter for comparing two renditions) sits next to this script.
export PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"

if [ "$#" -lt 2 ] || [ ! -d "$1" ]; then
    sed -n '2,25p' "$0" >&2
    exit 2
fi
docx_dir=$1
shift
sample=${SAMPLE:-25}
venv=${VENV:-/tmp/pressroom-docx-venv}
bin=${PRESSROOM_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/target/release/pressroom}

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
if ! "$venv/bin/python" -c 'import docx.document as d; d.Document.iter_inner_content' >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'python-docx>=1.2'
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
    # One LibreOffice process per document, as a reader opens one release:
    # LibreOffice keeps the first embedded subset of a family it meets for
    # the whole session (EmbeddedFontsHelper::addEmbeddedFont: "assume it's
    # already been added correctly"), so a second Chinese DOCX converted in
    # the same process would borrow the first one's ideographs. Each start
    # clears the profile's temporary fonts.
    for doc in "$work/pdf"/*.docx; do
        (cd "$work/pdf" && timeout 300 soffice --headless --norestore \
            "-env:UserInstallation=file://$work/lo-profile" \
            --convert-to pdf "./$(basename "$doc")" >/dev/null 2>&1) || true
    done
    for pdf in "$work/pdf"/*.pdf; do
        [ -e "$pdf" ] || continue
        pdftotext -enc UTF-8 "$pdf" "${pdf%.pdf}.pdftext"
    done
fi

mkdir -p "$work/text"
"$venv/bin/python" - "$docx_dir" "$work/pdf" "$work/sample" "${UNDRAWN:-/dev/null}" "$work/text" "$@" <<'PY' || failed=1
import collections, os, sys, unicodedata
import docx
import docx.table
from words import words as split_words

docx_dir, pdf_dir, sample_file, undrawn_file, text_dir = sys.argv[1:6]
sources = sys.argv[6:]
undrawn = set(open(undrawn_file, encoding="utf-8").read().split("\n")) - {""}
# Every paragraph of pressroom's DOCX is set in a named style of its own.
UNSTYLED = {"Normal", "(none)"}

def words(text):
    return [w.casefold() for w in split_words(text)]

def fold(word):
    """A word as two readers of the same page agree on it: compatibility forms
    folded (LibreOffice's ToUnicode names Kangxi radicals and Arabic
    presentation forms), combining marks dropped (pdftotext's right-to-left
    reordering moves tanween and shadda off their letters)."""
    return "".join(c for c in unicodedata.normalize("NFKC", word)
                   if not unicodedata.category(c).startswith("M"))

def missing_in_stream(expected, text):
    """Words not found in `text` read as one stream of letters and digits.

    A PDF's text layer breaks words where the line breaks ("co-" / "operation",
    or "legis-" / "lation" after automatic hyphenation), so the stream drops every
    separator and each expected word is searched in order from the previous match,
    then anywhere (metadata may stand elsewhere on the page)."""
    stream = fold("".join(words(text)))
    lost, cursor = [], 0
    for w in map(fold, expected):
        at = stream.find(w, cursor)
        if at < 0:
            at = stream.find(w)
        if at < 0:
            lost.append(w)
        else:
            cursor = at + len(w)
    return lost

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

def roman(n):
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out

def letters(n):
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out

FORMATS = {"decimal": str, "lowerRoman": roman, "upperRoman": lambda n: roman(n).upper(),
           "lowerLetter": letters, "upperLetter": lambda n: letters(n).upper()}

class Numbering:
    """List labels as Word draws them: numbering.xml's levels (numFmt, lvlText,
    start, startOverride) counted over the paragraphs in document order."""
    def __init__(self, d):
        self.levels, self.counters = {}, {}
        try:
            root = d.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            abstract[a.get(W + "abstractNumId")] = {
                lvl.get(W + "ilvl"): self.level(lvl) for lvl in a.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                ilvl = override.get(W + "ilvl")
                if start is not None and ilvl in levels:
                    levels[ilvl] = dict(levels[ilvl], start=int(start.get(W + "val")))
            self.levels[num.get(W + "numId")] = levels

    @staticmethod
    def level(lvl):
        def val(tag, default):
            e = lvl.find(W + tag)
            return e.get(W + "val") if e is not None else default
        return {"start": int(val("start", "1")), "fmt": val("numFmt", "decimal"), "text": val("lvlText", "")}

    def label(self, p):
        ppr = p._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id, ilvl = str(num_pr.numId.val), str(num_pr.ilvl.val if num_pr.ilvl is not None else 0)
        levels = self.levels.get(num_id, {})
        counters = self.counters.setdefault(num_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters[ilvl] = counters.get(ilvl, level["start"] - 1) + 1
        for deeper in [k for k in counters if int(k) > int(ilvl)]:
            del counters[deeper]
        text = level["text"]
        for k, lv in levels.items():
            if "%" + str(int(k) + 1) in text:
                n = counters.get(k, lv["start"])
                text = text.replace("%" + str(int(k) + 1), FORMATS.get(lv["fmt"], str)(n))
        return text

def docx_text(d):
    styles, chunks = collections.Counter(), []
    numbering = Numbering(d)
    def paragraphs(container):
        # Paragraphs and tables in document order (python-docx >= 1.0).
        for item in container.iter_inner_content():
            if isinstance(item, docx.table.Table):
                for row in item.rows:
                    for cell in row.cells:
                        paragraphs(cell)
                continue
            style = item.style.name if item.style is not None else "(none)"
            # "- more -" is an IF PAGE < NUMPAGES field LibreOffice 7.4 does
            # not evaluate (it shows nothing); it holds no word of the input.
            if style == "More":
                continue
            if item.text.strip():
                styles[style] += 1
            label = numbering.label(item)
            chunks.append(f"{label} {item.text}" if label else item.text)
    paragraphs(d)
    for section in d.sections:
        for part in (section.first_page_header, section.header, section.first_page_footer, section.footer):
            if not part.is_linked_to_previous:
                paragraphs(part)
    return "\n".join(chunks), styles

sample = set(open(sample_file).read().split("\n"))
all_styles, failures, checked, pdf_checked, pdf_undrawn, pdf_rtl = collections.Counter(), 0, 0, 0, 0, 0


def right_to_left(text):
    """Mostly Arabic or Hebrew letters: pdftotext's own reordering of such a
    page splits ligatures and moves marks, so its words are no referee."""
    letters = [c for c in text if c.isalpha()]
    rtl = sum(1 for c in letters if unicodedata.bidirectional(c) in ("R", "AL"))
    return bool(letters) and rtl > len(letters) // 3
for src in sources:
    stem = os.path.splitext(os.path.basename(src))[0]
    path = os.path.join(docx_dir, stem + ".docx")
    if not os.path.exists(path):
        print(f"MISSING {path}"); failures += 1; continue
    try:
        text, styles = docx_text(docx.Document(path))
    except Exception as e:  # an unreadable DOCX is a failure, not a crash
        print(f"UNREADABLE {path}: {e}"); failures += 1; continue
    checked += 1; all_styles.update(styles)
    with open(os.path.join(text_dir, stem + ".docxtext"), "w", encoding="utf-8") as f:
        f.write(text)
    unstyled = sum(n for name, n in styles.items() if name in UNSTYLED)
    if unstyled:
        failures += 1
        print(f"UNSTYLED {path}: {unstyled} paragraph(s) in Normal or no style")
    if src in sample and src in undrawn:
        pdf_undrawn += 1
        print(f"not checked in LibreOffice's PDF (characters no bundled font draws): {path}")
    elif src in sample and right_to_left(text):
        pdf_rtl += 1
        print(f"not checked in LibreOffice's PDF (right to left: pdftotext reorders it by position): {path}")
    elif src in sample:
        txt = os.path.join(pdf_dir, stem + ".pdftext")
        if not os.path.exists(txt):
            print(f"NO PDF (LibreOffice) {path}"); failures += 1; continue
        pdf = open(txt, encoding="utf-8", errors="replace").read()
        pdf_checked += 1
        # The DOCX's words are checked against the input below; LibreOffice's
        # PDF must hold every word of the DOCX.
        lost = missing_in_stream(words(text), pdf)
        if lost:
            failures += 1
            print(f"LOST (LibreOffice PDF) {path}: {len(lost)} word(s): {' '.join(lost[:12])}")

print(f"python-docx: {checked} DOCX read, {failures} failure(s); LibreOffice: {pdf_checked} converted, "
      f"{pdf_undrawn} with characters no bundled font draws not converted, {pdf_rtl} right to left not compared")
print("paragraph styles used: " + ", ".join(f"{n} ({c})" for n, c in sorted(all_styles.items())))
sys.exit(1 if failures else 0)
PY
# Every word of each input (less what coverage.rs lists as legitimately not
# printed) in the text python-docx read, the body in order: `pressroom check`,
# the same check as for every other rendition.
lost=0 words_checked=0
for src in "$@"; do
    stem=$(basename "$src" .txt)
    text="$work/text/$stem.docxtext"
    [ -f "$text" ] || continue
    if ! out=$("$bin" check "$src" "$text" 2>&1); then
        echo "LOST (python-docx) $out"
        lost=$((lost + 1))
    fi
    words_checked=$((words_checked + 1))
done
echo "docx conformance: $# DOCX, $words_checked checked from the input, $lost with lost words, ${failed:-0} other failure(s)"
[ "$lost" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
