"""unknown-playbook: a post names a playbook no file defines."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_a_misspelt_playbook(problems_of):
    calendar = "posts:\n" + say("早上好").replace("playbook: say", "playbook: sya")
    assert found(problems_of(calendar)) == [(CAL, 5, "error", "unknown-playbook")]
    assert found(problems_of("posts:\n" + say("早上好"))) == []
