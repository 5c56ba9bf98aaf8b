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
from typing import Any

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import mass_send_quota
from ..problems import Where

ID = "mass-send-quota"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options) -> Iterator[tuple[Where, str]]:
    sends: dict[tuple, dict] = {}
    quotas: dict[str, Any] = {}  # channel id -> its quota (None: none)
    for post in plan.posts:
        channel = plan.channels.get(post.channel)
        if post.status == "cancelled" or channel is None:
            continue
        if channel.id in quotas:
            quota = quotas[channel.id]
        else:
            quota = quotas[channel.id] = mass_send_quota(channel.platform, channel.account)
        if quota is None:  # no account type given, or no quota known for the platform
            continue
        key = (channel.id, post.date if quota.period == "day" else (post.date.year, post.date.month))
        sends.setdefault(key, {}).setdefault((post.date, post.time), post)  # one 群发 a minute
    for (channel_id, _period_key), by_minute in sends.items():
        channel = plan.channels[channel_id]
        quota = mass_send_quota(channel.platform, channel.account)
        assert quota is not None  # only channels with a quota were collected
        limit, why = quota.limit, quota.why
        ordered = sorted(by_minute.items())
        for number, (_minute, post) in enumerate(ordered[limit:], start=limit + 1):
            span = post.date.isoformat() if quota.period == "day" else f"{post.date:%Y-%m}"
            yield (
                post.where(),
                _(
                    "{channel} has {count} 群发 in {span}; {why}, and this is number {number} "
                    "(move it, or send its articles together with another 群发 at the same minute)",
                    channel=channel_id,
                    count=len(ordered),
                    span=span,
                    why=_(why),
                    number=number,
                ),
            )
