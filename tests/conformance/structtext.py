#!/usr/bin/env python3
"""The text of a PDF's structure tree, as poppler reads it, and checks on its shape.

Usage: structtext.py FILE.pdf [--pack]

Runs `pdfinfo -struct-text FILE.pdf` and prints the tree's text: each
element's text on a line of its own, the pieces of one element (its marked-
content sequences) joined as they are, since pressroom keeps the space at the
end of every line inside the line's text. Exits 1, naming the problem on
stderr, when the tree breaks a rule the structure must keep:

- headings start at H1 and never skip a level (each Part of a pack starts
  again at H1);
- a single release has at most one H1 (the headline; a release without one
  has none, and its first heading is then H1); a pack (--pack) has at most
  one H1 per Part plus the cover's title;
- no page furniture in the tree: "Page N of M" and "- more -" are artifacts;
- the tree is not empty.
"""
import re
import subprocess
import sys

FURNITURE = re.compile(r"^\s*(Page \d+ of \d+|- ?more ?-)\s*$", re.IGNORECASE)


def parse(out):
    """Reads pdfinfo -struct-text: the elements as (depth, type, texts) and
    the tree's text in order, a new line at each block element (inline ones
    such as Link run on inside their paragraph)."""
    elements = []
    text = []
    for line in out.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            if elements:
                elements[-1][2].append(body[1:-1])
            text.append(body[1:-1])
            continue
        if body.startswith("Object "):
            continue
        kind = body.split(" ")[0]
        if "(inline)" not in body:
            text.append("\n")
        elements.append((depth, kind, []))
    return elements, "".join(text)


def check(elements, pack):
    problems = []
    if not elements:
        return ["no structure tree"]
    level = 0
    h1 = 0
    parts = 0
    for depth, kind, texts in elements:
        text = "".join(texts)
        if kind == "Part":
            parts += 1
            level = 0
        m = re.fullmatch(r"H([1-6])", kind)
        if m:
            n = int(m.group(1))
            if n > level + 1:
                problems.append(f"heading {kind} after H{level}: {text[:60]!r}")
            level = n
            h1 += n == 1
        for piece in texts:
            if FURNITURE.match(piece):
                problems.append(f"page furniture in the tree: {piece!r}")
    if not pack and h1 > 1:
        problems.append(f"{h1} H1 elements (the headline must be the one H1)")
    if pack and h1 > parts + 1:
        problems.append(f"{h1} H1 elements for {parts} releases")
    return problems


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = subprocess.run(
        ["pdfinfo", "-struct-text", args[0]], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        print(f"{args[0]}: pdfinfo -struct-text failed: {out.stderr.strip()}", file=sys.stderr)
        return 1
    elements, text = parse(out.stdout)
    print("\n".join(l for l in text.split("\n") if l.strip()))
    problems = check(elements, "--pack" in sys.argv)
    for p in problems:
        print(f"{args[0]}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
