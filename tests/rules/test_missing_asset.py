"""missing-asset: an attachment that does not exist under content/."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_an_attachment_that_is_not_there(problems_of):
    calendar = "posts:\n" + say("早上好", extra="    attach: [assets/poster.png]\n")
    assert found(problems_of(calendar)) == [(CAL, 8, "error", "missing-asset")]
    assert found(problems_of(calendar, files={"content/assets/poster.png": "png"})) == []
