"""_scan.py: Scan.finditer gives exactly re.finditer's matches, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.rules import induced_sharing
from generator.rules._scan import Scan

PATTERNS = [
    *(pattern.pattern for _, pattern in induced_sharing.FAMILIES),
    r"(?<!不)转发",  # a lookbehind sees the text before the start
    r"\b转",
    r"^转",  # only at the real start, as in finditer
    r"a?b|c",
    r"(?:x|y)*z",
    r"[0-9]{3}-\d",
    r"(?=转)转发|分享",
    r"最[^，]{0,3}好",
]
ALPHABET = "转发分享领红包不免费集赞砍一刀关注回复邀请好友朋友圈abcxyz0123-，。！ \n"


@pytest.mark.parametrize("source", PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_scan_finds_what_finditer_finds(source, text):
    pattern = re.compile(source)
    assert [m.span() for m in Scan(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "source, starts",
    [
        (r"转发|分享", "[分转]"),
        (r"(?:邀请?|拉)\d*人", "[拉邀]"),
        (r"a?b", "[ab]"),
        (r"(?<=x)转", "[转]"),
    ],
)
def test_the_first_characters_are_read_from_the_pattern(source, starts):
    assert Scan(re.compile(source)).starts.pattern == starts


@pytest.mark.parametrize(
    "source, flags",
    [
        (r".转", 0),  # any character
        (r"[^。]转", 0),  # a negated class
        (r"\w+", 0),  # a category
        (r"a?", 0),  # may match nothing
        (r"top1", re.IGNORECASE),  # K and ſ match k and s case-insensitively
    ],
)
def test_unsure_patterns_keep_the_plain_finditer(source, flags):
    pattern = re.compile(source, flags)
    scan = Scan(pattern)
    assert scan.starts is None
    assert [m.span() for m in scan.finditer("a转top1")] == [m.span() for m in pattern.finditer("a转top1")]
