"""personal-data: phone numbers, ID-card numbers or e-mail addresses in published copy.

Customers' details must not go out in a group or a post (《个人信息保护法》 第十三条, 第二十八条:
ID numbers are sensitive personal information). A store's own number belongs in its channel
profile, not in copy.

Failing::

    中奖的张先生 13812345678 请联系群主

Passing::

    中奖的张先生(尾号5678)请联系群主
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Plan
from ..problems import Where, excerpt
from ._helpers import published_texts

ID = "personal-data"
SEVERITY = "error"

PATTERNS = (
    ("an ID-card number", re.compile(r"(?<!\d)[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)")),
    ("a mobile number", re.compile(r"(?<!\d)(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")),
    ("a landline number", re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")),
    # Each run of address characters is tried once, from its start (the look-behind), and
    # every part is bounded: linear however long the value.
    ("an e-mail address", re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")),
)


def check(plan: Plan, options: dict) -> Iterator[tuple[Where, str]]:
    for published in published_texts(plan):
        text = published.text
        for what, pattern in PATTERNS:
            match = pattern.search(text)
            if match:
                yield published.where(match.start()), (
                    f"looks like {what} ('{excerpt(match.group(0))}'); keep personal data out of published copy"
                )
                break
