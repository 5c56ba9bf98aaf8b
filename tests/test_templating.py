"""templating.py: the one Jinja set-up. Missing data is an error, block tags leave no blank
lines, and on the pages whatever is printed without a filter, or put into the package's own
words, is escaped as text."""

from __future__ import annotations

import jinja2
import pytest

from generator.templating import markdown_environment, text_environment


def test_block_tags_leave_no_lines_and_unfiltered_plan_text_is_escaped():
    template = markdown_environment().from_string("{% if x %}\n{{ x }}\n{% endif %}\n{{ y | md }} {{ z }}\n")
    assert template.render(x="<b>", y="*a*", z="2026-12-01") == "&lt;b&gt;\n\\*a\\* 2026-12-01\n"


def test_a_value_put_into_the_packages_words_is_escaped():
    template = markdown_environment().from_string("{% trans n=x %}{{ n }} posts{% endtrans %}")
    assert template.render(x="<i>") == "&lt;i&gt; posts"


def test_missing_data_is_an_error_not_an_empty_string(tmp_path):
    (tmp_path / "t.txt").write_text("{{ title }}\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        text_environment(tmp_path).get_template("t.txt").render()
    with pytest.raises(jinja2.UndefinedError):
        markdown_environment().from_string("{{ missing }}").render()
    assert text_environment(tmp_path).get_template("t.txt").render(title="<x>") == "<x>\n"  # a file: not escaped
