"""check.py: one check → one CheckResult (the plan, the rule configuration, the problems), and
one PlanIndex per check, shared by the budget and every rule, with nothing left on the plan."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from generator import check as check_module
from generator.check import CheckResult, check
from generator.model import Plan, Playbook
from generator.plan_index import PlanIndex
from generator.rules import RULES
from tests.support import PROJECT, VALID, with_rules


def test_a_check_returns_the_plan_its_rule_configuration_and_the_problems_sorted(make_plan):
    root = make_plan("quiet-hours", files={**with_rules("  quiet-hours: warning\n"), "content/calendar/b.yml": "posts: 3\n"})
    result = check(root)
    assert isinstance(result, CheckResult)
    assert result.config.severities["quiet-hours"] == "warning"  # read from site.yml `rules:`
    assert result.config.severities["slot-conflict"] == "error"  # the default
    codes = sorted((p.code, p.severity) for p in result.problems)
    assert codes == [("bad-value", "error"), ("quiet-hours", "warning")]
    assert result.problems == sorted(result.problems, key=lambda p: p.sort_key())
    assert (result.errors, result.warnings, result.exit_code) == (1, 1, 1)


def test_a_plan_without_rules_is_checked_with_the_defaults():
    result = check(VALID)
    assert result.problems == [] and result.exit_code == 0
    assert result.config.severities == check_module.RuleConfig.defaults().severities


@pytest.mark.parametrize("root", [VALID, PROJECT], ids=["valid", "shipped"])
def test_a_checked_plan_and_its_playbooks_carry_nothing_but_their_fields(root):
    # the rule configuration is the result's, the tables the rules share are the index's: none
    # is hung on the model (no `_published`, `_message_lengths`, `_unique_posts`, `_parts`, ...)
    plan = check(root).plan
    assert set(vars(plan)) == {f.name for f in dataclasses.fields(Plan)}
    assert not hasattr(plan, "rule_config")
    assert plan.all_playbooks
    for playbook in plan.all_playbooks:
        assert set(vars(playbook)) == {f.name for f in dataclasses.fields(Playbook)}, playbook.id


def test_the_budget_and_every_rule_read_one_index_of_the_checked_plan(monkeypatch):
    seen: list[tuple[str, Plan, PlanIndex]] = []
    for rule in RULES:

        def spy(plan, index, options, _check=rule.check, _id=rule.ID):
            seen.append((_id, plan, index))
            return _check(plan, index, options)

        monkeypatch.setattr(rule, "check", spy)
    budget = check_module.check_budget

    def budget_spy(plan, index, texts=None):
        seen.append(("too-large", plan, index))
        return budget(plan, index, texts)

    monkeypatch.setattr(check_module, "check_budget", budget_spy)

    result = check(VALID)
    assert sorted(code for code, _, _ in seen) == sorted([rule.ID for rule in RULES] + ["too-large"])
    assert {id(index) for _, _, index in seen} == {id(seen[0][2])}  # one index for the whole check
    assert all(plan is result.plan and index.plan is result.plan for _, plan, index in seen)

    check(VALID)  # the next check makes its own
    assert seen[-1][2] is not seen[0][2]


def test_every_rule_takes_the_plan_the_index_and_its_options():
    for rule in RULES:
        assert list(inspect.signature(rule.check).parameters) == ["plan", "index", "options"], rule.ID
