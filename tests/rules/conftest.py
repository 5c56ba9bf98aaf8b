"""The rule tests' fixture: `problems_of(...)` checks a small plan written in the test and
returns its problems (the snippets it writes are in tests/support/snippets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check
from tests.support import RULE_HEADLINES, RULE_PLAYBOOK, RULE_SITE


@pytest.fixture
def problems_of(tmp_path):
    """problems_of(posts_yaml, site_extra="", official_extra="", playbook=None, files=None)
    -> [(path, line, col, severity, code, message)]

    `posts_yaml` is the body of content/calendar/test.yml. Playbooks: `say` (a script whose whole
    message is the post's `text` var) and `title` (a headline playbook)."""
    counter = iter(range(1000))

    def run(
        calendar: str,
        site_extra: str = "",
        official_extra: str = "",
        playbook: str | None = None,
        path: str = "content/calendar/test.yml",
        files: dict[str, str] | None = None,
    ):
        root = tmp_path / f"plan{next(counter)}"
        (root / "content" / "calendar").mkdir(parents=True)
        (root / "playbooks").mkdir()
        (root / "content" / "site.yml").write_text(
            RULE_SITE.format(site_extra=site_extra, official_extra=official_extra), encoding="utf-8"
        )
        (root / "playbooks" / "say.md").write_text(playbook or RULE_PLAYBOOK, encoding="utf-8")
        (root / "playbooks" / "title.md").write_text(RULE_HEADLINES, encoding="utf-8")
        (root / path).write_text(calendar, encoding="utf-8")
        for rel, text in (files or {}).items():  # campaigns.yml, more playbooks, stray files
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in check(Path(root)).problems]

    return run
