"""Known platforms: one entry each, carrying every fact about a platform the rules, the pages
and `contentplan init` use (headline length, message length, posts per day, whether it is a
group chat, its mass-send quota, the channel `init` writes for it). Adding a platform is one
entry here plus `python3 tasks.py regen`; tests/test_platforms.py fails on any copy elsewhere.

Each number says where it comes from. Lengths count characters (a Chinese character is one).
`None` means the platform sets no such limit. A plan overrides any of them in `site.yml`
`rules:` (headline-length, message-length, too-many-per-day) or per channel (`max_per_day`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from .i18n import N_


@dataclass(frozen=True)
class MassSend:
    """How often an account of one type may mass-send (群发) on this platform."""

    account: str  # the channel's `account:` value
    limit: int
    period: str  # "day" or "month" (a calendar month)
    why: str  # N_-marked: the rule's message says it


@dataclass(frozen=True)
class Platform:
    id: str
    label: str
    headline: tuple[int, int] | None  # (min, max) characters
    message_max: int | None
    per_day: int
    source: str
    per_send: int = 1  # posts that go out together as one send (公众号 群发: up to 8 articles)
    headline_api_max: int | None = None  # a tighter title limit of the platform's publishing API
    checked: str = "2026-11"  # when these numbers were last checked against the source
    group_chat: bool = False  # a chat whose members go cold when it is silent (silent-channel), quiet at night
    mass_send: tuple[MassSend, ...] = ()  # 群发 quota per account type (mass-send-quota); none: no quota known
    starter: tuple[str, str] | None = None  # the channel `contentplan init` writes for it: (id, name)

    @property
    def has_headline(self) -> bool:
        """Its posts carry a headline (a title the platform shows), not only a message."""
        return self.headline is not None


PLATFORMS: dict[str, Platform] = {
    p.id: p
    for p in (
        Platform(
            "wechat-group",
            "微信群",
            None,
            2000,
            6,
            # A chat message has no headline. WeChat splits text messages past ~2000 characters
            # (observed client behaviour); six posts a day is the common ceiling in community
            # operation practice before members mute the group (seed article 000: 群活跃 without
            # 刷屏).
            "WeChat client text limit; community-operation practice",
            group_chat=True,
            starter=("group", "客户群"),
        ),
        Platform(
            "wechat-moments",
            "朋友圈",
            None,
            1500,
            3,
            # Moments folds text after ~6 lines and caps a post at about 1500 characters
            # (WeChat client); three a day is the usual guidance against being hidden by friends.
            "WeChat Moments composer; community-operation practice",
            starter=("moments", "朋友圈"),
        ),
        Platform(
            "wechat-article",
            "公众号文章",
            (1, 64),
            20000,
            8,
            # 微信公众平台 article editor: title up to 64 characters, body up to 20,000
            # characters; one mass send (群发) carries at most 8 articles.
            "微信公众平台 editor limits (title 64, body 20000, 8 articles per 群发); draft API "
            "(草稿箱 draft/add) documents a title of at most 32 characters",
            per_send=8,
            headline_api_max=32,
            starter=("article", "公众号"),
            # 微信公众平台: a 订阅号 may 群发 once a day, a 服务号 four times a calendar month
            mass_send=(
                MassSend("subscription", 1, "day", N_("a 订阅号 may 群发 once a day")),
                MassSend("service", 4, "month", N_("a 服务号 may 群发 four times a calendar month")),
            ),
        ),
        Platform(
            "douyin",
            "抖音",
            (1, 30),
            1000,
            3,
            # 抖音 creator centre: work title up to 30 characters, description up to 1000.
            "抖音创作者中心 upload form (title 30, description 1000)",
            starter=("douyin", "抖音号"),
        ),
        Platform(
            "xiaohongshu",
            "小红书",
            (1, 20),
            1000,
            3,
            # 小红书 note editor: title up to 20 characters, body up to 1000.
            "小红书 note editor (title 20, body 1000)",
            starter=("xhs", "小红书"),
        ),
        Platform(
            "weibo",
            "微博",
            (1, 32),
            2000,
            10,
            # 微博 headline articles take a title of up to 32 characters; a post up to 2000.
            "微博 composer (headline-article title 32, post 2000)",
            starter=("weibo", "微博"),
        ),
        Platform(
            "toutiao",
            "头条号",
            (5, 30),
            20000,
            5,
            # 头条号 publishing rules: title 5 to 30 characters.
            "头条号 publishing rules (title 5-30 characters)",
            starter=("toutiao", "头条号"),
        ),
        Platform("other", "其他", None, None, 10, "no platform limits known; generous cap"),
    )
}

PLATFORM_IDS = tuple(PLATFORMS)
STARTER_PLATFORMS = tuple(p.id for p in PLATFORMS.values() if p.starter)  # what `init --platforms` takes
DEFAULT_STARTERS = ("wechat-group", "wechat-moments", "wechat-article")  # `init` without --platforms


def mass_send_quota(platform: str, account: str | None) -> MassSend | None:
    """The 群发 quota of an account of type `account` on `platform`, if one is known."""
    return next((q for q in PLATFORMS[platform].mass_send if q.account == account), None) if platform in PLATFORMS else None


def per_platform_options(value_type: Any) -> type[BaseModel]:
    """A rule-options model keyed by platform id (`{douyin: ..., wechat-group: ...}`)."""
    fields = {pid.replace("-", "_"): (value_type | None, Field(default=None, alias=pid)) for pid in PLATFORM_IDS}
    return create_model(  # type: ignore[call-overload]
        "PlatformOptions", __config__=ConfigDict(extra="forbid", populate_by_name=True), **fields
    )
