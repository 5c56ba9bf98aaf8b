"""bad-value (variant): a post picks a message block its playbook does not have."""
from __future__ import annotations

from .snippets import CAL, found, say


def test_a_variant_the_playbook_does_not_have(problems_of):
    assert found(problems_of("posts:\n" + say("早上好", extra="    variant: 2\n"))) == [(CAL, 8, "error", "bad-value")]
    assert found(problems_of("posts:\n" + say("早上好", extra="    variant: 1\n"))) == []
