"""plan_index.py: what a check reads of a plan besides the plan, made once per check on first
use (PlanIndex), and unique_posts, public for compile.py too. The index is shared by the budget
and every rule: tests/test_check.py."""

from __future__ import annotations

import dataclasses

from generator.check import check
from generator.model import Playbook
from generator.plan_index import PlanIndex, unique_posts
from tests.support import VALID


def test_unique_posts_are_the_written_posts_and_one_occurrence_per_repeat():
    plan = check(VALID).plan
    posts = unique_posts(plan)
    repeats = [p.repeat for p in plan.posts if p.repeat is not None]
    assert len(repeats) > len(set(repeats))  # the fixture repeats a post
    assert [p.repeat for p in posts if p.repeat is not None] == list(dict.fromkeys(repeats))
    assert [p for p in posts if p.repeat is None] == [p for p in plan.posts if p.repeat is None]
    assert PlanIndex(plan).unique_posts == posts


def test_the_index_makes_each_table_once_and_leaves_the_playbooks_alone():
    plan = check(VALID).plan
    index = PlanIndex(plan)
    assert index.unique_posts is index.unique_posts
    assert index.published is index.published and index.published
    assert index.texts() is index.published
    with_notes = index.texts(notes=True)
    assert with_notes[: len(index.published)] == index.published and len(with_notes) > len(index.published)
    assert index.message_lengths is index.message_lengths
    playbook = plan.playbooks["welcome-script"]
    assert index.defaults(playbook) == playbook.defaults() and index.defaults(playbook) is index.defaults(playbook)
    parts = index.parts(playbook, 1)
    assert parts is index.parts(playbook, 1)
    assert "".join(literal + (f"{{{{{name}}}}}" if name else "") for literal, name, _ in parts) == (
        playbook.messages[0].text
    )  # the block, cut at its placeholders
    assert set(vars(playbook)) == {f.name for f in dataclasses.fields(Playbook)}
