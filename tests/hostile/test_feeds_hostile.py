"""Feeds carry only what they mean (issue 15, point 4).

A CR or LF in the plan's title, a channel's or a person's name used to reach X-WR-CALNAME raw:
the feed then held a line of the attacker's choosing (a forged VEVENT reusing another post's
UID with STATUS:CANCELLED), or the build stopped on icalendar's AssertionError after check had
passed. check refuses such names now; these tests go behind its back, so that the feeds stand
on their own escaping whatever a name holds, and read the result with two independent readers.
"""

from __future__ import annotations

import icalendar
import pytest
import vobject

from generator.check import check
from generator.compile import compile_site
from generator.feeds import feed_text
from tests.support import VALID

FORGERY = (
    "\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSTATUS:CANCELLED\r\nSUMMARY:forged\r\nEND:VEVENT\r\n"
    "X-CP:\nRRULE:FREQ=SECONDLY\n;,\\ \x00\x07\x1b[31m\x7f\x85\u2028\u2029 tail"
)


@pytest.fixture(scope="module")
def feeds():
    report = check(VALID)
    plan = report.plan
    victim = next(p for p in plan.posts if p.status == "approved")
    forged = FORGERY.format(uid=f"{victim.id}@x")
    object.__setattr__(plan.site, "title", "计划" + forged)
    for channel in plan.channels.values():
        object.__setattr__(channel, "name", channel.name + forged)
    for person in plan.people.values():
        object.__setattr__(person, "name", person.name + forged)
    for post in plan.posts:
        object.__setattr__(post, "title", "帖子" + forged)
    content = compile_site(plan)  # must not raise (it used to: AssertionError in icalendar)
    expected = {p.id for p in plan.posts if p.status != "cancelled"}
    return {f.path: f.content for f in content.files if f.path.endswith(".ics")}, expected, plan


def test_every_feed_has_exactly_the_plans_events(feeds):
    files, expected, plan = feeds
    assert len(files) == 1 + len(plan.channels) + len(plan.people)
    whole = files["calendar.ics"]
    for reader in ("vobject", "icalendar"):
        if reader == "vobject":
            events = list(vobject.readOne(whole.decode("utf-8")).vevent_list)
            uids = [e.uid.value for e in events]
            statuses = {e.status.value for e in events}
        else:
            events = icalendar.Calendar.from_ical(whole).walk("VEVENT")
            uids = [str(e["UID"]) for e in events]
            statuses = {str(e["STATUS"]) for e in events}
        assert sorted(u.split("@")[0] for u in uids) == sorted(expected), reader
        assert len(set(uids)) == len(uids) and "CANCELLED" not in statuses, reader


def test_no_name_starts_a_line_of_its_own(feeds):
    files, _, _ = feeds
    for path, data in files.items():
        lines = data.decode("utf-8").split("\r\n")
        names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines if line and not line.startswith(" ")]
        assert "RRULE" not in names and "X-CP" not in names, path
        assert names.count("BEGIN") == names.count("END"), path
        assert not any(ch in data.decode("utf-8") for ch in "\x00\x07\x1b\x7f"), path


def test_names_read_back_as_one_line_of_text(feeds):
    files, _, plan = feeds
    calendar = vobject.readOne(files["calendar.ics"].decode("utf-8"))
    name = calendar.contents["x-wr-calname"][0].value
    assert name.startswith("计划") and "\r" not in name and name.endswith(" tail")
    assert "BEGIN:VEVENT" in name  # shown as the text it is


def test_feed_text_keeps_ordinary_text_and_line_breaks():
    assert feed_text("早安，各位\n今天 9:00 开门; 欢迎").to_ical() == "早安，各位\\n今天 9:00 开门\\; 欢迎".encode()
    assert feed_text("a\r\nb\rc").to_ical() == b"a\\nb\\nc"
