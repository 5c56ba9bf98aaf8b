"""platform-mismatch: a playbook used on a platform it does not list."""

from __future__ import annotations

from tests.support import CAL, found, say

GROUP_ONLY = "---\nkind: script\ntitle: 群话术\nplatforms: [wechat-group]\nvars:\n  text: 正文\n---\n```message\n{{text}}\n```\n"


def test_a_group_script_on_moments(problems_of):
    assert found(problems_of("posts:\n" + say("早上好", channel="moments"), playbook=GROUP_ONLY)) == [
        (CAL, 5, "warning", "platform-mismatch")
    ]
    assert found(problems_of("posts:\n" + say("早上好", channel="vip-group"), playbook=GROUP_ONLY)) == []
