"""personal-data: phone, ID-card and bank-card numbers or e-mail addresses in anything published.

Why: 《个人信息保护法》 第十三条 and 第二十八条 (ID numbers and financial accounts are
sensitive personal information); a group or a public site is no place for a customer's
details. Each candidate is validated, so order numbers and prices pass: a mainland mobile
number (1[3-9] and 11 digits), an 18-digit ID number with a valid date and check digit
(GB 11643), a bank-card number of 16 to 19 digits that passes the Luhn check, a landline or
400/800 number, an e-mail address. Masked forms (138****1234, 尾号5678) pass. Scanned:
every message as sent, headlines, titles, topic and campaign names, and also notes, playbook
guidance and campaign descriptions, which the site publishes too.

Failing::

    中奖的张先生 13812345678 请联系群主

Passing::

    中奖的张先生(尾号5678)请联系群主；订单号 2026120188812345

Options in site.yml (a shop's hotline that must be published)::

    rules:
      personal-data: {allow: ["0512-66881234"]}
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..model import Plan
from ._helpers import published_texts

ID = "personal-data"
SEVERITY = "error"
LAW = "个人信息保护法 art. 13, 28"

_SEP = r"[\s-]?"
CANDIDATES = (
    ("an ID-card number", re.compile(r"(?<![\d*])\d{17}[\dXx](?![\d*])")),
    ("a bank-card number", re.compile(r"(?<![\d*])\d{4}(?:" + _SEP + r"\d{4}){2,3}" + _SEP + r"\d{0,3}(?![\d*])")),
    ("a mobile number", re.compile(r"(?<![\d*])(?:\+?86" + _SEP + r")?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?![\d*])")),
    ("a phone number", re.compile(r"(?<![\d*])(?:0\d{2,3}-\d{7,8}|[48]00-?\d{3}-?\d{4})(?![\d*])")),
    # Each run of address characters is tried once, from its start (the look-behind), and
    # every part is bounded: linear however long the value.
    ("an e-mail address", re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")),
)
_HINT = re.compile(r"[0-9@]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allow: list[Annotated[str, Field(max_length=64)]] = Field(default=[], max_length=200)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "Xx")


def id_number_valid(number: str) -> bool:
    """An 18-digit resident ID number: a real birth date and the GB 11643 check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    check = "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS)) % 11]
    return number[17].upper() == check


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _valid(what: str, found: str) -> bool:
    digits = _digits(found)
    if what == "an ID-card number":
        return id_number_valid(digits)
    if what == "a bank-card number":
        return 16 <= len(digits) <= 19 and luhn_valid(digits)
    if what == "a mobile number":
        return len(digits[2:] if len(digits) == 13 and digits.startswith("86") else digits) == 11
    return True


def check(plan: Plan, options: Options) -> Iterator[tuple]:
    allowed = {_digits(a) or a for a in options.allow}
    for published in published_texts(plan, notes=True):
        text = published.text
        if not _HINT.search(text):
            continue  # no digit and no @: nothing to look for (most texts)
        for what, pattern in CANDIDATES:
            for match in pattern.finditer(text):
                found = match.group(0)
                if not _valid(what, found) or (_digits(found) or found) in allowed:
                    continue
                located = published.locate(match.start(), match.end())
                if located is None:
                    continue
                yield located[0], (f"{published.context(match.start(), match.end(), 6)}: looks like {what} "
                                   f"({LAW}); mask it (138****1234) or leave it out"), located[1]
                break
            else:
                continue
            break  # one finding a text: the first kind found (an ID number also looks like a card)
