#!/usr/bin/env bash
# Tagged PDF conformance over the whole corpus: PDF/A-2a and PDF/UA-1 by veraPDF,
# the structure tree's text and shape by poppler.
#
# Usage: tests/conformance/tagged.sh CORPUS_DIR WORK_DIR
#
# For each bundled template (un, release, handout) it converts every corpus file
# to PDF, then:
#   1. veraPDF (../shared/tools/verapdf/verapdf, or $VERAPDF) validates every
#      PDF against PDF/A-2a and PDF/UA-1;
#   2. (in the default template, or those in $PRESSROOM_STRUCT_TEMPLATES)
#      `pdfinfo -struct-text` gives the structure tree's text, which must hold
#      every input word in order (`pressroom check`), with headings from H1
#      never skipping, one H1 and no page furniture (structtext.py). Poppler
#      reads that text from the glyphs alone (it ignores /ActualText), so a
#      release with characters no bundled font draws (a missing-glyph warning:
#      drawn as U+FFFD, its real text in /ActualText) has its tree's shape
#      checked but not its words; they are counted and named (issue #15).
# veraPDF checks every PDF of `un` and every $PRESSROOM_TAGGED_EVERY-th (default
# 10) of the other templates; the structure text is read for every
# $PRESSROOM_STRUCT_EVERY-th (default 3) file of `un`: both keep CI near 20
# minutes on 2 cores (the PDF text layer of every file is checked by pdf.sh).
# Set them to 1 to check everything.
# Then it builds a handout of every corpus folder (its first $PRESSROOM_PACK_SIZE,
# default 20, releases), plain and duplex, and checks
# the same (one H1 per release Part).
# PRESSROOM_TAGGED_TEMPLATES="un release" limits the templates (default: all three).
# Prints a line per failure and a summary; exits 1 if anything failed, 2 when
# veraPDF or poppler is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PRESSROOM_BIN:-$root/target/release/pressroom}
verapdf=${VERAPDF:-$root/../shared/tools/verapdf/verapdf}
if [ "$#" -ne 2 ] || [ ! -d "$1" ]; then
  sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
corpus=$(cd "$1" && pwd)
work=$2
mkdir -p "$work"
for tool in pdfinfo python3 "$verapdf" "$bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "tagged.sh: $tool not found" >&2; exit 2; }
done

failed=0
files=0
every=${PRESSROOM_TAGGED_EVERY:-10}
struct_every=${PRESSROOM_STRUCT_EVERY:-3}
pack_size=${PRESSROOM_PACK_SIZE:-20}

# Every n-th of a NUL-separated list (the first, the (n+1)-th, …).
nth() { # n
  awk -v RS='\0' -v ORS='\0' -v n="$1" 'NR % n == 1 || n == 1'
}

# veraPDF on a list of PDFs (NUL-separated on stdin), in batches; prints the
# non-compliant ones with their failed rules.
validate() { # flavour
  local flavour=$1 out
  out=$(xargs -0 -n 250 "$verapdf" "$flavour" 2>&1)
  local bad
  bad=$(grep -c "compliant=false" <<< "$out")
  local good
  good=$(grep -c "compliant=true" <<< "$out")
  if [ "$bad" -gt 0 ] || [ "$good" -eq 0 ]; then
    grep -A4 "compliant=false" <<< "$out" | head -n 40
    echo "veraPDF $flavour: $bad not compliant, $good compliant"
    return 1
  fi
  echo "veraPDF $flavour: $good compliant"
}

# The structure text of one PDF holds every word of its source, and the tree
# keeps its shape. Prints a line on failure.
struct_words() { # pdf source [--pack]
  local pdf=$1 src=$2 err
  if ! err=$(python3 "$here/structtext.py" "$pdf" "${@:3}" 2>&1 >"$pdf.struct"); then
    echo "FAIL $pdf: $err"
    return 1
  fi
  if [ -n "$src" ] && ! err=$("$bin" check "$src" "$pdf.struct" 2>&1); then
    echo "FAIL $pdf: structure text: $err"
    return 1
  fi
}
export -f struct_words
export here bin

