"""slot-conflict: one post a minute; a 公众号 群发 carries up to 8 articles."""

from __future__ import annotations

from tests.support import CAL, article, found, problems_in


def test_a_group_send_of_three_articles_is_one_send(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"第{n}篇文章的标题") for n in "一二三")
    assert found(problems_of(calendar, official_extra=", account: subscription")) == []


def test_the_ninth_article_of_one_send_is_flagged(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"文章标题{n}") for n in range(9))
    assert found(problems_of(calendar)) == [(CAL, 2 + 6 * 8, "error", "slot-conflict")]


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


REPEAT_CONFLICT = (
    "posts:\n"
    "  - date: 2026-12-12\n"
    '    time: "21:00"\n'
    "    channel: vip-group\n"
    "    playbook: welcome-script\n"
    "    vars: {product: 酱香53度}\n"
    "repeats:\n"
    "  - id: late-tasting\n"  # line 8
    "    every: day\n"
    "    from: 2026-12-11\n"
    "    until: 2026-12-13\n"
    '    time: "21:00"\n'
    "    channel: vip-group\n"
    "    playbook: welcome-script\n"
    "    vars: {product: 酱香53度}\n"
)


def test_slot_conflict_of_a_repeat_with_a_written_post(make_plan, run_cli):
    root = make_plan(files={"content/calendar/extra.yml": REPEAT_CONFLICT})
    result = run_cli("check", "--root", str(root))
    rows = [(p["path"], p["line"], p["code"]) for p in result.problems()]
    assert rows == [("content/calendar/extra.yml", 8, "slot-conflict")]
    assert "2026-12-12" in result.problems()[0]["message"]
    assert result.status == 1


def test_slot_conflict_of_a_written_post_with_a_repeat_elsewhere(make_plan):
    # the written post comes later in path order, so it is the one reported, at its own line
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-12\n"
                '    time: "20:00"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    assert problems_in(root) == [("content/calendar/extra.yml", 2, 5, "error", "slot-conflict")]


def test_cancelled_posts_do_not_conflict_or_expire(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                '  - {date: 2026-12-01, time: "09:30", channel: vip-group, playbook: welcome-script,'
                " vars: {product: 酒}, status: cancelled}\n"
                '  - {date: 2026-12-09, time: "12:00", channel: moments, playbook: first-snow,'
                " topic: {name: 初雪, expires: 2026-12-07}, status: cancelled}\n"
                '  - {date: 2026-12-03, time: "23:00", channel: vip-group, playbook: welcome-script,'
                " vars: {product: 酒}, status: cancelled}\n"
            )
        }
    )
    assert problems_in(root) == []
