"""escape.py: plan text into Markdown and into the theme, the filters every template prints plan
text with. (Every field of a hostile plan, through the whole build: tests/hostile/test_markup.py.)"""

from __future__ import annotations

import yaml

from generator.escape import Markdown, fenced, finalize, front_matter_json, href, md_block, md_code, md_text, theme_text


def test_text_is_one_line_with_html_escaped_and_markdown_punctuation_backslashed():
    assert md_text("a <b> *c*\n d") == "a &lt;b&gt; \\*c\\* d"
    assert isinstance(md_text("x"), Markdown)


def test_code_and_fences_are_longer_than_any_backticks_inside():
    assert md_code("a `b` c | d") == "`` a `b` c | d ``"
    assert fenced("x ``` y") == "````text\nx ``` y\n````"


def test_markdown_keeps_code_escapes_html_closes_an_open_fence_and_hides_braces():
    assert md_block("<b>x</b> `<i>`\n```\n<i>\n") == "&lt;b&gt;x&lt;/b&gt; `<i>`\n```\n<i>\n```"
    assert md_block("a\n\nb", indent=4) == "    a\n\n    b"  # blank lines left blank
    assert "{" not in md_block("{: onclick=x }") and "}" not in md_block("{: onclick=x }")


def test_a_url_is_percent_encoded_where_it_could_end_a_link_or_an_attribute():
    assert href('https://x.example/a b"c%20(d)') == "https://x.example/a%20b%22c%20%28d%29"  # % kept


def test_theme_text_has_no_markup_characters_and_is_idempotent():
    shown = theme_text('A & "B" <c>\x00 \n x')
    assert shown == "A ＆ ＂B＂ ‹c› x"
    assert theme_text(shown) == shown


def test_front_matter_reads_back_as_the_same_value():
    written = front_matter_json("a\u2028b\x7f")
    assert written == '"a\\u2028b\\u007f"' and "\n" not in written
    assert yaml.safe_load(written) == "a\u2028b\x7f"


def test_a_value_printed_without_a_filter_is_shown_never_run():
    assert finalize("2026-12-01") == "2026-12-01" and finalize(3) == 3  # inert: as it is
    assert finalize("<b>") == "&lt;b&gt;" and finalize("# x") == "\\# x"  # anything else: as text
    assert finalize(Markdown("<b>")) == "<b>"  # made safe by a filter already
