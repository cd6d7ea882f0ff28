"""Does the DOCX look like the PDF on a machine without the fonts? (issue #14)

Usage:
  docx_layout.py geometry PRESSROOM.pdf LIBREOFFICE.pdf
      LibreOffice's PDF of the DOCX must use the Noto faces the DOCX embeds
      (pdffonts), and the letterhead, symbol, date, headline and footer must
      sit within 2 mm of where pressroom's PDF puts them (pdftotext -bbox).
  pages PRESSROOM_DIR LIBREOFFICE_DIR [MIN_SHARE]
      For every LIBREOFFICE_DIR/<stem>.pdf, the page count of
      PRESSROOM_DIR/<stem>.pdf; at least MIN_SHARE (default 0.95) of the
      files must be within one page. Prints the exact share and the worst.
Exit status 1 when a check fails, 2 on usage errors.
"""

import os
import re
import subprocess
import sys

TOLERANCE_PT = 2.0 * 72.0 / 25.4
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def page_words(pdf, page):
    """(x, y, text) of every word on `page` (1-based)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [(float(m[1]), float(m[2]), m[5]) for m in WORD.finditer(out)]


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])


def find(words, text, right_half=None):
    """The first word equal to `text` (optionally only in the right half)."""
    for x, y, w in words:
        if w == text and (right_half is None or (x > 297) == right_half):
            return x, y
    return None


# (what, word, right half only?, page: 1 or "last")
LANDMARKS = [
    ("letterhead line 1", "UNITED", None, 1),
    ("letterhead line 2", "Meetings", None, 1),
    ("letterhead label", "Press", True, 1),
    ("masthead", "Department", None, 1),
    ("symbol", "SG/SM/20447", None, 1),
    ("date", "November", True, 1),
    ("headline", "Secretary-General\u2019s", None, 1),
    ("footer", "Page", None, "last"),
]


def geometry(ours, theirs):
    failures = 0
    fonts = subprocess.run(["pdffonts", theirs], check=True, capture_output=True, text=True).stdout
    for face in ("NotoSerif-Regular", "NotoSans-Bold"):
        if face not in fonts:
            print(f"FAIL fonts: LibreOffice did not use the embedded {face}:\n{fonts}")
            failures += 1
    last = {ours: pages(ours), theirs: pages(theirs)}
    for what, word, right, page in LANDMARKS:
        at = {}
        for pdf in (ours, theirs):
            n = last[pdf] if page == "last" else page
            at[pdf] = find(page_words(pdf, n), word, right)
        if at[ours] is None or at[theirs] is None:
            print(f"FAIL {what}: '{word}' not found (pressroom {at[ours]}, LibreOffice {at[theirs]})")
            failures += 1
            continue
        dx = at[theirs][0] - at[ours][0]
        dy = at[theirs][1] - at[ours][1]
        ok = abs(dx) <= TOLERANCE_PT and abs(dy) <= TOLERANCE_PT
        print(f"{'ok  ' if ok else 'FAIL'} {what:18} '{word}': dx {dx * 25.4 / 72:+.1f} mm, "
              f"dy {dy * 25.4 / 72:+.1f} mm")
        failures += 0 if ok else 1
    return failures


def page_counts(ours_dir, theirs_dir, min_share):
    rows = []
    for name in sorted(os.listdir(theirs_dir)):
        if not name.endswith(".pdf"):
            continue
        ours = os.path.join(ours_dir, name)
        if not os.path.exists(ours):
            continue
        rows.append((name, pages(ours), pages(os.path.join(theirs_dir, name))))
    if not rows:
        print("FAIL pages: no LibreOffice PDF to compare")
        return 1
    within = sum(1 for _, a, b in rows if abs(a - b) <= 1)
    exact = sum(1 for _, a, b in rows if a == b)
    share = within / len(rows)
    print(f"pages: {within}/{len(rows)} ({share:.1%}) within one page of the PDF, "
          f"{exact} exactly equal")
    worst = sorted(rows, key=lambda r: -abs(r[1] - r[2]))[:5]
    print("worst: " + ", ".join(f"{n} (PDF {a}, LibreOffice {b})" for n, a, b in worst))
    if share < min_share:
        print(f"FAIL pages: below {min_share:.0%}")
        return 1
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "geometry":
        return 1 if geometry(argv[1], argv[2]) else 0
    if len(argv) >= 3 and argv[0] == "pages":
        share = float(argv[3]) if len(argv) > 3 else 0.95
        return 1 if page_counts(argv[1], argv[2], share) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
