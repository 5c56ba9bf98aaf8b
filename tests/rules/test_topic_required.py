"""topic-required: a hot-topic post needs its topic."""
from __future__ import annotations

from .snippets import CAL, found

HOT = "---\nkind: hot-topic\ntitle: 热点\n---\n```message\n今天下雪了。\n```\n"
POST = "posts:\n  - date: 2026-12-03\n    time: '09:00'\n    channel: vip-group\n    playbook: say\n{topic}"


def test_a_hot_topic_post_without_its_topic(problems_of):
    assert found(problems_of(POST.format(topic=""), playbook=HOT)) == [(CAL, 2, "error", "topic-required")]
    topic = "    topic: {name: 初雪, expires: 2026-12-05}\n"
    assert found(problems_of(POST.format(topic=topic), playbook=HOT)) == []
