"""Checks pressroom's reading of one DOCX written by another tool (issue #17).

Usage: docx_input.py PANDOC DRAFT.docx RENDITION.txt MODEL.json

* Words: every word of the DOCX as pandoc reads it (`pandoc -t plain`, an
  independent reader) is in pressroom's text rendition, less what the model
  records as legitimately not printed as written (the date as written, the
  end mark, print artefacts).
* Structure: every paragraph the DOCX styles as a heading (Title, Heading N)
  is pressroom's headline, a subheadline, a heading or a boilerplate title;
  every paragraph with Word numbering (w:numPr) is a list item.

Prints one line per problem and a last line `words=N missing=M headings=H/T
items=I/J`; exits 1 on a problem.
"""
import collections
import html
import json
import re
import subprocess
import sys
import zipfile

from words import words


def norm(text):
    return " ".join(w.lower() for w in words(text))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    out = []
    for m in re.finditer(r"<w:p[ >].*?</w:p>", xml, re.S):
        p = m.group(0)
        style = re.search(r'<w:pStyle w:val="([^"]*)"', p)
        text = "".join(html.unescape(t) for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        numbered = re.search(r'<w:numId w:val="([1-9][0-9]*)"', p) is not None
        out.append((style.group(1) if style else "", text, numbered))
    return out


def model_texts(doc):
    meta = doc["meta"]
    heads = set()
    if meta.get("headline"):
        heads.add(norm(meta["headline"]["text"]))
    for s in meta.get("subheadlines") or []:
        heads.add(norm(s))
    items = []

    def inline_text(content):
        out = []
        for i in content or []:
            if i["type"] == "text":
                out.append(i["text"])
            elif i["type"] == "line_break":
                out.append(" ")
            else:
                out.append(inline_text(i.get("content")))
        return "".join(out)

    def walk(lst):
        for item in lst["items"]:
            items.append(norm((item.get("label") or "") + " " + inline_text(item["content"])))
            items.append(norm(inline_text(item["content"])))
            for child in item.get("children") or []:
                walk(child)

    for block in doc["body"]:
        kind = block["type"]
        if kind == "heading":
            heads.add(norm(inline_text(block["content"])))
        elif kind == "boilerplate":
            heads.add(norm(block["title"]))
        elif kind == "list":
            walk(block)
    return heads, set(items)


def main():
    pandoc, draft, rendition, model = sys.argv[1:5]
    problems = []
    plain = subprocess.run(
        [pandoc, "-t", "plain", "--wrap=none", draft], check=True, capture_output=True, text=True
    ).stdout
    doc = json.load(open(model, encoding="utf-8"))
    meta = doc["meta"]
    allowed = collections.Counter(
        w.lower()
        for t in [meta.get("date_raw") or "", meta.get("end_mark") or ""] + (meta.get("artefacts") or [])
        for w in words(t)
    )
    expected = collections.Counter(w.lower() for w in words(plain))
    actual = collections.Counter(w.lower() for w in words(open(rendition, encoding="utf-8").read()))
    missing = expected - actual - allowed
    if missing:
        problems.append("missing words: " + " ".join(sorted(missing.elements())[:12]))
    heads, items = model_texts(doc)
    n_heads = n_items = ok_heads = ok_items = 0
    for style, text, numbered in docx_paragraphs(draft):
        t = norm(text)
        if not t:
            continue
        if re.fullmatch(r"(?i)(title|subtitle|heading ?[1-9])", style):
            n_heads += 1
            if t in heads:
                ok_heads += 1
            else:
                problems.append(f"heading not recognized: {text[:60]!r}")
        elif numbered:
            n_items += 1
            if t in items:
                ok_items += 1
            else:
                problems.append(f"list item not recognized: {text[:60]!r}")
    for p in problems:
        print(f"{draft}: {p}")
    print(
        f"words={sum(expected.values())} missing={sum(missing.values())} "
        f"headings={ok_heads}/{n_heads} items={ok_items}/{n_items}"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
