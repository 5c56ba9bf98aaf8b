"""duplicate-id: two posts (or playbooks, channels, people, campaigns) share an id."""

from __future__ import annotations

from tests.support import CAL, VALID, VALID_SITE, found, problems_in, say


def test_two_posts_with_one_id(problems_of):
    calendar = "posts:\n" + say("早", extra="    id: hello\n") + say("晚", time="20:00", extra="    id: hello\n")
    assert found(problems_of(calendar)) == [(CAL, 15, "error", "duplicate-id")]
    calendar = "posts:\n" + say("早", extra="    id: hello\n") + say("晚", time="20:00", extra="    id: goodbye\n")
    assert found(problems_of(calendar)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_duplicate_channel_id(make_plan):
    site = VALID_SITE.replace(
        "people:\n",
        "  - id: moments\n    name: 第二个朋友圈\n    platform: wechat-moments\npeople:\n",
    )
    root = make_plan(files={"content/site.yml": site})
    assert problems_in(root) == [("content/site.yml", 19, 9, "error", "duplicate-id")]


def test_duplicate_playbook_id(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    root = make_plan(files={"playbooks/more/first-snow.md": text})
    found = problems_in(root)
    assert [(p[0], p[4]) for p in found] == [("playbooks/more/first-snow.md", "duplicate-id")]
