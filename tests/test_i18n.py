"""Messages in the plan's language (issue 16, point 4): one gettext catalogue, Chinese by
default for a `language: zh` plan, English on request.

The other tests read English (tests/conftest.py sets CONTENTPLAN_LANG=en); these take it away."""

from __future__ import annotations

import re
import sys

import pytest

from generator import i18n
from generator.check import check
from generator.network import is_network
from generator.network_check import check_network
from generator.rules_doc import rules_markdown, rules_text
from tests.support import PROJECT, broken_codes, build_plan, load_script

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)


@pytest.fixture(scope="module")
def messages_tool():
    yield load_script(PROJECT / "tools" / "messages.py", "messages_tool")
    sys.modules.pop("messages_tool", None)


def test_the_catalogue_holds_every_message_of_the_code_translated(messages_tool):
    """Extracted from the code, templates and rule docs with Babel; each translated, with the
    same placeholders, and the .mo compiled from the .po."""
    assert messages_tool.problems("zh") == []


def test_the_catalogue_check_fails_when_a_message_is_missing(messages_tool):
    source = messages_tool.template()
    source.add("a message nobody translated {thing}")
    found = messages_tool.problems("zh", source=source)
    assert any("a message nobody translated" in line for line in found)


def test_a_translation_with_other_placeholders_is_refused(messages_tool):
    catalog = messages_tool.read("zh")
    message = catalog.get("more than {count} problems of this kind; fix these first")
    message.string = "这类问题太多 {total}"
    assert any("placeholders differ" in line for line in messages_tool.problems("zh", catalog=catalog))


@pytest.mark.parametrize("code", broken_codes())
def test_every_finding_of_a_chinese_plan_is_in_chinese(code, tmp_path, chinese):
    """Each broken fixture's findings, checked as the plan says (language: zh), differ from the
    English ones and carry Chinese words the English do not have."""
    root = build_plan(tmp_path / "plan", code)
    run = check_network if is_network(root) else check  # a network's check speaks its library's language
    zh = run(root)
    en = run(root, "en")
    assert zh.language == "zh" and en.language == "en"
    assert [(p.path, p.line, p.col, p.code) for p in zh.problems] == [(p.path, p.line, p.col, p.code) for p in en.problems]
    for mine, theirs in zip(zh.problems, en.problems):
        assert mine.message != theirs.message, f"{code}: not translated: {theirs.message}"
        assert set(CJK.findall(mine.message)) - set(CJK.findall(theirs.message)), mine.message


def test_the_language_comes_from_the_flag_then_the_environment_then_the_plan(make_plan, run_cli, monkeypatch):
    root = make_plan("unknown-channel")
    monkeypatch.delenv(i18n.ENVIRONMENT)
    chinese = run_cli("check", "--root", str(root))
    english = run_cli("check", "--root", str(root), "--lang", "en")
    assert "没有" in chinese.out and "已检查" in chinese.err
    assert "no channel" in english.out and english.err.startswith("checked ")
    monkeypatch.setenv(i18n.ENVIRONMENT, "en")
    assert "no channel" in run_cli("check", "--root", str(root)).out
    assert "已检查" in run_cli("check", "--root", str(root), "--lang", "zh").err
    monkeypatch.delenv(i18n.ENVIRONMENT)
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    assert "no channel" in run_cli("check", "--root", str(root)).out


def test_the_plan_language_is_read_only_from_the_plan_file_itself(tmp_path, chinese):
    """A site.yml that is a link (outside the plan) or a FIFO is not read for its language."""
    outside = tmp_path / "outside.yml"
    outside.write_text("language: en\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yml").symlink_to(outside)
    assert i18n.plan_language(tmp_path / "content" / "site.yml") == "zh"
    import os

    fifo = tmp_path / "fifo.yml"
    os.mkfifo(fifo)
    assert i18n.plan_language(fifo) == "zh"  # and it returns: never blocks on the pipe


def test_values_with_braces_are_shown_as_written(make_plan, chinese):
    """Values go into a translated message after translation: a name holding {0} or {x} is
    text, not a placeholder."""
    root = make_plan(
        files={
            "content/calendar/braces.yml": (
                "posts:\n  - {date: 2026-12-20, time: '10:00', channel: '{0}{name}', playbook: welcome-script}\n"
            )
        }
    )
    messages = [p.message for p in check(root).problems]
    assert any("{0}{name}" in message for message in messages), messages


def test_the_rules_page_and_the_rules_command_speak_the_plan_language(chinese):
    """The page's own words come from the catalogue ({% trans %}); each rule's documentation
    goes through it paragraph by paragraph (English where a paragraph is not translated yet)."""
    page = rules_markdown(lang="zh")
    assert "# 检查规则" in page and "## 全部规则代码" in page and "## 平台" in page
    assert "# Rules" in rules_markdown(lang="en")
    english = rules_text("quiet-hours", lang="en").split("\n", 1)[0]
    catches = english.split(": ", 1)[1]
    with i18n.language("zh"):
        expected = "quiet-hours (" + english.split("(", 1)[1].split(")", 1)[0] + "): " + i18n.paragraph(catches)
    assert rules_text("quiet-hours", lang="zh").split("\n", 1)[0] == expected
    assert english.startswith("quiet-hours (error): ")


def test_the_rules_command_takes_the_language_option(run_cli, make_plan, monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT)
    root = make_plan()
    zh = run_cli("rules", "personal-data", "--root", str(root))
    en = run_cli("rules", "personal-data", "--root", str(root), "--lang", "en")
    assert zh.status == en.status == 0
    assert "选项" in zh.out and "option allow" in en.out
