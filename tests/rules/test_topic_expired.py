"""topic-expired: a hot-topic post scheduled after its topic expires."""
from __future__ import annotations

from .snippets import CAL, found

HOT = "---\nkind: hot-topic\ntitle: 热点\n---\n```message\n今天下雪了。\n```\n"
POST = "posts:\n  - date: 2026-12-03\n    time: '09:00'\n    channel: vip-group\n    playbook: say\n{topic}"


def test_a_hot_topic_after_it_expired(problems_of):
    topic = "    topic: {name: 初雪, expires: 2026-12-01}\n"
    assert found(problems_of(POST.format(topic=topic), playbook=HOT)) == [(CAL, 2, "error", "topic-expired")]  # at the date, which is too late
