"""headline-api-length: a 公众号 title longer than the publishing API takes (warning).

Why: the 公众号 editor takes a title of up to 64 characters (headline-length errs past that),
but the draft API that publishing tools use (草稿箱 draft/add) documents 32: a longer title
is cut or refused when the article is published through a tool. A warning, since a team that
types into the editor by hand is fine.

Failing::

    a wechat-article headline of 40 characters

Passing::

    a wechat-article headline of 30 characters
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS

ID = "headline-api-length"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options) -> Iterator[tuple]:
    for post in index.unique_posts:
        channel = plan.channels.get(post.channel)
        if channel is None or not post.headline:
            continue
        platform = PLATFORMS[channel.platform]
        limit, hard = platform.headline_api_max, (platform.headline or (None, None))[1]
        length = len(post.headline.strip())
        if limit is not None and length > limit and (hard is None or length <= hard):
            yield (
                post.where("headline"),
                _(
                    "headline is {length} characters; the {platform} editor takes it, but its draft API takes {limit} "
                    "(tools that publish through it cut it)",
                    length=length,
                    platform=platform.label,
                    limit=limit,
                ),
                post,
            )
