"""budget.py: what a build may cost, bounded at check (too-large). The filled-message bound has
its broken fixture (tests/fixtures/broken/too-large); these are the others."""

from __future__ import annotations

from generator.budget import MAX_CHANNELS, MAX_PEOPLE
from generator.check import check


def _codes(report) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in report.problems if p.code == "too-large"]


def test_more_people_or_channels_than_a_plan_may_have(make_plan):
    people = "".join(f"  - {{id: p{i}, name: 人{i}}}\n" for i in range(MAX_PEOPLE + 1))
    channels = "".join(f"  - {{id: c{i}, name: 群{i}, platform: wechat-group}}\n" for i in range(MAX_CHANNELS + 1))
    root = make_plan(
        files={"content/site.yml": ("title: 很多人\ntimezone: Asia/Shanghai\nchannels:\n" + channels + "people:\n" + people)}
    )
    found = _codes(check(root))
    assert ("content/site.yml", 3, "too-large") in found  # at `channels:`
    assert ("content/site.yml", 4 + MAX_CHANNELS + 1, "too-large") in found  # at `people:`


def test_names_printed_with_every_post_count_towards_the_text_budget(make_plan, monkeypatch):
    # A channel's name is printed on each of its posts' cards, list rows and feed events: with the
    # budget lowered to fit this small plan's own text, a 2,000-character name tips it over.
    from generator import budget

    root = make_plan()
    plain = check(root)
    own_text = sum(
        len(plain.plan.message_of(p)) + len(p.title or "") + len(p.headline or "") + len(p.note or "") for p in plain.plan.posts
    )
    monkeypatch.setattr(budget, "MAX_TEXT", own_text + 10_000)
    assert _codes(check(root)) == []  # the names as they are fit
    site = (root / "content" / "site.yml").read_text(encoding="utf-8")
    (root / "content" / "site.yml").write_text(site.replace("name: 品鉴VIP群", "name: " + "群" * 2000), encoding="utf-8")
    assert [code for _, _, code in _codes(check(root))] == ["too-large"]


def test_a_plan_within_the_bounds_reports_nothing(make_plan):
    assert _codes(check(make_plan())) == []


def test_counted_message_lengths_equal_the_rendered_ones(make_plan):
    """message-length and the budget count a filled message's length without rendering it:
    the count must be the rendered length, for every post of the shipped plan and the fixture
    (defaults, values, placeholders with no value, repeats)."""
    from generator.plan_index import PlanIndex
    from tests.support import PROJECT

    for root in (make_plan(), PROJECT):
        plan = check(root).plan
        lengths = PlanIndex(plan).message_lengths
        assert plan.posts
        assert [lengths.of(p) for p in plan.posts] == [len(plan.message_of(p)) for p in plan.posts]


def test_a_checked_plan_is_freed_without_the_cycle_collector():
    # The caches the rules hang on the plan (budget's message lengths, the published texts) must
    # not point back at it: a cycle through a year's plan is 400,000 objects for the collector
    # at exit, half a second of every `contentplan check`.
    import gc
    import weakref
    from pathlib import Path

    root = Path(__file__).parent / "fixtures" / "valid"
    gc.collect()
    gc.disable()
    try:
        report = check(root)
        assert report.plan.posts  # every rule ran over a real plan
        plan = weakref.ref(report.plan)
        del report
        assert plan() is None, [type(r).__name__ for r in gc.get_referrers(plan())]
    finally:
        gc.enable()
