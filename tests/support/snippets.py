"""Snippets the rule tests (tests/rules/) write their small plans with; the `problems_of` fixture
(tests/rules/conftest.py) writes RULE_SITE, RULE_PLAYBOOK and RULE_HEADLINES around them."""

from __future__ import annotations

RULE_SITE = """title: 规则测试
timezone: Asia/Shanghai
language: zh
{site_extra}channels:
  - {{id: vip-group, name: 品鉴VIP群, platform: wechat-group, owner: xiaoli}}
  - {{id: moments, name: 朋友圈, platform: wechat-moments, owner: xiaoli}}
  - {{id: official, name: 公众号, platform: wechat-article, owner: xiaoli{official_extra}}}
people:
  - {{id: xiaoli, name: 小李}}
"""
RULE_PLAYBOOK = """---
kind: script
title: 通用话术
vars:
  text: 正文
---
```message
{{{{text}}}}
```
"""
RULE_HEADLINES = """---
kind: headline
title: 标题
---
```message
点开看全文。
```
"""


def say(text: str, day: str = "2026-12-03", time: str = "09:00", channel: str = "vip-group", extra: str = "") -> str:
    """A post of the `say` playbook whose message is `text` (its value is on the post's 6th line)."""
    return (
        f'  - date: {day}\n    time: "{time}"\n    channel: {channel}\n    playbook: say\n    status: approved\n'
        f'    vars: {{text: "{text}"}}\n{extra}'
    )


CAL = "content/calendar/test.yml"


def found(problems) -> list[tuple]:
    """(path, line, severity, code) of each problem."""
    return [(p[0], p[1], p[3], p[4]) for p in problems]


def article(day: str, time: str, headline: str) -> str:
    """A headline post on the 公众号 (channel official)."""
    return (
        f'  - date: {day}\n    time: "{time}"\n    channel: official\n    playbook: title\n'
        f"    status: approved\n    headline: {headline}\n"
    )


def greet(day: str, time: str = "09:00") -> str:
    """A one-line post in vip-group."""
    return f"  - {{date: {day}, time: '{time}', channel: vip-group, playbook: say, vars: {{text: 早上好}}}}\n"
