"""The calendar feeds (feeds.py), read back with vobject and with Mozilla's ical.js (tools/icaljs):
readers independent of icalendar."""

from __future__ import annotations

import json
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Alarm, Calendar, Event

from generator.check import check
from generator.cli import main
from generator.compile import compile_site
from generator.context import build_context
from generator.feeds import EVENT_LENGTH, REFRESH, FeedSettings, calendar_feed, feed_text, plan_id, web_link
from generator.vocabulary import DRAFT_BAND

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
    later = _feeds(
        ROOT,
        site_url="https://plan.example.com/",
        stamp=datetime(2027, 1, 1, tzinfo=UTC),
        changed={"content/site.yml": 1_800_000_000},
    )
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
        [p for p in live if shipped.owner_of(p)]
    )


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
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "platform: wechat-article, owner: laowang}", "platform: wechat-article, owner: laowang, reminder_minutes: 60}"
        ),
        encoding="utf-8",
    )
    events = {e.uid.value.split("@")[0]: e for e in _events(_feeds(root)["calendar.ics"])}
    assert events["article"].valarm.trigger.value == timedelta(minutes=-60)  # the official account's
    assert events["morning"].valarm.trigger.value == timedelta(minutes=-10)
    assert events["moments-draft"].status.value == "TENTATIVE" and events["morning"].status.value == "CONFIRMED"
    assert "noon-cancelled" not in events


