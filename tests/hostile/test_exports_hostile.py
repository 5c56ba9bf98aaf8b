"""Feeds and day exports of a plan with a payload in every field: each parses, and no plan text
adds an event, a property, a list item or a key."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import vobject

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schema" / "day.schema.json").read_text(encoding="utf-8"))


def test_every_feed_parses_and_holds_one_event_per_post(hostile_site):
    feeds = sorted(hostile_site.rglob("*.ics"))
    assert feeds
    days = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in hostile_site.glob("days/*.json")}
    live = {post["id"] for day in days.values() for post in day["posts"] if post["status"] != "cancelled"}
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        calendar = vobject.readOne(text)  # raises on anything malformed
        events = list(getattr(calendar, "vevent_list", []))
        assert text.count("BEGIN:VEVENT") == len(events), feed
        assert {e.uid.value.split("@")[0] for e in events} <= live, feed
        for event in events:
            assert len(event.contents["valarm"]) == 1 and len(event.contents["summary"]) == 1
    everything = vobject.readOne((hostile_site / "calendar.ics").read_text(encoding="utf-8"))
    assert {e.uid.value.split("@")[0] for e in everything.vevent_list} == live


def test_every_day_export_validates_and_lists_each_post_once(hostile_site):
    for path in sorted(hostile_site.glob("days/*.json")):
        day = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(day, SCHEMA)
        markdown = (path.with_suffix(".md")).read_text(encoding="utf-8")
        items = [line for line in markdown.splitlines() if line.startswith("- [")]
        assert len(items) == len(day["posts"]), path.name  # a title cannot open a new item
        for line in markdown.splitlines()[1:]:
            assert line == "" or line.startswith(("- [", "    ")), (path.name, line)  # nothing breaks out