for template in ${PRESSROOM_TAGGED_TEMPLATES:-un release handout}; do
  out=$work/tagged-$template
  "$bin" convert "$corpus" -o "$out" --to pdf --template "$template" --quiet --report "$work/report-$template.json" || { echo "convert failed ($template)"; failed=$((failed + 1)); }
  # Inputs with characters no bundled font draws, one per line.
  python3 - "$work/report-$template.json" > "$work/unglyphed-$template" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1]))["documents"]:
    if any(w["code"] == "missing-glyph" for w in d.get("warnings", [])):
        print(d["input"])
PY
  n=$(find "$out" -name '*.pdf' | wc -l)
  files=$((files + n))
  # veraPDF is the slow part: every PDF of the default template, every
  # $every-th of the others (the tree is built by the same code).
  step=1
  [ "$template" = un ] || step=$every
  for flavour in 2a ua1; do
    if ! find "$out" -name '*.pdf' -print0 | sort -z | nth "$step" | validate "$flavour"; then
      failed=$((failed + 1))
    fi
  done
  # The structure tree's words are checked in the default template (the tree
  # is built by the same code in every template; veraPDF checks all three).
  case " ${PRESSROOM_STRUCT_TEMPLATES:-un} " in *" $template "*) ;; *) echo "$template: $n PDFs (structure text checked in un)"; continue ;; esac
  bad=$(find "$corpus" -name '*.txt' -print0 | sort -z | nth "$struct_every" |
    xargs -0 -P 2 -I{} bash -c 'src=$1; rel=${src#"$2"/}; words=$src
      if grep -qxF "$src" "$4"; then words=""; fi
      struct_words "$3/${rel%.*}.pdf" "$words"' _ {} "$corpus" "$out" "$work/unglyphed-$template" |
    tee "$work/struct-$template.log" | grep -c '^FAIL')
  head -n 10 "$work/struct-$template.log"
  unglyphed=$(wc -l < "$work/unglyphed-$template")
  echo "$template: $n PDFs, structure text of every $struct_every-th: $bad failing; words not checked in $unglyphed with characters no bundled font draws: $(xargs -r -n1 basename < "$work/unglyphed-$template" | tr '\n' ' ')"
  [ "$bad" -eq 0 ] || failed=$((failed + 1))
done

# Handouts: one pack per corpus folder (its first $pack_size files), plain and duplex.
packs=()
while IFS= read -r -d '' dir; do
  [ -n "$(find "$dir" -maxdepth 1 -name '*.txt' -print -quit)" ] || continue
  name=$(basename "$dir")
  for mode in plain duplex; do
    flags=()
    [ "$mode" = duplex ] && flags=(--duplex)
    pack=$work/pack-$name-$mode.pdf
    mapfile -d '' -t members < <(find "$dir" -maxdepth 1 -name '*.txt' -print0 | sort -z | head -z -n "$pack_size")
    if "$bin" handout "${members[@]}" -o "$pack" "${flags[@]}" --quiet 2>"$pack.err"; then
      packs+=("$pack")
    else
      echo "FAIL handout $name $mode: $(head -n 3 "$pack.err")"
      failed=$((failed + 1))
    fi
  done
done < <(find "$corpus" -type d -print0 | sort -z)
files=$((files + ${#packs[@]}))
for flavour in 2a ua1; do
  printf '%s\0' "${packs[@]}" | validate "$flavour" || failed=$((failed + 1))
done
for pack in "${packs[@]}"; do
  struct_words "$pack" "" --pack || failed=$((failed + 1))
done
echo "handouts: ${#packs[@]} packs (plain and duplex, up to $pack_size releases each) checked"

echo "tagged conformance: $files PDFs in 3 templates and handouts (veraPDF: all in un, every $every-th in the others), $failed failing checks"
[ "$failed" -eq 0 ]
