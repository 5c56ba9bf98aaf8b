"""unused-var: a value no placeholder uses (usually a misspelt name)."""
from __future__ import annotations

from .snippets import CAL, found

POST = "posts:\n  - {{date: 2026-12-03, time: '09:00', channel: vip-group, playbook: say, vars: {{{vars}}}}}\n"


def test_a_value_nothing_uses(problems_of):
    assert found(problems_of(POST.format(vars="text: 早, txet: 好"))) == [(CAL, 2, "warning", "unused-var")]
    assert found(problems_of(POST.format(vars="text: 早上好"))) == []
