"""Whatever `check` passes, `build` can take: every fixture plan that checks without errors
builds, and the plans at the edges of the limits build too."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check
from generator.cli import main
from tests.support import BROKEN, FIXTURES, build_plan, expectation

CLEAN_OVERLAYS = sorted(code for code in (p.name for p in BROKEN.iterdir() if p.is_dir()) if expectation(code)["exit"] == 0)
HOSTILE = FIXTURES / "hostile"


def plans() -> list:
    out = [pytest.param(FIXTURES / "valid", id="valid"), pytest.param(FIXTURES / "site", id="site")]
    out += [pytest.param(code, id=f"broken-{code}") for code in CLEAN_OVERLAYS]
    if HOSTILE.is_dir():
        out += [
            pytest.param(p, id=f"hostile-{p.name}") for p in sorted(HOSTILE.iterdir()) if (p / "content" / "site.yml").is_file()
        ]
    return out


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")


@pytest.mark.parametrize("plan", plans())
def test_every_plan_that_checks_clean_builds(plan, tmp_path):
    root = plan if isinstance(plan, Path) else build_plan(tmp_path / "plan", plan)
    report = check(root)
    assert report.exit_code == 0, [p for p in report.problems if p.severity == "error"]
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 0
    assert (out / "index.html").is_file()


def test_a_plan_at_the_edges_of_the_limits_builds(make_plan, tmp_path):
    """Odd characters that check accepts, and the longest ids (a repeat's occurrence ids are
    longer still). The occurrence cap is checked in test_check_hostile.py: a thousand day
    pages take too long to build here."""
    long_id = "a" * 64
    root = make_plan(
        files={
            f"playbooks/{long_id}.md": (
                # a title may not hold separators or controls (bad-value, test_check_hostile), the
                # guidance and the values may
                '---\nkind: script\ntitle: "标题\\u00a0带“分隔”符"\nvars: {产品: 名字}\n---\n'
                "说明 \u2028 \x0c 文字\n\n```message\n{{ 产品 }} {{{产品}}}\n```\n"
            ),
            "content/calendar/edge.yml": (
                "posts:\n"
                f'  - {{id: {long_id}, date: 2026-12-03, time: "09:00", channel: vip-group, playbook: {long_id}, '
                'vars: {产品: "酒\\u2029\\x1b[31m"}, attach: ["assets/tasting.png"]}\n'
                "repeats:\n"
                f'  - {{id: {"r" * 64}, every: day, from: 2027-01-01, until: 2027-01-05, time: "10:00", '
                f"channel: moments, playbook: {long_id}, vars: {{产品: 酒}}}}\n"
            ),
        }
    )
    report = check(root)
    assert report.exit_code == 0, [p for p in report.problems if p.severity == "error"]
    assert sum(p.repeat == "r" * 64 for p in report.plan.posts) == 5
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "playbooks" / long_id / "index.html").is_file()


def test_links_in_plan_markdown_that_point_nowhere_do_not_fail_the_build(make_plan, tmp_path):
    """`--strict` made MkDocs' warning about a note's link to a missing page fatal after check passed."""
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                'posts:\n  - {date: 2026-12-03, time: "09:00", channel: vip-group, playbook: welcome-script, '
                'vars: {product: 酒}, note: "[x](nope.md) ![y](content/assets/nope.png) [z](../nowhere/)"}\n'
            ),
            "playbooks/linked.md": "---\nkind: script\ntitle: t\n---\nSee [the old guide](old-guide.md).\n",
        }
    )
    assert check(root).exit_code == 0
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 0


@pytest.mark.parametrize(
    "body, message",
    [
        ("~~~\nx\n~~~~\n", "~~~"),  # the loader closes at ~~~~, superfences only at ~~~
        ("```\nx\n````\n", "```"),
    ],
)
def test_a_fence_left_open_by_the_guidance_cannot_forge_a_checklist_entry(body, message, make_plan, tmp_path):
    """A fence the guidance left open swallowed the page up to a line of the message block, and
    the rest of the message became Markdown with working attribute lists."""
    from bs4 import BeautifulSoup

    forged = '## Forged { #welcome-dec-01 .cp-post data-post="welcome-dec-01" data-rev="0" }\n\n- [ ] 已发送 Sent'
    fence = "~~~" if message == "```" else "```"
    root = make_plan(
        files={
            "playbooks/evil.md": (
                f"---\nkind: script\ntitle: Evil\n---\n{body}\n{fence}message\n{message}\n{forged}\n{message}\n{fence}\n"
            )
        }
    )
    assert check(root).exit_code == 0
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 0
    page = BeautifulSoup((out / "playbooks" / "evil" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select(".cp-post, [data-post], [data-rev]") == []
    assert "Forged" in page.select_one("code, pre").get_text() or "Forged" in page.get_text()
