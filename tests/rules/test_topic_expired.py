"""topic-expired: a hot-topic post scheduled after its topic expires."""

from __future__ import annotations

from tests.support import CAL, found, problems_in

HOT = "---\nkind: hot-topic\ntitle: 热点\n---\n```message\n今天下雪了。\n```\n"
POST = "posts:\n  - date: 2026-12-03\n    time: '09:00'\n    channel: vip-group\n    playbook: say\n{topic}"


def test_a_hot_topic_after_it_expired(problems_of):
    topic = "    topic: {name: 初雪, expires: 2026-12-01}\n"
    assert found(problems_of(POST.format(topic=topic), playbook=HOT)) == [
        (CAL, 2, "error", "topic-expired")
    ]  # at the date, which is too late


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_topic_on_the_expiry_day_is_fine(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                '  - {date: 2026-12-07, time: "12:00", channel: moments, playbook: first-snow,'
                " topic: {name: 初雪, expires: 2026-12-07}}\n"
            )
        }
    )
    assert problems_in(root) == []
