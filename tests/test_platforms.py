"""platforms.py is the one table of platforms: each entry is complete, and the guide's
reference, `init` and the rules that depend on a platform's capabilities read it."""

from __future__ import annotations

import re

from generator import init
from generator.platforms import DEFAULT_STARTERS, PLATFORMS, STARTER_PLATFORMS, mass_send_quota
from generator.vocabulary import STATUS_LABEL
from tests.support import PROJECT

REFERENCE = PROJECT / "generator" / "default_site" / "docs" / "guide" / "reference.md"


def _section(title: str) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_the_reference_lists_every_platform_by_its_id_and_label():
    listed = re.findall(r"^- `([a-z-]+)` (\S+)$", _section("平台（platform）只能是这几个"), re.M)
    assert listed == [(p.id, p.label) for p in PLATFORMS.values()]


def test_the_reference_lists_every_status_by_its_label():
    listed = re.findall(r"^- `([a-z]+)` ([^：]+)：", _section("## 状态 Status"), re.M)
    assert listed == list(STATUS_LABEL.items())


def test_every_platform_is_complete():
    for platform in PLATFORMS.values():
        assert platform.label and platform.source and platform.per_day >= 1, platform.id
        if platform.headline is not None:
            low, high = platform.headline
            assert 1 <= low <= high, platform.id
        for quota in platform.mass_send:
            assert quota.limit >= 1 and quota.period in ("day", "month") and quota.why, platform.id
    assert set(DEFAULT_STARTERS) <= set(STARTER_PLATFORMS)
    starters = [p.starter for p in PLATFORMS.values() if p.starter]
    assert len({s[0] for s in starters}) == len(starters), "two platforms' starter channels share an id"


def test_init_offers_the_platforms_that_have_a_starter_channel():
    assert init.KINDS == STARTER_PLATFORMS and init.DEFAULT_KINDS == DEFAULT_STARTERS
    assert "other" not in STARTER_PLATFORMS  # no starter channel: nothing to write for it


def test_a_quota_is_found_by_platform_and_account_type():
    assert mass_send_quota("wechat-article", "subscription").limit == 1
    assert mass_send_quota("wechat-article", "service").period == "month"
    assert mass_send_quota("wechat-article", None) is None
    assert mass_send_quota("wechat-group", "service") is None
    assert mass_send_quota("no-such-platform", "service") is None
