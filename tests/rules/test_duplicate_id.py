"""duplicate-id: two posts (or playbooks, channels, people, campaigns) share an id."""
from __future__ import annotations

from .snippets import CAL, found, say


def test_two_posts_with_one_id(problems_of):
    calendar = "posts:\n" + say("早", extra="    id: hello\n") + say("晚", time="20:00", extra="    id: hello\n")
    assert found(problems_of(calendar)) == [(CAL, 15, "error", "duplicate-id")]
    calendar = "posts:\n" + say("早", extra="    id: hello\n") + say("晚", time="20:00", extra="    id: goodbye\n")
    assert found(problems_of(calendar)) == []
