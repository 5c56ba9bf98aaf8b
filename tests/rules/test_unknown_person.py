"""unknown-person: an owner who is not in `people`."""
from __future__ import annotations

from .snippets import CAL, found, say


def test_an_owner_nobody_knows(problems_of):
    assert found(problems_of("posts:\n" + say("早上好", extra="    owner: nobody\n"))) == [(CAL, 8, "error", "unknown-person")]
    assert found(problems_of("posts:\n" + say("早上好", extra="    owner: xiaoli\n"))) == []
