"""slot-conflict (a 群发 of up to 8 articles), mass-send-quota, too-many-per-month,
headline-api-length, silent-channel and min-gap."""
from __future__ import annotations

from snippets import problems_of  # noqa: F401 - a fixture

CAL = "content/calendar/test.yml"


def found(problems):
    return [(p[0], p[1], p[3], p[4]) for p in problems]


def article(day: str, time: str, headline: str) -> str:
    return (f"  - date: {day}\n    time: \"{time}\"\n    channel: official\n    playbook: title\n"
            f"    status: approved\n    headline: {headline}\n")


def test_a_group_send_of_three_articles_is_one_send(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"第{n}篇文章的标题") for n in "一二三")
    assert found(problems_of(calendar, official_extra=", account: subscription")) == []


def test_the_ninth_article_of_one_send_is_flagged(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"文章标题{n}") for n in range(9))
    assert found(problems_of(calendar)) == [(CAL, 2 + 6 * 8, "error", "slot-conflict")]


def test_a_subscription_accounts_second_send_in_a_day_is_flagged(problems_of):
    calendar = "posts:\n" + article("2026-12-03", "12:00", "中午的文章") + article("2026-12-03", "20:00", "晚上的文章")
    assert found(problems_of(calendar, official_extra=", account: subscription")) == [(CAL, 8, "error", "mass-send-quota")]
    assert found(problems_of(calendar)) == []  # no account type: the quota is unknown


def test_a_service_account_has_four_sends_a_month(problems_of):
    calendar = "posts:\n" + "".join(article(f"2026-12-{d:02d}", "20:00", f"第{d}号的文章") for d in (1, 5, 9, 13, 17))
    assert found(problems_of(calendar, official_extra=", account: service")) == [(CAL, 2 + 6 * 4, "error", "mass-send-quota")]


def test_max_per_month(problems_of):
    site = "posts:\n" + "".join(f"  - {{date: 2026-12-{d:02d}, time: '09:00', channel: official, playbook: title, headline: 标题{d}}}\n"
                               for d in (1, 2, 3))
    assert found(problems_of(site, official_extra=", max_per_month: 2")) == [(CAL, 4, "error", "too-many-per-month")]


def test_a_wechat_article_title_past_the_api_limit_is_a_warning(problems_of):
    calendar = "posts:\n" + article("2026-12-03", "20:00", "冬" * 33)
    assert found(problems_of(calendar)) == [(CAL, 7, "warning", "headline-api-length")]
    calendar = "posts:\n" + article("2026-12-03", "20:00", "冬" * 65)
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "headline-length")]


def _greet(day: str, time: str = "09:00") -> str:
    return f"  - {{date: {day}, time: '{time}', channel: vip-group, playbook: say, vars: {{text: 早上好}}}}\n"


def test_a_group_silent_for_more_than_three_days(problems_of):
    assert found(problems_of("posts:\n" + _greet("2026-12-01") + _greet("2026-12-06"))) == [
        (CAL, 3, "warning", "silent-channel")]
    assert found(problems_of("posts:\n" + _greet("2026-12-01") + _greet("2026-12-05"))) == []
    assert found(problems_of("posts:\n" + _greet("2026-12-01") + _greet("2026-12-06"),
                             site_extra="rules:\n  silent-channel: {days: 5}\n")) == []


def test_two_posts_less_than_thirty_minutes_apart(problems_of):
    assert found(problems_of("posts:\n" + _greet("2026-12-01", "09:00") + _greet("2026-12-01", "09:10"))) == [
        (CAL, 3, "warning", "min-gap")]
    assert found(problems_of("posts:\n" + _greet("2026-12-01", "09:00") + _greet("2026-12-01", "09:30"))) == []
