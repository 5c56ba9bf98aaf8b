"""allow-reason, and what `allow: {code: reason}` on a post, repeat or playbook suppresses."""

from __future__ import annotations

from tests.support import CAL, found, say


def test_a_reasoned_allow_on_a_post_silences_its_finding(problems_of):
    calendar = "posts:\n" + say("极品酱香", extra="    allow: {banned-word: “极品”是注册商标 第1234567号}\n")
    assert found(problems_of(calendar)) == []


def test_an_allow_without_a_reason_is_warned(problems_of):
    calendar = "posts:\n" + say("极品酱香", extra='    allow: {banned-word: ""}\n')
    assert found(problems_of(calendar)) == [(CAL, 8, "warning", "allow-reason")]


def test_a_repeat_allows_for_every_occurrence(problems_of):
    calendar = (
        "repeats:\n  - id: daily\n    every: day\n    from: 2026-12-01\n    until: 2026-12-05\n"
        '    time: "09:00"\n    channel: vip-group\n    playbook: say\n    status: approved\n'
        "    vars: {text: 极品酱香}\n    allow: {banned-word: 注册商标}\n"
    )
    assert found(problems_of(calendar)) == []


def test_a_playbook_allows_for_its_own_copy(problems_of):
    playbook = (
        "---\nkind: script\ntitle: 话术\nvars:\n  text: 正文\nallow: {banned-word: 注册商标}\n---\n"
        "```message\n极品酱香，{{text}}\n```\n"
    )
    assert found(problems_of("posts:\n" + say("早上好"), playbook=playbook)) == []


def test_the_sites_rules_page_lists_every_suppression_with_its_reason(tmp_path):
    import shutil
    from pathlib import Path

    from generator.check import check
    from generator.compile import compile_site

    root = tmp_path / "plan"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "phone", root)
    calendar = root / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8").replace(
            "    vars: {topic: 今晚品鉴会}\n",
            "    vars: {topic: 今晚极品品鉴会}\n    allow: {banned-word: “极品”是注册商标 第1234567号}\n",
        ),
        encoding="utf-8",
    )
    report = check(root)
    assert [p.code for p in report.problems] == []
    page = next(p for p in compile_site(report.plan).pages if p.path == "rules.md").markdown
    assert "## Suppressions in this plan" in page
    # plan text, escaped for Markdown: the place and the code as code, the reason as text
    assert "| ` content/calendar/2026-12.yml:" in page and "| ` banned-word ` | “极品”是注册商标 第1234567号 |" in page
