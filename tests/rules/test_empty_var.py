"""empty-var: a value that is empty, so the message goes out with a hole."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_an_empty_value(problems_of):
    assert found(problems_of("posts:\n" + say(""))) == [(CAL, 7, "warning", "empty-var")]
    assert found(problems_of("posts:\n" + say("早上好"))) == []
