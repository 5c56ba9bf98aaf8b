"""message-length: a message longer than its platform takes (朋友圈 about 1500 characters)."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_a_moments_post_too_long(problems_of):
    assert found(problems_of("posts:\n" + say("好" * 1600, channel="moments"))) == [
        (CAL, 5, "warning", "message-length")
    ]  # at the playbook it renders
    assert found(problems_of("posts:\n" + say("好" * 1400, channel="moments"))) == []
