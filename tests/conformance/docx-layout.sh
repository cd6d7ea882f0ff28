#!/usr/bin/env bash
# The DOCX looks like the PDF on a machine without the fonts (issue #14).
#
# Usage: tests/conformance/docx-layout.sh OUT_DIR
#
#   OUT_DIR  a `pressroom convert --template un --to pdf,docx` output folder
#            holding the seed (sgsm20447.pdf and .docx) and the corpus
#
# LibreOffice runs under a fontconfig that knows DejaVu only (no Noto), so it
# can only draw Noto from the faces the DOCX embeds.
# 1. The seed's DOCX: LibreOffice's PDF uses the embedded Noto faces (pdffonts)
#    and its letterhead, symbol, date, headline and footer sit within 2 mm of
#    pressroom's PDF (tests/conformance/docx_layout.py geometry). A corpus
#    without the seed (../shared/corpus-i18n) sets PRESSROOM_NO_SEED=1.
# 2. Page counts: every k-th DOCX (PRESSROOM_PAGES_SAMPLE, default 100; 0 = all)
#    converted by LibreOffice; at least 95% within one page of pressroom's PDF.
# Installs what it needs (Debian, as root): libreoffice-writer-nogui,
# poppler-utils, fonts-dejavu-core.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
    sed -n '2,17p' "$0" >&2
    exit 2
fi
out=$(cd "$1" && pwd)
sample=${PRESSROOM_PAGES_SAMPLE:-100}
fonts=/usr/share/fonts/truetype/dejavu

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdffonts >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -d "$fonts" ] || need_apt+=(fonts-dejavu-core)
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "docx layout: installing ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$fonts</dir><cachedir>$work/fc-cache</cachedir></fontconfig>
CONF
export FONTCONFIG_FILE=$work/fonts.conf
if fc-list 2>/dev/null | grep -qi noto; then
    echo "FAIL: the fontconfig for this check still finds Noto" >&2
    exit 1
fi

# Converts every DOCX in a folder, 100 per LibreOffice process: one process
# keeps every document's embedded faces open and stops, silently, when it
# runs out of file descriptors (seen after 248 documents of four faces each).
libreoffice_pdf() { # folder profile
    (cd "$1" && find . -maxdepth 1 -name '*.docx' -print0 | sort -z | xargs -0 -r -n 100 \
        timeout 1800 soffice --headless --norestore \
        "-env:UserInstallation=file://$work/$2" \
        --convert-to pdf >/dev/null 2>&1) || true
}

status=0
seed=$(find "$out" -name sgsm20447.docx | head -n 1)
if [ -z "$seed" ] && [ -n "${PRESSROOM_NO_SEED:-}" ]; then
    echo "seed landmarks: skipped (PRESSROOM_NO_SEED: this corpus has no seed)"
elif [ -z "$seed" ]; then
    echo "FAIL: no sgsm20447.docx under $out"
    status=1
else
    mkdir -p "$work/seed"
    cp "$seed" "$work/seed/"
    libreoffice_pdf "$work/seed" seed-profile
    python3 "$here/docx_layout.py" geometry "${seed%.docx}.pdf" "$work/seed/sgsm20447.pdf" || status=1
fi

find "$out" -name '*.docx' | sort > "$work/all"
total=$(wc -l < "$work/all")
step=1
[ "$sample" -gt 0 ] && [ "$total" -gt "$sample" ] && step=$(( total / sample ))
mkdir -p "$work/ours" "$work/theirs"
n=0
while IFS= read -r docx; do
    n=$((n + 1))
    [ $(( (n - 1) % step )) -eq 0 ] || continue
    [ -f "${docx%.docx}.pdf" ] || continue
    # Folders may repeat a file name: number the copies.
    name=$(printf '%04d-%s' "$n" "$(basename "${docx%.docx}")")
    cp "$docx" "$work/theirs/$name.docx"
    cp "${docx%.docx}.pdf" "$work/ours/$name.pdf"
done < "$work/all"
libreoffice_pdf "$work/theirs" pages-profile
python3 "$here/docx_layout.py" pages "$work/ours" "$work/theirs" || status=1
exit $status
