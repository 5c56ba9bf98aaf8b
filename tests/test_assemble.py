"""assemble.py: documents → Plan. Defaults cascade (post, then calendar file, then channel
owner), a post without an id gets one from its date, channel and time, and a repeat becomes one
post per day it falls on, each named <repeat id>-<date>; one broken item costs only itself."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.assemble import assemble
from generator.check import check
from generator.load import load_plan
from tests.support import VALID, build_plan, problems_in


def assembled(root=VALID):
    """assemble() of the plan at `root`: (the plan's posts by id, the problems as (path, line, code))."""
    plan, problems = assemble(load_plan(root))
    return {p.id: p for p in plan.posts}, [(p.path, p.line, p.code) for p in problems]


def test_defaults_cascade_from_the_post_then_the_file_then_the_channel(tmp_path):
    posts, problems = assembled()
    assert problems == []
    # valid's calendar file says `campaign: winter-tasting` and `owner: xiaoli`
    assert {p.campaign for p in posts.values()} == {"winter-tasting"}
    assert posts["2026-12-02-official-2000"].owner == "amei"  # written on the post
    assert posts["2026-12-30-official-2000"].owner == "xiaoli"  # the file's, before the channel's (amei)
    # a file that says neither: no campaign, and the channel's owner
    root = build_plan(
        tmp_path / "plan",
        files={
            "content/calendar/extra.yml": (
                'posts:\n  - {date: 2026-12-03, time: "20:00", channel: official, playbook: winter-headline, headline: 标题}\n'
            )
        },
    )
    posts, problems = assembled(root)
    assert problems == []
    extra = posts["2026-12-03-official-2000"]
    assert (extra.campaign, extra.owner) == (None, "amei")


def test_a_post_without_an_id_is_named_by_date_channel_and_time_and_the_plan_is_in_time_order():
    plan, problems = assemble(load_plan(VALID))
    ids = [p.id for p in plan.posts]
    assert "welcome-dec-01" in ids  # written
    assert {"2026-12-05-moments-1200", "2026-12-08-vip-group-0800", "2026-12-09-vip-group-2159"} <= set(ids)
    keys = [(p.date, p.time, p.channel) for p in plan.posts]
    assert keys == sorted(keys)
    assert ids[:4] == [
        "welcome-dec-01",
        "2026-12-02-official-2000",
        "early-week-greeting-2026-12-04",
        "saturday-moments-2026-12-05",
    ]


def test_a_repeat_is_one_post_per_day_with_its_fields_except_the_days_it_skips():
    posts, _ = assembled()
    nightly = sorted(i for i, p in posts.items() if p.repeat == "nightly-tasting")
    assert nightly == [f"nightly-tasting-2026-12-{d}" for d in (10, 11, 12, 13, 14, 16, 17, 18, 19, 20)]  # except: 15
    for post_id in nightly:
        post = posts[post_id]
        assert (post.hhmm, post.channel, post.playbook, post.status) == ("20:00", "vip-group", "welcome-script", "draft")
        assert dict(post.vars) == {"product": "酱香53度", "price": "199"}
        assert (post.campaign, post.owner) == ("winter-tasting", "xiaoli")  # the file's defaults, as a written post


REPEAT = "  - {{id: r, every: {every}, {extra}time: '10:00', channel: vip-group, playbook: welcome-script}}\n"


@pytest.mark.parametrize(
    "every, extra, codes",
    [
        ("day", "", ["missing-field", "missing-field"]),  # no from, no until, and no campaign to take them from
        ("day", "from: 2026-12-10, until: 2026-12-01, ", ["bad-value"]),  # until before from
        ("day", "on: [mon], from: 2026-12-01, until: 2026-12-10, ", ["bad-value"]),  # `on` only with week or month
        ("week", "on: [mo], from: 2026-12-01, until: 2026-12-10, ", ["bad-value"]),  # not a weekday
        ("month", "on: [32], from: 2026-12-01, until: 2026-12-10, ", ["bad-value"]),  # not a day of the month
    ],
    ids=["no-dates", "until-before-from", "on-with-day", "bad-weekday", "bad-day-of-month"],
)
def test_a_repeat_that_cannot_be_expanded_is_a_problem_at_the_repeat_and_makes_no_post(every, extra, codes, tmp_path):
    calendar = "repeats:\n" + REPEAT.format(every=every, extra=extra)
    root = build_plan(tmp_path / "plan", files={"content/calendar/extra.yml": calendar})
    posts, problems = assembled(root)
    assert problems == [("content/calendar/extra.yml", 2, code) for code in codes]
    assert not any(p.repeat == "r" for p in posts.values())


# --- through check, on the fixture plan with a file laid over it ---------------------------------


def test_repeat_on_weekdays(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "repeats:\n"
                "  - id: twice-weekly\n"
                "    every: week\n"
                "    on: [mon, thu]\n"
                "    from: 2026-12-01\n"
                "    until: 2026-12-14\n"
                "    time: 11:15\n"
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度}\n"
                "  - id: monthly\n"
                "    every: month\n"
                "    on: [1, 15]\n"
                "    from: 2026-12-01\n"
                "    until: 2026-12-31\n"
                '    time: "11:45"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    report = check(root)
    assert report.problems == []
    weekly = sorted(p.date for p in report.plan.posts if p.repeat == "twice-weekly")
    assert weekly == [dt.date(2026, 12, d) for d in (3, 7, 10, 14)]
    assert all(p.time == dt.time(11, 15) for p in report.plan.posts if p.repeat == "twice-weekly")
    monthly = sorted(p.date for p in report.plan.posts if p.repeat == "monthly")
    assert monthly == [dt.date(2026, 12, 1), dt.date(2026, 12, 15)]


def test_valid_fixture_on_sat_reads_as_weekday():
    plan = check(VALID).plan
    saturdays = sorted(p.date for p in plan.posts if p.repeat == "saturday-moments")
    assert saturdays == [dt.date(2026, 12, d) for d in (5, 12, 19, 26)]


def test_one_broken_post_does_not_hide_the_others(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                '  - {date: 2026-12-03, time: "25:00", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n'
                '  - {date: 2026-12-04, time: "23:00", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n'
                '  - {date: 2026-12-05, time: "10:00", channel: vip-grop, playbook: welcome-script, vars: {product: 酒}}\n'
            )
        }
    )
    assert [(p[1], p[4]) for p in problems_in(root)] == [(2, "bad-value"), (3, "quiet-hours"), (4, "unknown-channel")]
