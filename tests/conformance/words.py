"""Words as pressroom::words (src/words.rs) defines them, for the conformance checks.

A word is a run of letters, digits and combining marks; an ideograph, kana or
Hangul syllable is a word by itself (a line may break beside it). Soft hyphens
and zero-width characters are dropped first.
"""
import unicodedata

IGNORED = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}


def words(text):
    out, cur = [], []
    for c in text.translate(IGNORED):
        if c.isalnum() and not c.isascii() and unicodedata.east_asian_width(c) in "WF":
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(c)
        elif c.isalnum() or unicodedata.category(c).startswith("M"):
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out
