"""today.py: the day's checklist for the terminal, on the plan's own calendar day.
(`contentplan today` on the shipped plan: tests/test_shipped.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

from generator.check import check
from generator.today import plan_today, render
from tests.support import VALID


def test_today_is_the_plans_day_not_the_machines():
    plan = check(VALID).plan  # Asia/Shanghai, UTC+8
    assert plan_today(plan, datetime(2026, 11, 30, 17, 0, tzinfo=UTC)) == date(2026, 12, 1)
    assert plan_today(plan, datetime(2026, 11, 30, 15, 59, tzinfo=UTC)) == date(2026, 11, 30)


def test_the_checklist_holds_each_post_in_time_order_with_its_message_topic_and_files():
    lines = render(check(VALID).plan, date(2026, 12, 5)).splitlines()
    assert lines[0] == "汤家老坊 · 测试计划 — 2026-12-05 (Sat, Asia/Shanghai)"
    assert lines[2].startswith("[ ] 10:00  老坊朋友圈 (moments)  · 小李 · ")
    assert lines[3] == "    新人入群欢迎   [saturday-moments-2026-12-05]"
    assert lines[4] == "    │ 周末好!浓香52度已到店,体验价99元,欢迎来坐坐。"
    assert lines[6].startswith("[ ] 12:00  ")
    assert "    热点 topic: 初雪 (until 2026-12-07)" in lines and "    📎 content/assets/tasting.png" in lines
    assert lines[-1] == "2 posts"


def test_a_day_without_posts_says_so():
    assert render(check(VALID).plan, date(2026, 12, 15)).splitlines()[2:] == ["No posts planned for this day.", "0 posts"]
