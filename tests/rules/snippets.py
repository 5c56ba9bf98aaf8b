"""What the rule tests share: `problems_of(...)` checks a small plan written in the test and
returns its problems; `say(...)` writes a post whose message is the given text."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check

SITE = """title: 规则测试
timezone: Asia/Shanghai
language: zh
{site_extra}channels:
  - {{id: vip-group, name: 品鉴VIP群, platform: wechat-group, owner: xiaoli}}
  - {{id: moments, name: 朋友圈, platform: wechat-moments, owner: xiaoli}}
  - {{id: official, name: 公众号, platform: wechat-article, owner: xiaoli{official_extra}}}
people:
  - {{id: xiaoli, name: 小李}}
"""
PLAYBOOK = """---
kind: script
title: 通用话术
vars:
  text: 正文
---
```message
{{{{text}}}}
```
"""
HEADLINES = """---
kind: headline
title: 标题
---
```message
点开看全文。
```
"""


@pytest.fixture
def problems_of(tmp_path):
    """problems_of(posts_yaml, site_extra="", official_extra="", playbook=None) -> [(line, col, severity, code, message)]

    `posts_yaml` is the body of content/calendar/test.yml. Playbooks: `say` (a script whose whole
    message is the post's `text` var) and `title` (a headline playbook)."""
    counter = iter(range(1000))

    def run(calendar: str, site_extra: str = "", official_extra: str = "", playbook: str | None = None,
            path: str = "content/calendar/test.yml"):
        root = tmp_path / f"plan{next(counter)}"
        (root / "content" / "calendar").mkdir(parents=True)
        (root / "playbooks").mkdir()
        (root / "content" / "site.yml").write_text(
            SITE.format(site_extra=site_extra, official_extra=official_extra), encoding="utf-8")
        (root / "playbooks" / "say.md").write_text(playbook or PLAYBOOK, encoding="utf-8")
        (root / "playbooks" / "title.md").write_text(HEADLINES, encoding="utf-8")
        (root / path).write_text(calendar, encoding="utf-8")
        return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in check(Path(root)).problems]

    return run


def say(text: str, day: str = "2026-12-03", time: str = "09:00", channel: str = "vip-group", extra: str = "") -> str:
    """A post of the `say` playbook whose message is `text` (its value is on the post's 6th line)."""
    return (f"  - date: {day}\n    time: \"{time}\"\n    channel: {channel}\n    playbook: say\n    status: approved\n"
            f"    vars: {{text: \"{text}\"}}\n{extra}")
