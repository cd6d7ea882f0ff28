#!/usr/bin/env bash
# Conformance over the whole shared corpus (../shared/corpus), run by .ci/run.
#
# 1. Converts every corpus file to every format twice (two output folders) and
#    checks the two runs are byte-identical (sha256 from the --report files).
# 2. Checks the plain-text rendition of every file holds every word of its
#    input (`pressroom check`: body in order, metadata as a multiset).
# 3. Filesystem faults on a sample: a full disk (a file-size limit, `ulimit -f`)
#    and an output folder the user may not write (run as `nobody` when root).
#    Failed files are named, nothing partial or temporary is left, and every
#    file that was written is byte-identical to the unconstrained run.
# 4. Runs the per-format checks in tests/conformance/*.sh (PDF: qpdf, pdffonts,
#    pdftotext; DOCX: LibreOffice and python-docx), each given the output folder.
# 5. Tagged PDF (tests/conformance/tagged.sh): every corpus file in every bundled
#    template, and a handout of every corpus folder (plain and duplex), validated
#    by veraPDF as PDF/A-2a and PDF/UA-1; the structure tree's text (poppler) holds
#    every input word, headings never skip, no page furniture in the tree.
# 6. DOCX layout (tests/conformance/docx-layout.sh): LibreOffice without Noto
#    draws the seed's DOCX with the embedded faces, its landmarks within 2 mm of
#    the PDF, and page counts within one page of the PDF's on a sample.
# Prints a summary table and exits non-zero on any loss or difference.
#
# 7. Glyphs: the report's missing-glyph warnings are counted; with
#    PRESSROOM_ALL_DRAWN=1 (CI sets it for ../shared/corpus-i18n) any is a failure.
#
# Usage: tests/conformance.sh [CORPUS_DIR]   (default: ../shared/corpus)
# PRESSROOM_TEMPLATE=auto converts without --template (each release in the
# house style chosen for it, in its own language); default: un.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=${1:-${PRESSROOM_CORPUS:-$root/../shared/corpus}}
if [ ! -d "$corpus" ]; then
  echo "conformance: no corpus at $corpus; skipped"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)
cargo build --release --quiet || exit 1
bin=$root/target/release/pressroom
work=$(mktemp -d /tmp/pressroom-conformance.XXXXXX)
trap 'rm -rf "$work"' EXIT
export PRESSROOM_BIN=$bin PRESSROOM_CORPUS=$corpus

formats=${PRESSROOM_FORMATS:-pdf,docx,txt,json}
template=${PRESSROOM_TEMPLATE:-un}
template_args=(--template "$template")
[ "$template" = auto ] && template_args=()
status=0
declare -a rows

run() { # name, command...
  local name=$1; shift
  local start=$(date +%s)
  # The step's name may hold a slash ("PDF/A"): the log is named without it.
  local log="$work/${name//[^A-Za-z0-9]/_}.log"
  if "$@" > "$log" 2>&1; then
    rows+=("$(printf '%-28s %-6s %5ss  %s' "$name" ok $(( $(date +%s) - start )) "$(tail -n 1 "$log")")")
  else
    rows+=("$(printf '%-28s %-6s %5ss  %s' "$name" FAILED $(( $(date +%s) - start )) "$(tail -n 1 "$log")")")
    echo "---- $name failed; last lines of its log:"; grep -E '^(FAIL|MISSING|UNREADABLE|NO PDF|LOST|failed|not )' "$log" | head -n 20; tail -n 20 "$log"
    status=1
  fi
}

convert_twice() {
  "$bin" convert "$corpus" -o "$work/a" "${template_args[@]}" --to "$formats" --report "$work/a.json" --quiet || return 1
  "$bin" convert "$corpus" -o "$work/b" "${template_args[@]}" --to "$formats" --report "$work/b.json" --quiet -j 1 || return 1
  python3 - "$work/a.json" "$work/b.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def hashes(r, base):
    return {o["path"].replace(base, ""): o["sha256"] for d in r["documents"] for o in d["outputs"]}
ha, hb = hashes(a, sys.argv[1][:-5]), hashes(b, sys.argv[2][:-5])
diff = sorted(k for k in ha if ha[k] != hb.get(k))
n = a["summary"]["inputs"]
failed = a["summary"]["failed"]
print(f"{n} inputs, {a['summary']['converted']} converted, {failed} failed, {len(ha)} files, {len(diff)} differ between runs")
for k in diff[:10]:
    print("differs:", k)
sys.exit(1 if diff or failed else 0)
PY
}

check_text_words() {
  local n=0 bad=0
  while IFS= read -r -d '' input; do
    rel=${input#"$corpus"/}
    out="$work/a/${rel%.*}.txt"
    n=$((n + 1))
    if ! "$bin" check "$input" "$out"; then bad=$((bad + 1)); fi
  done < <(find "$corpus" -name '*.txt' -print0 | sort -z)
  echo "$n text renditions checked, $bad with lost words"
  [ "$bad" -eq 0 ]
}

run "convert twice, compare" convert_twice
# Inputs with characters no bundled font draws (a missing-glyph warning), one
# per line: the DOCX check reads their words with python-docx only (issue #15).
python3 - "$work/a.json" > "$work/undrawn" <<'PY'
import json, sys
for d in json.load(open(sys.argv[1]))["documents"]:
    if any(w["code"] == "missing-glyph" for w in d.get("warnings", [])):
        print(d["input"])
PY
export UNDRAWN=$work/undrawn

every_character_drawn() {
  local n
  n=$(wc -l < "$UNDRAWN")
  echo "$n releases with characters no font draws${PRESSROOM_ALL_DRAWN:+ (none allowed)}"
  sed 's/^/undrawn: /' "$UNDRAWN" | head -n 20
  [ "$n" -eq 0 ] || [ -z "${PRESSROOM_ALL_DRAWN:-}" ]
}
run "glyphs: every character drawn" every_character_drawn

# The first few corpus files, as the sample for the filesystem faults.
fault_sample() {
  find "$corpus" -name '*.txt' -print0 | sort -z | head -z -n 12
}

# Every file under $1 is whole: no temporary file is left, and each file
# equals the file at the same place under $2 (an unconstrained run).
outputs_are_whole() { # dir reference-dir
  local f bad=0
  while IFS= read -r -d '' f; do
    case $(basename "$f") in .pressroom-*) echo "temporary file left: $f"; bad=1; continue ;; esac
    if ! cmp -s "$f" "$2/${f#"$1"/}"; then echo "differs from the unconstrained run: $f"; bad=1; fi
  done < <(find "$1" -type f -print0)
  return $bad
}

