"""model.py: the one class of characters a name may not hold, checked against Unicode itself; how
each field reads its text (a time, a date, an attachment's path under content/)."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from generator import model
from generator.check import check
from tests.support import problems_in


def _unfit(code: int) -> bool:
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:  # bidi embeddings, overrides, isolates
        return True
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return True
    return unicodedata.category(chr(code)) in ("Cc", "Cs", "Zl", "Zp")


def test_the_class_of_characters_unfit_for_a_name_is_exactly_what_unicode_says():
    wrong = [
        f"U+{code:04X}" for code in range(sys.maxunicode + 1) if bool(model._UNFIT_FOR_A_NAME.match(chr(code))) != _unfit(code)
    ]
    assert wrong == []


def test_a_name_with_a_control_character_names_it():
    try:
        model._label("门店\u2028群")
    except ValueError as error:
        assert "U+2028" in str(error)
    else:
        raise AssertionError("a line separator in a name passed")


def test_the_reminder_default_is_written_once_and_its_copies_agree():
    # the model's default is the source; the plan `init` writes and the reference guide show it
    import re
    from pathlib import Path

    root = Path(model.__file__).parent
    assert model.Site.model_fields["reminder_minutes"].default == model.REMINDER_MINUTES
    for copy in (root / "init_files" / "site.yml.j2", root / "default_site" / "docs" / "guide" / "reference.md"):
        written = re.findall(r"^reminder_minutes: (\d+)", copy.read_text(encoding="utf-8"), re.MULTILINE)
        assert written == [str(model.REMINDER_MINUTES)], copy.name
    sources = "".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    assert not re.search(r"reminder_minutes(?: if [^\n]*)? else 10\b|reminder_minutes=10\b", sources)


# --- fields read from their text ---------------------------------------------------------------------


def test_bad_time_is_bad_value(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - {date: 2026-12-03, time: 24:00, channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
                '  - {date: 2026-12-32, time: "10:00", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n'
            )
        }
    )
    found = problems_in(root)
    assert [(p[1], p[4]) for p in found] == [(2, "bad-value"), (3, "bad-value")]


# --- attachments -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../../x", "../site.yml", "/etc/passwd", "assets/../../playbooks/first-snow.md"])
def test_attachment_outside_content_is_bad_value(path, make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-06\n"
                '    time: "12:00"\n'
                "    channel: moments\n"
                "    playbook: first-snow\n"
                "    topic: {name: 初雪, expires: 2026-12-07}\n"
                f'    attach: ["{path}"]\n'
            )
        }
    )
    found = check(root).problems
    assert [(p.path, p.line, p.col, p.code, p.severity) for p in found] == [
        ("content/calendar/extra.yml", 7, 14, "bad-value", "error")
    ]
    assert "must be a path under content/" in found[0].message


def test_attachment_as_a_single_string(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                '  - {date: 2026-12-06, time: "12:00", channel: moments, playbook: first-snow,'
                " topic: {name: 初雪}, attach: assets/tasting.png}\n"
            )
        }
    )
    assert problems_in(root) == []
