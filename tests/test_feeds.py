"""The calendar feeds (feeds.py), read back with vobject: a reader independent of icalendar."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import vobject

from generator.check import check
from generator.compile import compile_site

ROOT = Path(__file__).resolve().parent.parent
PHONE = Path(__file__).parent / "fixtures" / "phone"


def _feeds(root: Path, **options) -> dict[str, bytes]:
    report = check(root)
    return {f.path: f.content for f in compile_site(report.plan, **options).files if f.path.endswith(".ics")}


def _events(feed: bytes) -> list:
    calendar = vobject.readOne(feed.decode("utf-8"))
    return list(calendar.vevent_list) if hasattr(calendar, "vevent_list") else []


@pytest.fixture(scope="module")
def shipped():
    return check(ROOT).plan


@pytest.fixture(scope="module")
def shipped_feeds():
    return _feeds(ROOT, site_url="https://plan.example.com/")


def test_every_post_that_is_not_cancelled_is_one_event_with_an_alarm(shipped, shipped_feeds):
    events = _events(shipped_feeds["calendar.ics"])
    expected = [p for p in shipped.posts if p.status != "cancelled"]
    assert any(p.status == "cancelled" for p in shipped.posts)  # the shipped plan has one to leave out
    assert sorted(e.uid.value.split("@")[0] for e in events) == sorted(p.id for p in expected)
    assert len({e.uid.value for e in events}) == len(events)
    for event in events:
        alarms = event.contents.get("valarm", [])
        assert len(alarms) == 1 and alarms[0].action.value == "DISPLAY"
        assert alarms[0].trigger.value == timedelta(minutes=-10)  # site.yml reminder_minutes


def test_the_first_event_is_at_the_right_moment_in_utc(shipped, shipped_feeds):
    first = min(_events(shipped_feeds["calendar.ics"]), key=lambda e: e.dtstart.value)
    post = shipped.posts[0]
    hour, minute = map(int, post.hhmm.split(":"))
    # Asia/Shanghai is UTC+8 all year: 08:30 there is 00:30 UTC
    expected = datetime(post.date.year, post.date.month, post.date.day, hour, minute, tzinfo=UTC) - timedelta(hours=8)
    assert first.dtstart.value.astimezone(UTC) == expected
    start = f"DTSTART;TZID=Asia/Shanghai:{post.date:%Y%m%d}T{hour:02d}{minute:02d}00".encode()
    assert start in shipped_feeds["calendar.ics"]
    assert b"BEGIN:VTIMEZONE" in shipped_feeds["calendar.ics"] and b"TZID:Asia/Shanghai" in shipped_feeds["calendar.ics"]


def test_uids_stay_the_same_over_two_builds(shipped_feeds):
    later = _feeds(ROOT, site_url="https://plan.example.com/",
                   stamp=datetime(2027, 1, 1, tzinfo=UTC), changed={"content/site.yml": 1_800_000_000})
    uids = lambda feed: [e.uid.value for e in _events(feed)]  # noqa: E731
    assert uids(later["calendar.ics"]) == uids(shipped_feeds["calendar.ics"])


def test_channel_and_person_feeds_hold_exactly_their_posts(shipped, shipped_feeds):
    live = [p for p in shipped.posts if p.status != "cancelled"]
    for channel in shipped.channels:
        events = _events(shipped_feeds[f"channels/{channel}.ics"])
        assert sorted(e.uid.value.split("@")[0] for e in events) == sorted(p.id for p in live if p.channel == channel)
    for person in shipped.people:
        events = _events(shipped_feeds[f"people/{person}.ics"])
        mine = [p for p in live if shipped.owner_of(p) == person]
        assert sorted(e.uid.value.split("@")[0] for e in events) == sorted(p.id for p in mine), person
    assert sum(len(_events(shipped_feeds[f"people/{p}.ics"])) for p in shipped.people) == len(
        [p for p in live if shipped.owner_of(p)])


def test_an_event_carries_the_message_the_card_and_the_feeds_refresh_hourly(shipped, shipped_feeds):
    feed = shipped_feeds["calendar.ics"]
    calendar = vobject.readOne(feed.decode("utf-8"))
    assert calendar.contents["refresh-interval"][0].value == "PT1H"
    assert calendar.contents["x-published-ttl"][0].value == "PT1H"
    post = shipped.posts[0]
    event = next(e for e in _events(feed) if e.uid.value.startswith(post.id + "@"))
    assert shipped.message_of(post) in event.description.value
    link = f"https://plan.example.com/days/{post.date.isoformat()}/#{post.id}"
    assert link in event.description.value and event.url.value == link


def test_a_channel_can_set_its_own_alarm_and_drafts_are_tentative(tmp_path):
    root = tmp_path / "plan"
    shutil.copytree(PHONE, root)
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "platform: wechat-article, owner: laowang}", "platform: wechat-article, owner: laowang, reminder_minutes: 60}"),
        encoding="utf-8")
    events = {e.uid.value.split("@")[0]: e for e in _events(_feeds(root)["calendar.ics"])}
    assert events["article"].valarm.trigger.value == timedelta(minutes=-60)  # the official account's
    assert events["morning"].valarm.trigger.value == timedelta(minutes=-10)
    assert events["moments-draft"].status.value == "TENTATIVE" and events["morning"].status.value == "CONFIRMED"
    assert "noon-cancelled" not in events


def test_sequence_rises_when_the_sources_of_a_post_change():
    before = {e.uid.value: e.sequence.value for e in _events(_feeds(PHONE, changed={"content/calendar/2026-12.yml": 1_790_000_000})["calendar.ics"])}
    after = {e.uid.value: e.sequence.value for e in _events(_feeds(PHONE, changed={"content/calendar/2026-12.yml": 1_790_000_600})["calendar.ics"])}
    assert before.keys() == after.keys()
    assert all(int(after[uid]) == int(before[uid]) + 10 for uid in before)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_contentplan_serve_serves_the_feed_as_text_calendar(tmp_path):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(PHONE),
                               "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/calendar.ics", timeout=5) as response:
                    assert response.headers.get_content_type() == "text/calendar"
                    assert len(_events(response.read())) == 6  # the phone plan's posts, less the cancelled one
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/people/xiaoli.ics", timeout=5) as response:
            assert response.headers.get_content_type() == "text/calendar"
    finally:
        server.terminate()
        server.wait(timeout=30)