full_disk() {
  mapfile -d '' -t sample < <(fault_sample)
  local out=$work/full rc
  "$bin" convert "${sample[@]}" -o "$work/full-ref" --template un --to "$formats" --quiet || return 1
  # 64 blocks (64 KiB in bash): the text, JSON and DOCX files of short
  # releases fit; PDFs (embedded font subsets) and long releases do not.
  (ulimit -f 64 && exec "$bin" convert "${sample[@]}" -o "$out" --template un --to "$formats" --quiet) 2> "$work/full.err"
  rc=$?
  local failed written
  failed=$(grep -c 'cannot write: File too large' "$work/full.err")
  written=$(find "$out" -type f | wc -l)
  echo "${#sample[@]} inputs under ulimit -f 64: exit $rc, $failed documents failed with a file too large (named), $written whole files written"
  [ "$rc" -eq 1 ] && [ "$failed" -gt 0 ] && [ "$written" -gt 0 ] && outputs_are_whole "$out" "$work/full-ref"
}

unwritable_output() {
  mapfile -d '' -t sample < <(fault_sample)
  local dir=$work/ro rc
  mkdir -p "$dir/in" "$dir/out" && cp "${sample[@]:0:3}" "$dir/in/" && cp "$bin" "$dir/pressroom"
  chmod 755 "$work" "$dir" "$dir/in" && chmod 644 "$dir"/in/* && chmod 555 "$dir/out"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then as=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
  (cd "$dir" && "${as[@]}" ./pressroom convert in -o out --template un --to "$formats") 2> "$work/ro.err"
  rc=$?
  local denied
  denied=$(grep -c 'cannot write: Permission denied' "$work/ro.err")
  echo "3 inputs into a read-only folder: exit $rc, $denied files refused (named), $(find "$dir/out" -type f | wc -l) files written"
  [ "$rc" -eq 1 ] && [ "$denied" -eq 3 ] && [ -z "$(find "$dir/out" -type f)" ]
}

run "faults: full disk" full_disk
run "faults: read-only output" unwritable_output
case ",$formats," in *,txt,*) run "txt: every word" check_text_words ;; esac
# Each per-format script takes an output folder and the source files rendered into it.
per_folder() { # script
  local script=$1 rc=0 dir rel fmt
  fmt=$(basename "$script" .sh)
  : > "$work/$fmt.lines"
  while IFS= read -r -d '' dir; do
    rel=${dir#"$corpus"}; rel=${rel#/}
    mapfile -d '' -t sources < <(find "$dir" -maxdepth 1 -name '*.txt' -print0 | sort -z)
    [ "${#sources[@]}" -gt 0 ] || continue
    echo "== ${rel:-.}"
    bash "$script" "$work/a${rel:+/$rel}" "${sources[@]}" | tee -a "$work/$fmt.lines"
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  done < <(find "$corpus" -type d -print0 | sort -z)
  # One line for the whole corpus: each script's "<fmt> conformance: …" line
  # with its numbers summed over the folders.
  python3 - "$work/$fmt.lines" "$fmt conformance:" <<'PY'
import re, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.startswith(sys.argv[2])]
if lines:
    sums = [sum(n) for n in zip(*(map(int, re.findall(r"\d+", l)) for l in lines))]
    it = iter(sums)
    print("whole corpus: " + re.sub(r"\d+", lambda m: str(next(it, m.group())), lines[0]))
PY
  return $rc
}
case ",$formats," in
  *,pdf,*) run "pdf: PDF/A-2a + PDF/UA-1" bash tests/conformance/tagged.sh "$corpus" "$work/tagged" ;;
esac
case ",$formats," in
  *,docx,*pdf*|*pdf*,docx,*)
    no_seed=; [ -n "$(find "$corpus" -name sgsm20447.txt -print -quit)" ] || no_seed=1
    run "docx: layout without Noto" env ${no_seed:+PRESSROOM_NO_SEED=1} bash tests/conformance/docx-layout.sh "$work/a" ;;
esac
for script in tests/conformance/*.sh; do
  [ -e "$script" ] || continue
  fmt=$(basename "$script" .sh)
  case $fmt in tagged | docx-layout) continue ;; esac
  case ",$formats," in *,"$fmt",*) run "$fmt" per_folder "$script" ;; esac
done

echo
echo "conformance summary (corpus: $corpus, template: $template)"
printf '%s\n' "${rows[@]}"
if [ "$status" -eq 0 ]; then echo "conformance: 1 passed, 0 failed"; else echo "conformance: 0 passed, 1 failed"; fi
exit $status
