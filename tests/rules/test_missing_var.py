"""missing-var: a {{placeholder}} with no value."""

from __future__ import annotations

from tests.support import CAL, VALID, found, problems_in

NO_VARS = "posts:\n  - {date: 2026-12-03, time: '09:00', channel: vip-group, playbook: say}\n"


def test_a_placeholder_without_a_value(problems_of):
    assert found(problems_of(NO_VARS)) == [(CAL, 2, "error", "missing-var")]
    with_default = (
        "---\nkind: script\ntitle: 话术\nvars:\n  text: {description: 正文, default: 早上好}\n---\n```message\n{{text}}\n```\n"
    )
    assert found(problems_of(NO_VARS, playbook=with_default)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_undeclared_placeholder_in_a_playbook(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("来店里坐坐。", "来店里坐坐,{{shop}}等你。")
    root = make_plan(files={"playbooks/first-snow.md": text})
    found = problems_in(root)
    assert ("playbooks/first-snow.md", 11, "missing-var") in [(p[0], p[1], p[4]) for p in found]
