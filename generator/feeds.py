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
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
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


def plan_id(title: str) -> str:
    """The part after @ in every UID: stable while the plan's title is (any text, so a hash)."""
    return "contentplan-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]


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
    zone = ZoneInfo(settings.timezone)
    for post in posts:
        if post.status != "cancelled":
            cal.add_component(_event(post, zone, settings))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(post: PostView, zone: ZoneInfo, settings: FeedSettings) -> Event:
    hour, minute = (int(part) for part in post.time.split(":"))
    start = datetime.combine(post.day, time(hour, minute), tzinfo=zone)
    summary = f"{post.channel_name} · {post.heading}"
    link = web_link(settings.links.get(post.id, ""))
    event = Event()
    event.add("uid", f"{post.id}@{settings.plan_id}")
    event.add("dtstamp", settings.stamp.astimezone(UTC))
    event.add("sequence", settings.sequences.get(post.id, 0))
    event.add("dtstart", start)
    event.add("dtend", start + EVENT_LENGTH)
    event.add("summary", feed_text(summary))
    event.add("description", feed_text("\n\n".join(filter(None, [_draft_note(post), post.message, link]))))
    if link:
        event.add("url", link)
    event.add("status", "TENTATIVE" if post.status == "draft" else "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a post does not make the operator busy
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-post.reminder))
    alarm.add("description", feed_text(f"{post.time} {summary}"))
    event.add_component(alarm)
    return event


# Line breaks of every kind become one LF, which vText writes as the escape `\n`; the control
# characters RFC 5545 TEXT does not allow (all but HTAB) are dropped. A CR left alone would end
# the content line, and the next "line" would be read as a property of the attacker's choice.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def feed_text(value: str) -> vText:
    """Plan text as an iCalendar TEXT value, escaped by the library (`\\ ; , \n`), whatever the
    property: without vText an X- property such as X-WR-CALNAME is written raw."""
    return vText(_CONTROLS.sub("", _LINE_BREAKS.sub("\n", value)))


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
