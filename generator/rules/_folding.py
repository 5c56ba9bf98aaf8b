"""What the text rules read: a folded copy of the text, and the way back to the original.

Writers (and those who want a term past the checker) spell the same word many ways: a
zero-width space or a soft hyphen inside 最好, a Kangxi radical ⼀ for 一, full-width Ｎｏ.１ or
１３８…, traditional 絕對 for 绝对. The text rules match on a copy where every invisible
character is gone, every compatibility form of a letter or digit is its plain form (NFKC) and
traditional characters are simplified (OpenCC t2s), and report the finding at its place in the
original. Chinese punctuation keeps its own form (，！？ are what the rules' sentence patterns
read), and so does anything NFKC would turn into punctuation (… into ...).

A number spelt out digit by digit in Chinese numerals (一三八一二三四五六七八, 幺三八…,
壹叁捌…, grouped as 一五八 五八一二 三四零一) is folded to ASCII digits, one character for
one: only a run of at least seven such digits (spaces, dots and dashes between groups are
kept), never a short numeral such as 第一, 一次, 三个 or 二〇二四年, which other rules read.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

# Characters that show as nothing: every format character (zero-width space, joiners, word
# joiner, BOM, soft hyphen, bidi marks and controls), the combining grapheme joiner, Hangul
# fillers, variation selectors.
_OTHER_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0")
# Dashes that stand for a hyphen in a number (138－1234－5678, 0512‑66881234): NFKC keeps most.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_CHINESE_PUNCTUATION = frozenset("，！？：；（）～…‥")


def invisible(ch: str) -> bool:
    return ch in _OTHER_INVISIBLE or unicodedata.category(ch) == "Cf" or bool(_VARIATION.match(ch))


_MAYBE_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001-\U000e007f\U000e0100-\U000e01ef\u2010-\u2015\u2212\ufe58\ufe63\uff0d]"
)


_SIMPLIFIED = opencc.OpenCC("t2s")

# Chinese numerals read as digits (幺 and 两 as phone numbers are read aloud; 壹贰叁 the
# financial forms; ○ the circle often typed for 〇), in a run of at least seven, linear.
_NUMERAL_DIGITS = {
    **dict.fromkeys("〇零○", "0"),
    **dict.fromkeys("一幺壹", "1"),
    **dict.fromkeys("二两贰", "2"),
    "三": "3",
    "叁": "3",
    "四": "4",
    "肆": "4",
    "五": "5",
    "伍": "5",
    "六": "6",
    "陆": "6",
    "七": "7",
    "柒": "7",
    "八": "8",
    "捌": "8",
    "九": "9",
    "玖": "9",
}
_NUMERAL = "[" + "".join(_NUMERAL_DIGITS) + "]"
_NUMERAL_RUN = re.compile(_NUMERAL + "(?:[ ·・•‧∙.\\-]{0,2}" + _NUMERAL + "){6,63}")
_NUMERAL_TABLE = str.maketrans(_NUMERAL_DIGITS)


def _numerals(text: str) -> str:
    """`text` with each run of seven or more Chinese numeral digits in ASCII digits (same length)."""
    if not _NUMERAL_RUN.search(text):
        return text
    return _NUMERAL_RUN.sub(lambda match: match.group(0).translate(_NUMERAL_TABLE), text)


def once_per_text(function):
    """Work `function` of a text out once per distinct text (the last 8,192 kept): a script
    sent to forty groups, a headline or a topic used all month is one text to judge."""
    return functools.lru_cache(maxsize=8192)(function)


@once_per_text
def fold(text: str) -> tuple[str, list[int] | None]:
    """(folded text, offsets): offsets[i] is where folded character i stands in `text`, with
    one more entry for the end; None when the text is its own folded copy (nearly always).
    The offsets are shared between callers folding the same text: read them, never change them."""
    if text.isascii():
        return text, None
    if unicodedata.is_normalized("NFKC", text) and not _MAYBE_INVISIBLE.search(text):
        simplified = _numerals(_SIMPLIFIED.convert(text))
        if simplified == text:
            return text, None
        if len(simplified) == len(text):
            return simplified, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            offsets.append(index)
            continue
        if invisible(ch):
            continue
        plain = "-" if ch in _DASHES else unicodedata.normalize("NFKC", ch)
        if plain != ch and (ch in _CHINESE_PUNCTUATION or not (plain.isalnum() or plain.isascii())):
            plain = ch  # e.g. … stays …: only letters, digits and ASCII look-alikes (％ ＠ ． ﹫) fold
        out.append(plain)
        offsets.extend([index] * len(plain))
    offsets.append(len(text))
    folded = "".join(out)
    simplified = _SIMPLIFIED.convert(folded)
    if len(simplified) == len(folded):
        folded = simplified
    else:  # a phrase changed length: simplify character by character, keeping every position
        folded = "".join(_SIMPLIFIED.convert(ch) if len(_SIMPLIFIED.convert(ch)) == 1 else ch for ch in folded)
    folded = _numerals(folded)
    return (text, None) if folded == text else (folded, offsets)


def original_span(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The stretch of the original text that folded text[start:end] came from."""
    if offsets is None:
        return start, end
    first = offsets[start] if start < len(offsets) else offsets[-1]
    last = offsets[end - 1] + 1 if end > start else first
    return first, max(last, first)