def test_sequence_rises_when_the_sources_of_a_post_change():
    before = {
        e.uid.value: e.sequence.value
        for e in _events(_feeds(PHONE, changed={"content/calendar/2026-12.yml": 1_790_000_000})["calendar.ics"])
    }
    after = {
        e.uid.value: e.sequence.value
        for e in _events(_feeds(PHONE, changed={"content/calendar/2026-12.yml": 1_790_000_600})["calendar.ics"])
    }
    assert before.keys() == after.keys()
    assert all(int(after[uid]) == int(before[uid]) + 10 for uid in before)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_contentplan_serve_serves_the_feed_as_text_calendar(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(PHONE), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


# --- links: a calendar app can open them, or there are none -------------------------------------

PUBLISHED = "https://chiling.github.io/plan/"  # what actions/configure-pages says for a project site
ICALJS = ROOT / "tools" / "icaljs"


def _all_events(feeds: dict[str, bytes]) -> list:
    return [event for feed in feeds.values() for event in _events(feed)]


def test_without_a_site_url_no_event_carries_a_path_posing_as_a_link():
    feeds = _feeds(PHONE)
    for path, feed in feeds.items():
        assert b"\nURL" not in feed.replace(b"\r\n", b"\n"), path
        assert b"days/" not in feed and b"#morning" not in feed, path  # no path from the site's root
    events = _all_events(feeds)
    assert events and all("url" not in e.contents for e in events)
    morning = next(e for e in events if e.uid.value.startswith("morning@"))
    assert morning.description.value.startswith("各位早上好") and not morning.description.value.endswith("\n")


def test_with_a_site_url_every_event_of_every_feed_links_its_card():
    plan = check(PHONE).plan
    day = {p.id: p.date.isoformat() for p in plan.posts}
    for directory_urls, card in ((True, "days/{day}/#{id}"), (False, "days/{day}.html#{id}")):
        feeds = _feeds(PHONE, site_url=PUBLISHED, directory_urls=directory_urls)
        assert set(feeds) == {
            "calendar.ics",
            "channels/vip-group.ics",
            "channels/moments.ics",
            "channels/official.ics",
            "people/xiaoli.ics",
            "people/laowang.ics",
        }
        for event in _all_events(feeds):
            post = event.uid.value.split("@")[0]
            link = PUBLISHED + card.format(day=day[post], id=post)
            assert event.url.value == link
            assert event.description.value.endswith("\n\n" + link)


def test_a_hostile_site_url_is_percent_encoded_and_adds_no_property():
    # mkdocs.yml is the team's configuration, but nothing in it may write a content line of its own
    hostile = 'https://plan.example.com/a b"<x>\r\nATTACH:https://evil.example/x\r\n计划'
    feeds = _feeds(PHONE, site_url=hostile)
    for event in _all_events(feeds):
        assert "attach" not in event.contents
        assert event.url.value.startswith("https://plan.example.com/a%20b%22%3Cx%3E%0D%0AATTACH:https://evil.example/x")
        assert "%E8%AE%A1%E5%88%92/days/" in event.url.value and event.description.value.endswith(event.url.value)
    assert b"\r\nATTACH" not in feeds["calendar.ics"]
    for not_web in ("javascript:alert(1)", "ftp://plan.example.com/", "//plan.example.com/", "plan.example.com"):
        events = _all_events(_feeds(PHONE, site_url=not_web))
        assert all("url" not in e.contents for e in events), not_web
        assert not any(not_web.rstrip("/") in e.description.value for e in events), not_web


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The phone plan built by `contentplan build`: with --site-url, with site_url in the plan's
    own mkdocs.yml, and with neither."""
    tmp = tmp_path_factory.mktemp("feeds")
    own = tmp / "own"
    shutil.copytree(PHONE, own)
    (own / "docs").mkdir()
    (own / "mkdocs.yml").write_text(
        "site_name: 手机清单\nsite_url: https://team.example.cn/plan/\ntheme: {name: material}\nplugins: [contentplan]\n",
        encoding="utf-8",
    )
    sites = {}
    for name, root, extra in (
        ("option", PHONE, ["--site-url", PUBLISHED]),
        ("none", PHONE, []),
        ("config", own, []),
        ("both", own, ["--site-url", PUBLISHED]),
        ("empty", PHONE, ["--site-url", ""]),
    ):
        sites[name] = tmp / f"site-{name}"
        assert main(["build", "--root", str(root), "--site-dir", str(sites[name]), *extra]) == 0, name
    return sites


def _built_feeds(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.ics"))}


@pytest.mark.parametrize(
    ("name", "base"),
    [("option", PUBLISHED), ("config", "https://team.example.cn/plan/"), ("both", PUBLISHED), ("none", None), ("empty", None)],
)
def test_contentplan_build_links_events_to_the_published_site(built, name, base):
    feeds = _built_feeds(built[name])
    assert len(feeds) == 6
    for event in _all_events(feeds):
        post = event.uid.value.split("@")[0]
        if base is None:
            assert "url" not in event.contents and "days/" not in event.description.value
        else:
            assert event.url.value.startswith(base + "days/") and event.url.value.endswith("/#" + post)
            assert event.description.value.endswith(event.url.value)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://user@plan.example.com/",
        "https://plan.example.com/?a=1",
        "https://plan.example.com/a b",
        "https://例子.cn/",
        "plan.example.com",
        "https://plan.example.com/\nATTACH:x",
    ],
)
def test_contentplan_build_refuses_a_site_url_that_is_not_a_plain_web_address(tmp_path, capsys, url):
    assert main(["build", "--root", str(PHONE), "--site-dir", str(tmp_path / "site"), "--site-url", url]) == 2
    assert "is not a web address" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def _icaljs(files: list[Path]) -> dict:
    node = shutil.which("node")
    if not node or not (ICALJS / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js not installed (needs node and npm: `npm ci` in tools/icaljs)")
    done = subprocess.run(
        [node, str(ICALJS / "run.cjs"), *map(str, files)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ["option", "none"])
def test_ical_js_reads_every_feed_and_finds_each_link_or_none(built, name):
    site = built[name]
    plan = check(PHONE).plan
    posts = {p.id: p for p in plan.posts if p.status != "cancelled"}
    feeds = _icaljs(sorted(site.rglob("*.ics")))
    assert len(feeds) == 6
    seen = set()
    for file, feed in feeds.items():
        assert feed["timezones"] == ["Asia/Shanghai"], file
        for event in feed["events"]:
            post = posts[event["uid"].split("@")[0]]
            seen.add(post.id)
            hour, minute = map(int, post.hhmm.split(":"))
            start = datetime(post.date.year, post.date.month, post.date.day, hour, minute, tzinfo=UTC) - timedelta(hours=8)
            assert event["start"] == start.strftime("%Y-%m-%dT%H:%M:00.000Z") and event["zone"] == "Asia/Shanghai"
            assert event["alarms"] == ["-PT10M"]
            if name == "option":
                link = f"{PUBLISHED}days/{post.date.isoformat()}/#{post.id}"
                assert event["url"] == [link] and event["description"].endswith("\n\n" + link)
            else:
                assert event["url"] == [] and "days/" not in event["description"]
                assert "url" not in event["properties"]
    assert seen == set(posts)


def test_ical_js_reads_hostile_text_back_as_written(tmp_path):
    """What the plan writes comes back from ical.js exactly: iCalendar's special characters are escaped."""
    root = tmp_path / "plan"
    shutil.copytree(PHONE, root)
    site = root / "content" / "site.yml"
    name = 'a;b,c\\d "e" \\nf: 品鉴'  # YAML single quotes: the backslashes are the name's own
    site.write_text(site.read_text(encoding="utf-8").replace("name: 老板朋友圈", f"name: '{name}'"), encoding="utf-8")
    assert check(root).plan.channels["moments"].name == name
    feed = tmp_path / "moments.ics"
    feed.write_bytes(_feeds(root, site_url=PUBLISHED)["channels/moments.ics"])
    (read,) = _icaljs([feed]).values()
    # X-WR-CALNAME is an X- property: ical.js hands it over as written, escapes and all (calendar
    # apps read it as TEXT); the escapes are RFC 5545's, so one property it stays
    escaped = name.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    assert read["name"] == f"{escaped} · 手机清单测试"
    assert read["events"] and all(e["summary"].startswith(f"{name} · ") for e in read["events"])
    assert all(e["url"][0].startswith(PUBLISHED + "days/") for e in read["events"])


# --- the events are written as the icalendar library writes them --------------------------------


def library_feed(name: str, posts: list, settings: FeedSettings) -> bytes:
    """A feed made wholly by the icalendar library: how feeds.py made every feed before it wrote
    the events itself (feeds.py `_Events`), kept here as the reference it must match."""
    cal = Calendar()
    cal.add("prodid", "-//contentplan//content plan//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed_text(name))
    cal.add("x-wr-timezone", settings.timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    zone = ZoneInfo(settings.timezone)
    for post in posts:
        if post.status != "cancelled":
            cal.add_component(library_event(post, zone, settings))
    cal.add_missing_timezones()
    return cal.to_ical()


def library_event(post, zone: ZoneInfo, settings: FeedSettings) -> Event:
    hour, minute = (int(part) for part in post.time.split(":"))
    start = datetime.combine(post.day, dtime(hour, minute), tzinfo=zone)
    summary = f"{post.channel_name} · {post.heading}"
    link = web_link(settings.links.get(post.id, ""))
    event = Event()
    event.add("uid", f"{post.id}@{settings.plan_id}")
    event.add("dtstamp", settings.stamp.astimezone(UTC))
    event.add("sequence", settings.sequences.get(post.id, 0))
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("summary", feed_text(summary))
    draft = DRAFT_BAND if post.status == "draft" else ""
    event.add("description", feed_text("\n\n".join(filter(None, [draft, post.message, link]))))
    if link:
        event.add("url", link)
    event.add("status", "TENTATIVE" if post.status == "draft" else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-post.reminder))
    alarm.add("description", feed_text(f"{post.time} {summary}"))
    event.add_component(alarm)
    return event


# Pieces that test escaping and folding: iCalendar's special characters, every kind of line
# break and control character, a backslash or caret where a line folds, characters of 1-4 bytes.
PIECES = ["a", "b ", ",", ";", "\\", "\\N", "\\n", "^", ":", '"', "\n", "\r", "\r\n", "\x00", "\x1f", "\x7f", "\x85"]
PIECES += ["\u2028", "\t", "é", "中", "品鉴", "😀", "\ufeff", " · ", "https://x.example/a?b=c;d,e"]


def _hostile_texts(count: int) -> list[str]:
    rng = random.Random(20270101)
    texts = ["", "a" * 60, "中" * 40]
    for lead in range(55, 80):  # a backslash, caret or wide character at each place a line can fold
        texts += ["a" * lead + mark + "b" * 90 for mark in ("\\", "^", ",", "中", "😀", "\\\\")]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 160))) for _ in range(count)]
    return texts


