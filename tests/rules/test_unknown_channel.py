"""unknown-channel: a post names a channel site.yml does not define."""
from __future__ import annotations

from .snippets import CAL, found, say


def test_a_misspelt_channel(problems_of):
    (problem,) = problems_of("posts:\n" + say("早上好", channel="vip-gruop"))
    assert (problem[0], problem[1], problem[3], problem[4]) == (CAL, 4, "error", "unknown-channel")
    assert "did you mean 'vip-group'" in problem[5]
    assert found(problems_of("posts:\n" + say("早上好", channel="vip-group"))) == []
