"""mass-send-quota: 订阅号 once a day, 服务号 four times a month."""

from __future__ import annotations

from tests.support import CAL, article, found


def test_a_subscription_accounts_second_send_in_a_day_is_flagged(problems_of):
    calendar = "posts:\n" + article("2026-12-03", "12:00", "中午的文章") + article("2026-12-03", "20:00", "晚上的文章")
    assert found(problems_of(calendar, official_extra=", account: subscription")) == [(CAL, 8, "error", "mass-send-quota")]
    assert found(problems_of(calendar)) == []  # no account type: the quota is unknown


def test_a_service_account_has_four_sends_a_month(problems_of):
    calendar = "posts:\n" + "".join(article(f"2026-12-{d:02d}", "20:00", f"第{d}号的文章") for d in (1, 5, 9, 13, 17))
    assert found(problems_of(calendar, official_extra=", account: service")) == [(CAL, 2 + 6 * 4, "error", "mass-send-quota")]
