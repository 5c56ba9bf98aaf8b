"""topic-required: a hot-topic post needs its topic."""

from __future__ import annotations

from tests.support import CAL, found, problems_in

HOT = "---\nkind: hot-topic\ntitle: 热点\n---\n```message\n今天下雪了。\n```\n"
POST = "posts:\n  - date: 2026-12-03\n    time: '09:00'\n    channel: vip-group\n    playbook: say\n{topic}"


def test_a_hot_topic_post_without_its_topic(problems_of):
    assert found(problems_of(POST.format(topic=""), playbook=HOT)) == [(CAL, 2, "error", "topic-required")]
    topic = "    topic: {name: 初雪, expires: 2026-12-05}\n"
    assert found(problems_of(POST.format(topic=topic), playbook=HOT)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_a_bad_topic_source_is_not_topic_required(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-06\n"
                '    time: "12:00"\n'
                "    channel: moments\n"
                "    playbook: first-snow\n"
                "    topic: {name: 初雪, source: not-a-url}\n"
            )
        }
    )
    assert problems_in(root) == [("content/calendar/extra.yml", 6, 31, "error", "bad-value")]
