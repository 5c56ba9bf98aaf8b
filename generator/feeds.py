"""Calendar feeds (iCalendar, RFC 5545) of the plan's posts, made with the `icalendar` library.

One event per post that is not cancelled, at its time in the plan's zone (with the zone's
VTIMEZONE), with a DISPLAY alarm `reminder` minutes before. The UID is `<post id>@<plan id>`,
so a phone that subscribed keeps each event across builds; SEQUENCE is the minute the post's
sources last changed (history.py), so an edited post replaces the old one; DTSTAMP is the
build's fixed time. Nothing here reads the clock, so a plan always gives the same bytes.

An event links to its post's card only when the site's URL is known (`site_url` in mkdocs.yml,
or `contentplan build --site-url`): then URL is the card's full address, and DESCRIPTION ends
with it. Without a site URL there is no address a calendar app could open, so the event has
no URL and its description names none (a path such as `days/2026-12-01/#post` would pose as a
link and open nothing).

The library makes each calendar's own lines and the zone's VTIMEZONE; the events are written
here (`_Events`), byte for byte as the library writes them (tests/test_feeds.py holds the two
together), and each post's event once for all the feeds it is in: a year's plan has about
85,000 events in its feeds, and the library takes about half a millisecond for each.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vText

from .context import PostView
from .vocabulary import DRAFT_BAND

EVENT_LENGTH = timedelta(minutes=15)  # a post is a moment; a short event shows as one in any app
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class FeedSettings:
    """What every feed of one build shares."""

    plan_id: str
    timezone: str
    stamp: datetime  # the build's fixed time, UTC
    sequences: dict[str, int]  # post id → SEQUENCE
    links: dict[str, str]  # post id → the URL of its card; only an absolute http(s) one is written
    # what the feeds of one build share as they are written: each post's event, written once
    written: dict = field(default_factory=dict, compare=False, repr=False)
    # a preview's: remember(post, make) gives the event (but DTSTAMP) the last build wrote from the
    # same post and settings (compile.py, kept.py), else make()
    remember: Callable[[PostView, Callable[[], tuple[bytes, bytes]]], tuple[bytes, bytes]] | None = field(
        default=None, compare=False, repr=False
    )


def plan_id(title: str, member: str | None = None) -> str:
    """The part after @ in every UID: stable while the plan's title is (any text, so a hash).
    A network's member (network.py) adds its id: members share the library's post ids, and a
    calendar app that subscribes to two members must not take one's events for the other's."""
    key = title if member is None else f"{member}\0{title}"
    return "contentplan-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_END = b"END:VCALENDAR\r\n"


def calendar_feed(name: str, posts: list[PostView], settings: FeedSettings) -> bytes:
    """The feed named `name` holding `posts` (cancelled ones are left out)."""
    cal = Calendar()
    cal.add("prodid", "-//contentplan//content plan//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed_text(name))
    cal.add("x-wr-timezone", settings.timezone)
    # How often a subscribed app should fetch again (RFC 7986 and the older Microsoft name).
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    head = cal.to_ical()  # with no component yet: BEGIN, the calendar's lines, END
    writer = settings.written.get(_Events) or settings.written.setdefault(_Events, _Events(settings))
    events = [writer.event(post) for post in posts if post.status != "cancelled"]
    if not events:
        return head
    # as the library writes it: the calendar's lines, the zone (add_missing_timezones), the events
    return b"".join([head[: -len(_END)], writer.zone.vtimezone, *events, _END])


@dataclass(frozen=True)
class _Zone:
    """How the library writes a time of the zone, and the VTIMEZONE it adds for it."""

    params: str  # after DTSTART: ";TZID=Asia/Shanghai" (none for UTC)
    utc: str  # after the time: "Z" for UTC, else nothing
    vtimezone: bytes  # the zone's VTIMEZONE (none for UTC)


@lru_cache(maxsize=16)
def _zone(timezone: str) -> _Zone:
    sample = Event()
    sample.add("dtstart", datetime(2000, 1, 1, tzinfo=ZoneInfo(timezone)))
    head, _, value = str(sample.content_line("DTSTART", sample["DTSTART"])).rpartition(":")
    cal = Calendar()
    cal.add_component(sample)
    cal.add_missing_timezones()
    vtimezone = b"".join(c.to_ical() for c in cal.subcomponents if c.name == "VTIMEZONE")
    return _Zone(head.removeprefix("DTSTART"), "Z" if value.endswith("Z") else "", vtimezone)


class _Events:
    """The events of one build's feeds, each written once, as the library writes an event made
    thus (tests/test_feeds.py `library_event`, which was this module's code):

        event = Event()
        event.add("uid", f"{post.id}@{plan_id}"); event.add("dtstamp", stamp); event.add("sequence", n)
        event.add("dtstart", start); event.add("dtend", start + EVENT_LENGTH)
        event.add("summary", feed_text(summary)); event.add("description", feed_text(description))
        event.add("url", link)  # when there is one
        event.add("status", …); event.add("transp", "TRANSPARENT")
        alarm = Alarm(); alarm.add("action", "DISPLAY"); alarm.add("trigger", -reminder)
        alarm.add("description", feed_text(f"{post.time} {summary}")); event.add_component(alarm)

    The library writes the properties in its canonical order (SUMMARY, DTSTART, DTEND, DTSTAMP,
    UID, SEQUENCE, then by name), each TEXT value escaped (`_text`), each line folded
    (`_fold`). What is the same for many events it makes itself: the zone's TZID parameter,
    DTSTAMP, and each alarm's TRIGGER."""

    def __init__(self, settings: FeedSettings) -> None:
        self.settings = settings
        self.zone = _zone(settings.timezone)
        stamp = Event()
        stamp.add("dtstamp", settings.stamp.astimezone(UTC))
        self.stamp = _fold(str(stamp.content_line("DTSTAMP", stamp["DTSTAMP"])))
        self.uid_tail = "@" + settings.plan_id
        self.written: dict[int, tuple[PostView, bytes]] = {}  # id(post) → (post, its event); the post kept alive
        self.triggers: dict[int, bytes] = {}

    def event(self, post: PostView) -> bytes:
        found = self.written.get(id(post))
        if found is None:
            remember = self.settings.remember
            head, tail = self._write(post) if remember is None else remember(post, lambda: self._write(post))
            found = self.written[id(post)] = (post, head + self.stamp + tail)
        return found[1]

    def _trigger(self, minutes: int) -> bytes:
        found = self.triggers.get(minutes)
        if found is None:
            alarm = Alarm()
            alarm.add("trigger", timedelta(minutes=-minutes))
            found = self.triggers[minutes] = _fold(str(alarm.content_line("TRIGGER", alarm["TRIGGER"])))
        return found

    def _write(self, post: PostView) -> tuple[bytes, bytes]:
        """The event's lines before DTSTAMP and after it (DTSTAMP is the build's, the rest the post's)."""
        settings, zone = self.settings, self.zone
        hour, minute = (int(part) for part in post.time.split(":"))
        start = datetime(post.day.year, post.day.month, post.day.day, hour, minute)  # wall time in the zone
        summary = f"{post.channel_name} · {post.heading}"
        link = web_link(settings.links.get(post.id, ""))
        description = "\n\n".join(filter(None, [_draft_note(post), post.message, link]))
        lines = [
            b"BEGIN:VEVENT",
            _fold("SUMMARY:" + _text(summary)),
            _fold(f"DTSTART{zone.params}:{_when(start)}{zone.utc}"),
            _fold(f"DTEND{zone.params}:{_when(start + EVENT_LENGTH)}{zone.utc}"),
            b"",  # DTSTAMP
            _fold("UID:" + _escape(f"{post.id}{self.uid_tail}").removeprefix(_BOM)),
            b"SEQUENCE:%d" % settings.sequences.get(post.id, 0),
            _fold("DESCRIPTION:" + _text(description)),
            b"STATUS:TENTATIVE" if post.status == "draft" else b"STATUS:CONFIRMED",
            b"TRANSP:TRANSPARENT",  # a post does not make the operator busy
        ]
        if link:
            lines.append(_fold("URL:" + link))  # percent-encoded: nothing to escape
        lines += [
            b"BEGIN:VALARM",
            b"ACTION:DISPLAY",
            _fold("DESCRIPTION:" + _text(f"{post.time} {summary}")),
            self._trigger(post.reminder),
            b"END:VALARM",
            b"END:VEVENT",
            b"",
        ]
        return b"\r\n".join(lines[:5]), b"\r\n" + b"\r\n".join(lines[5:])


def _when(moment: datetime) -> str:
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _text(value: str) -> str:
    """Plan text as feed_text makes it, written as the library writes a TEXT value."""
    return _escape(_clean(value)).removeprefix(_BOM)


_BOM = "\ufeff"  # the library decodes each value it wrote as UTF-8 with a BOM, which drops one at the start


def _escape(text: str) -> str:
    # the library's TEXT escaping (icalendar.parser.string._escape_char), in its order
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


FOLD = 74  # octets on a line, as the library folds (RFC 5545: under 75)


def _fold(line: str) -> bytes:
    """A content line folded as the library folds it (icalendar.parser.string._foldline): at
    most 74 octets a line, never inside a character, and a backslash or caret that would end a
    line goes to the next one instead (so an escape is never split)."""
    data = line.encode("utf-8")
    if len(data) <= FOLD:
        return data
    parts, start = [], 0
    while len(data) - start > FOLD:
        end = start + FOLD
        while data[end] & 0xC0 == 0x80:  # inside a character: back to its first byte
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


# Line breaks of every kind become one LF, which vText writes as the escape `\n`; the control
# characters RFC 5545 TEXT does not allow (all but HTAB) are dropped. A CR left alone would end
# the content line, and the next "line" would be read as a property of the attacker's choice.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def feed_text(value: str) -> vText:
    """Plan text as an iCalendar TEXT value, escaped by the library (`\\ ; , \n`), whatever the
    property: without vText an X- property such as X-WR-CALNAME is written raw."""
    return vText(_clean(value))


def _clean(value: str) -> str:
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


# What a URL may hold as it is (RFC 3986 reserved and unreserved characters, and `%`); anything
# else (a space, a quote, a control character, a non-ASCII letter) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def web_link(link: str) -> str:
    """`link` as an address a calendar app can open, or "" when it is not an absolute http(s)
    URL. The site's URL comes from configuration (mkdocs.yml), not from us: everything outside
    RFC 3986 is percent-encoded, so no CR, LF or space can reach the content line of URL."""
    if not link.lower().startswith(("https://", "http://")):
        return ""
    encoded = quote(link, safe=_URL_SAFE)
    return encoded if urlsplit(encoded).hostname else ""


def _draft_note(post: PostView) -> str:
    return DRAFT_BAND if post.status == "draft" else ""
