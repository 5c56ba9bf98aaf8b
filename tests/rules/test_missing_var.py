"""missing-var: a {{placeholder}} with no value."""
from __future__ import annotations

from .snippets import CAL, found

NO_VARS = "posts:\n  - {date: 2026-12-03, time: '09:00', channel: vip-group, playbook: say}\n"


def test_a_placeholder_without_a_value(problems_of):
    assert found(problems_of(NO_VARS)) == [(CAL, 2, "error", "missing-var")]
    with_default = "---\nkind: script\ntitle: 话术\nvars:\n  text: {description: 正文, default: 早上好}\n---\n```message\n{{text}}\n```\n"
    assert found(problems_of(NO_VARS, playbook=with_default)) == []
