"""bad-value (variant): a post picks a message block its playbook does not have."""

from __future__ import annotations

from tests.support import CAL, found, problems_in, say


def test_a_variant_the_playbook_does_not_have(problems_of):
    assert found(problems_of("posts:\n" + say("早上好", extra="    variant: 2\n"))) == [(CAL, 8, "error", "bad-value")]
    assert found(problems_of("posts:\n" + say("早上好", extra="    variant: 1\n"))) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_variant_out_of_range_is_bad_value(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-03\n"
                '    time: "09:00"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    variant: 3\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    assert problems_in(root) == [("content/calendar/extra.yml", 6, 14, "error", "bad-value")]