@pytest.mark.parametrize(
    "zone", ["Asia/Shanghai", "UTC", "Etc/UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Chatham"]
)
def test_the_events_are_the_bytes_the_icalendar_library_writes(zone):
    base = build_context(check(PHONE).plan).posts[0]
    texts = _hostile_texts(150)
    times = ["00:00", "02:30", "09:05", "23:50"]  # 02:30 is not a time in New York on 2027-03-14
    days = [date(2027, 3, 14), date(2027, 10, 31), date(2028, 2, 29), date(2027, 1, 1)]
    statuses = ["draft", "approved", "published", "cancelled"]
    posts = [
        replace(
            base,
            id=f"p{i}",
            day=days[i % len(days)],
            time=times[i % len(times)],
            status=statuses[i % len(statuses)],
            channel_name=texts[i],
            title=texts[-i - 1] or "t",
            headline=texts[(i * 7) % len(texts)] or None,
            message=texts[(i * 13) % len(texts)],
            reminder=(0, 1, 10, 59, 60, 90, 1440, 2885)[i % 8],
        )
        for i in range(len(texts))
    ]
    links = {p.id: "https://plan.example.com/days/x/#" + p.id for p in posts[::3]}
    links.update({p.id: "https://例.example/a b" + "x" * (i % 90) for i, p in enumerate(posts[1::3])})
    made = lambda: FeedSettings(  # noqa: E731
        plan_id=plan_id(texts[5]),
        timezone=zone,
        stamp=datetime(2027, 1, 31, 4, 0, 7, tzinfo=UTC),
        sequences={p.id: i * 7919 for i, p in enumerate(posts)},
        links=links,
    )
    ours, library = made(), made()
    names = ["", texts[70], "计划 · a;b,c\\d"]
    for name, chosen in zip(names, (posts, posts[::2], [p for p in posts if p.status == "cancelled"])):
        assert calendar_feed(name, chosen, ours) == library_feed(name, chosen, library), (zone, name)
