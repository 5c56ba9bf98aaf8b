"""invisible-char: copy that goes out holding characters nobody can see.

Why: an operator copies the message and pastes it into WeChat as it is, so a zero-width space,
a soft hyphen, a word joiner, a byte-order mark or a bidirectional control goes out too. In a
customer's chat it splits a word for search, breaks a link or a phone number, or reorders the
line; in a plan it is also the way a term slips past the other text rules (they read the text
with invisible characters taken out, so they still see the term). A joiner inside an emoji
sequence (👨‍👩‍👧) and an emoji's variation selector (❤️) are part of the emoji and are fine.

Failing::

    vars: {text: "全场\u200b最低价"}      # a zero-width space between 全场 and 最低价

Passing::

    vars: {text: "全场特价"}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ._folding import invisible

ID = "invisible-char"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple]:
    for published in index.published:
        if published.offsets is None:
            continue  # folded to itself: nothing was taken out
        raw = published.raw
        for at, ch in enumerate(raw):
            if not invisible(ch) or _part_of_an_emoji(raw, at):
                continue
            found = published.locate_raw(at)
            if found is None:
                continue
            name = unicodedata.name(ch, "FORMAT CHARACTER")
            code = f"U+{ord(ch):04X}"
            context = " ".join(f"{raw[max(0, at - 12) : at]}【{code}】{raw[at + 1 : at + 13]}".split())
            yield (
                found[0],
                _(
                    "{context}: holds {code} {name}, which shows as nothing and would be pasted into WeChat as it is; delete it",
                    context=context,
                    code=code,
                    name=name,
                ),
                found[1],
            )
            break  # one finding a text: the message names the first, deleting it shows the rest


def _part_of_an_emoji(text: str, index: int) -> bool:
    ch = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if ch in "\ufe0e\ufe0f":
        return bool(before) and _emoji(before)
    if ch == "\u200d":
        return bool(before) and bool(after) and (_emoji(before) or before in "\ufe0f") and _emoji(after)
    return False


def _emoji(ch: str) -> bool:
    return ord(ch) >= 0x1F000 or unicodedata.category(ch) == "So"
