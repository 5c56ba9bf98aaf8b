"""What the text rules read: a folded copy of the text, and the way back to the original.

Writers (and those who want a term past the checker) spell the same word many ways: a
zero-width space or a soft hyphen inside 最好, a Kangxi radical ⼀ for 一, full-width Ｎｏ.１ or
１３８…. The text rules match on a copy where every invisible character is gone and every
compatibility form of a letter or digit is its plain form (NFKC), and report the finding at
its place in the original. Chinese punctuation keeps its own form (，！？ are what the rules'
sentence patterns read), and so does anything NFKC would turn into punctuation (… into ...).
"""
from __future__ import annotations

import re
import unicodedata

# Characters that show as nothing: every format character (zero-width space, joiners, word
# joiner, BOM, soft hyphen, bidi marks and controls), the combining grapheme joiner, Hangul
# fillers, variation selectors.
_OTHER_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_CHINESE_PUNCTUATION = frozenset("，！？：；（）～")


def invisible(ch: str) -> bool:
    return ch in _OTHER_INVISIBLE or unicodedata.category(ch) == "Cf" or bool(_VARIATION.match(ch))


_MAYBE_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                              "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U0001bca0-\U0001bca3"
                              "\U0001d173-\U0001d17a\U000e0001-\U000e007f\U000e0100-\U000e01ef]")


def fold(text: str) -> tuple[str, list[int] | None]:
    """(folded text, offsets): offsets[i] is where folded character i stands in `text`, with
    one more entry for the end; None when the text is its own folded copy (nearly always)."""
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _MAYBE_INVISIBLE.search(text)):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            offsets.append(index)
            continue
        if invisible(ch):
            continue
        plain = unicodedata.normalize("NFKC", ch)
        if plain != ch and (ch in _CHINESE_PUNCTUATION or not plain.isalnum()):
            plain = ch
        out.append(plain)
        offsets.extend([index] * len(plain))
    offsets.append(len(text))
    folded = "".join(out)
    return (text, None) if folded == text else (folded, offsets)


def original_span(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The stretch of the original text that folded text[start:end] came from."""
    if offsets is None:
        return start, end
    first = offsets[start] if start < len(offsets) else offsets[-1]
    last = offsets[end - 1] + 1 if end > start else first
    return first, max(last, first)
