"""headline-length: a headline shorter or longer than its channel's platform allows.

Why: each platform cuts or refuses a title outside its range (see the Platforms table and generator/platforms.py for the source of every number).

Limits (characters) come from generator/platforms.py, e.g. xiaohongshu 1-20, toutiao 5-30,
wechat-article 1-64. Override per platform in site.yml::

    rules:
      headline-length: {douyin: {min: 5, max: 25}}

Failing (xiaohongshu, 24 characters)::

    headline: 冬天喝酱酒一定要知道的三件事情以及两个误区和一个窍门

Passing::

    headline: 冬天喝酱酒的三件事
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS, per_platform_options
from ..problems import Where

ID = "headline-length"
SEVERITY = "error"


class Range(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int | None = None
    max: int | None = None


Options = per_platform_options(Range)


def check(plan: Plan, index: PlanIndex, options) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        channel = plan.channels.get(post.channel)
        if channel is None or not post.headline:
            continue
        low, high = _range(channel.platform, options)
        if low is None and high is None:
            continue
        length = len(post.headline.strip())
        if (low is not None and length < low) or (high is not None and length > high):
            span = f"{low or 1}-{high}" if high is not None else _("at least {low}", low=low)
            yield (
                post.where("headline"),
                _(
                    "headline is {length} characters; {label} ({platform}) takes {span}",
                    length=length,
                    label=PLATFORMS[channel.platform].label,
                    platform=channel.platform,
                    span=span,
                ),
            )


def _range(platform: str, options) -> tuple[int | None, int | None]:
    default = PLATFORMS[platform].headline or (None, None)
    override = getattr(options, platform.replace("-", "_"))
    if override is None:
        return default
    return (override.min if override.min is not None else default[0], override.max if override.max is not None else default[1])
