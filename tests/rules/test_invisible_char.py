"""invisible-char: characters that show as nothing in copy that goes out; emoji keep theirs."""

from __future__ import annotations

import pytest

from tests.support import CAL, found, say


@pytest.mark.parametrize(
    "text, code",
    [
        ("全场\\u200b特价", "invisible-char"),  # zero-width space
        ("欢迎\\u00ad光临", "invisible-char"),  # soft hyphen
        ("早上好\\ufeff", "invisible-char"),  # byte-order mark
        ("\\u202e价格 99 元", "invisible-char"),  # right-to-left override
        ("欢\\u2060迎", "invisible-char"),  # word joiner
        ("欢\\u034f迎", "invisible-char"),  # combining grapheme joiner
        ("一家人 👨\\u200d👩\\u200d👧 来品鉴", None),  # a joiner inside an emoji sequence
        ("爱你 ❤\\ufe0f", None),  # an emoji's variation selector
        ("全场特价", None),
    ],
)
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text)))
    assert got == ([(CAL, 7, "warning", code)] if code else [])


def test_the_finding_names_the_character_and_stands_at_the_value(problems_of):
    problems = problems_of("posts:\n" + say("全场\\u200b特价"))
    [message] = [p[5] for p in problems if p[4] == "invisible-char"]
    assert "U+200B ZERO WIDTH SPACE" in message and "全场【U+200B】特价" in message


def test_an_invisible_character_in_a_playbook_is_reported_at_its_line(problems_of):
    playbook = "---\nkind: script\ntitle: 话术\nvars:\n  text: 正文\n---\n```message\n欢迎\u200b光临，{{text}}\n```\n"
    got = found(problems_of("posts:\n" + say("早上好"), playbook=playbook))
    assert got == [("playbooks/say.md", 8, "warning", "invisible-char")]
