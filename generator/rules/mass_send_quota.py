"""mass-send-quota: more 公众号 群发 than the account allows.

Why: 微信公众平台: a 订阅号 (subscription account) may 群发 once a day, a 服务号 (service
account) four times a calendar month; a 群发 past the quota does not go out. Posts on one
`wechat-article` channel at the same minute are one 群发 (up to 8 articles, see slot-conflict).
Set the account type on the channel (`account: subscription` or `service`); without it the
rule does not know the quota and says nothing.

Failing::

    # account: subscription
    - {date: 2026-12-01, time: "12:00", channel: official, playbook: weekly-article}
    - {date: 2026-12-01, time: "20:00", channel: official, playbook: weekly-article}

Passing::

    - {date: 2026-12-01, time: "20:00", channel: official, playbook: weekly-article}
    - {date: 2026-12-01, time: "20:00", channel: official, playbook: second-article}
"""
from __future__ import annotations

from collections.abc import Iterator

from ..i18n import N_, _
from ..model import Plan
from ..problems import Where

ID = "mass-send-quota"
SEVERITY = "error"
QUOTA = {"subscription": (1, "day", N_("a 订阅号 may 群发 once a day")),
         "service": (4, "month", N_("a 服务号 may 群发 four times a calendar month"))}


def check(plan: Plan, options) -> Iterator[tuple[Where, str]]:
    sends: dict[tuple, dict] = {}
    for post in plan.posts:
        channel = plan.channels.get(post.channel)
        if post.status == "cancelled" or channel is None or channel.platform != "wechat-article" or not channel.account:
            continue
        limit, period, _why = QUOTA[channel.account]
        key = (channel.id, post.date if period == "day" else (post.date.year, post.date.month))
        sends.setdefault(key, {}).setdefault((post.date, post.time), post)  # one 群发 a minute
    for (channel_id, _period_key), by_minute in sends.items():
        channel = plan.channels[channel_id]
        limit, period, why = QUOTA[channel.account]
        ordered = sorted(by_minute.items())
        for number, (_minute, post) in enumerate(ordered[limit:], start=limit + 1):
            span = post.date.isoformat() if period == "day" else f"{post.date:%Y-%m}"
            yield post.where(), _(
                "{channel} has {count} 群发 in {span}; {why}, and this is number {number} "
                "(move it, or send its articles together with another 群发 at the same minute)",
                channel=channel_id, count=len(ordered), span=span, why=_(why), number=number)
