"""context.py: the plan indexed once for the pages. Each post resolved into a PostView (names,
filled message, links, reminder, source files) and grouped by day, channel, person, campaign
and playbook in plan order; status counts in workflow order. On tests/fixtures/valid."""

from __future__ import annotations

from datetime import date

import pytest

from generator.check import check
from generator.context import AttachmentView, build_context, shows_as_picture, status_counts
from tests.support import VALID

PICTURE = "assets/tasting.png"  # valid's one attachment, on the moments post of 2026-12-05


@pytest.fixture(scope="module")
def plan():
    return check(VALID).plan


@pytest.fixture(scope="module")
def context(plan):
    return build_context(plan, thumbnails=frozenset({PICTURE}))


def ids(views) -> list[str]:
    return [view.id for view in views]


def test_posts_are_grouped_by_day_in_time_order(plan, context):
    assert ids(context.posts) == [p.id for p in plan.posts] and len(context.posts) == 23
    assert context.days == sorted(context.by_day) and context.days[0] == date(2026, 12, 1)
    assert context.days[-1] == date(2026, 12, 30) and date(2026, 12, 15) not in context.by_day  # the repeat's except
    assert context.months == ["2026-12"]
    assert ids(context.by_day[date(2026, 12, 5)]) == ["saturday-moments-2026-12-05", "2026-12-05-moments-1200"]  # 10:00, 12:00
    assert ids(context.by_day[date(2026, 12, 16)]) == ["2026-12-16-official-2000", "nightly-tasting-2026-12-16"]  # by channel
    assert sum(len(views) for views in context.by_day.values()) == len(context.posts)


def test_posts_are_grouped_by_channel_person_campaign_and_playbook(context):
    assert sorted(context.by_channel) == ["moments", "official", "vip-group"]
    assert ids(context.by_channel["official"]) == [
        "2026-12-02-official-2000",
        "2026-12-16-official-2000",
        "2026-12-30-official-2000",
    ]
    assert ids(context.by_person["amei"]) == ["2026-12-02-official-2000", "2026-12-16-official-2000", "2026-12-23-vip-group-1900"]
    assert list(context.by_campaign) == ["winter-tasting"] and len(context.by_campaign["winter-tasting"]) == 23
    assert sorted(context.by_playbook) == ["first-snow", "welcome-script", "winter-headline"]
    assert list(context.playbooks_by_tag) == sorted(context.playbooks_by_tag)


def test_status_counts_are_in_workflow_order_with_their_names(context):
    assert status_counts(context.posts) == [("draft", "草稿", 20), ("approved", "已审核", 2), ("cancelled", "已取消", 1)]
    assert status_counts(context.by_day[date(2026, 12, 1)]) == [("approved", "已审核", 1)]
    assert status_counts([]) == []
    # the browser's summary of each day counts the same
    summary = context.day_summary()
    assert list(summary) == [day.isoformat() for day in context.days]
    for day in context.days:
        counts = summary[day.isoformat()]
        assert counts["posts"] == len(context.by_day[day])
        assert {k: v for k, v in counts.items() if k != "posts"} == {s: n for s, _, n in status_counts(context.by_day[day])}


def test_a_post_is_resolved_once_with_names_message_and_links(context):
    (view,) = context.by_day[date(2026, 12, 1)]
    assert (view.id, view.weekday, view.time, view.title, view.status) == (
        "welcome-dec-01",
        "周二",
        "09:30",
        "新人欢迎",
        "approved",
    )
    assert (view.channel_name, view.platform, view.owner_name) == ("品鉴VIP群", "微信群", "小李")
    assert (view.playbook_title, view.playbook_kind, view.campaign_name) == ("新人入群欢迎", "script", "冬季品鉴月")
    assert view.message == "欢迎新朋友!本周品鉴酱香53度,群内体验价199元。"  # the vars filled in
    assert view.urls == {
        "day": "../days/2026-12-01.md",
        "post": "../days/2026-12-01.md#welcome-dec-01",
        "channel": "../channels/vip-group.md",
        "playbook": "../playbooks/welcome-script.md",
        "campaign": "../campaigns/winter-tasting.md",
        "person": "../people/xiaoli.md",
    }
    assert view.reminder == 10  # site.yml's reminder_minutes
    assert view.sources == (
        "content/calendar/2026-12.yml",
        "content/campaigns.yml",
        "content/site.yml",
        "playbooks/welcome-script.md",
    )
    assert len(view.revision) == 10


def test_a_headline_post_shows_its_headline_and_a_single_message_playbook_no_variant(context):
    (view,) = context.by_day[date(2026, 12, 2)]
    assert view.heading == view.headline == "3个冬季喝酱酒的误区,第2个很多人都犯过"
    assert view.title == "冬季误区型标题" and view.playbook_kind == "headline"
    assert view.variant is None  # winter-headline has one message block
    (twice,) = context.by_day[date(2026, 12, 8)]
    assert twice.variant == 2 and twice.message.startswith("周末好!浓香52度")  # welcome-script's second block


def test_an_image_attachment_shows_as_its_thumbnail_when_one_was_made(plan, context):
    view = context.by_day[date(2026, 12, 5)][1]
    assert view.attachments == (
        AttachmentView(PICTURE, "../content/assets/tasting.png", True, "../thumbnails/assets/tasting.png.jpg"),
    )
    without = build_context(plan).by_day[date(2026, 12, 5)][1]
    assert without.attachments == (AttachmentView(PICTURE, "../content/assets/tasting.png", False),)
    assert shows_as_picture(plan, PICTURE)
    assert not shows_as_picture(plan, "assets/menu.pdf")  # not an image
    assert not shows_as_picture(plan, "photos/a.png")  # not under assets/
