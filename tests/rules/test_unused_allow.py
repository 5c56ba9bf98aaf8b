"""unused-allow: an allow that silenced nothing, or names no rule."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_an_allow_that_silences_nothing_is_warned(problems_of):
    calendar = "posts:\n" + say("酱香酒", extra="    allow: {banned-word: 商标}\n")
    assert found(problems_of(calendar)) == [(CAL, 8, "warning", "unused-allow")]


def test_an_allow_of_a_rule_that_does_not_exist_is_warned(problems_of):
    calendar = "posts:\n" + say("酱香酒", extra="    allow: {banned-wrod: 商标}\n")
    (problem,) = problems_of(calendar)
    assert problem[4] == "unused-allow" and "banned-word" in problem[5]
