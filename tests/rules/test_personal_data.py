"""personal-data: each candidate validated; masked numbers and allowed hotlines pass."""
from __future__ import annotations

import pytest

from .snippets import CAL, found, say


@pytest.mark.parametrize("text, code", [
    ("中奖的张先生13812345678请联系群主", "personal-data"),
    ("身份证 110105199001011232", "personal-data"),
    ("卡号 4111 1111 1111 1111", "personal-data"),
    ("来信 someone@example.com", "personal-data"),
    ("尾号 138****1234 的朋友", None),
    ("订单号 2026120188812345", None),
    ("单号 110105199001011234", None),  # 18 digits with a wrong check digit
    ("卡号 4111 1111 1111 1112", None),  # fails Luhn
    ("会员价 528 元，日常价 598 元", None),
])
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", code)] if code else [])


def test_notes_are_checked_for_personal_data_only(problems_of):
    calendar = "posts:\n" + say("早上好", extra="    note: 绝不写“转发领红包”；有事打 13812345678\n")
    assert found(problems_of(calendar)) == [(CAL, 8, "error", "personal-data")]


def test_a_hotline_in_rules_allow_passes(problems_of):
    calendar = "posts:\n" + say("订酒热线 0512-66881234")
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "personal-data")]
    assert found(problems_of(calendar, site_extra="rules:\n  personal-data: {allow: [\"0512-66881234\"]}\n")) == []


@pytest.mark.parametrize("text", [
    "中奖的张先生１３８１２３４５６７８请联系群主",        # full-width digits
    "中奖的张先生138\u200b1234\u200b5678请联系群主",    # zero-width spaces between the groups
    "身份证 １１０１０５１９９００１０１１２３２",          # full-width ID number
    "中奖的张先生138－1234－5678请联系群主",              # full-width hyphens
    "中奖的张先生138﹣1234﹣5678请联系群主",              # small hyphen-minus
    "中奖的张先生138–1234–5678请联系群主",                # en dashes
    "来信 zhang＠example．com",                          # full-width @ and .
    "来信 zhang﹫example.com",                           # small commercial at
])
def test_a_number_spelt_to_dodge_is_still_found(problems_of, text):
    codes = [p[4] for p in problems_of("posts:\n" + say(text))]
    assert "personal-data" in codes
