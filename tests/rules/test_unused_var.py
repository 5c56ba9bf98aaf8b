"""unused-var: a value no placeholder uses (usually a misspelt name)."""

from __future__ import annotations

from generator.check import check
from tests.support import CAL, VALID, found, problems_in

POST = "posts:\n  - {{date: 2026-12-03, time: '09:00', channel: vip-group, playbook: say, vars: {{{vars}}}}}\n"


def test_a_value_nothing_uses(problems_of):
    assert found(problems_of(POST.format(vars="text: 早, txet: 好"))) == [(CAL, 2, "warning", "unused-var")]
    assert found(problems_of(POST.format(vars="text: 早上好"))) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_declared_but_unused_playbook_var(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("vars:\n", "vars:\n  shop: 门店名\n")
    root = make_plan(files={"playbooks/first-snow.md": text})
    assert problems_in(root) == [("playbooks/first-snow.md", 6, 3, "warning", "unused-var")]
    assert check(root).exit_code == 0
