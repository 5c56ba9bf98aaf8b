"""A small plan of five files that checks clean, and the ways the bad-input tests break it
(tests/test_properties.py, tests/hostile/test_fuzz.py): `mutate` one file's bytes, `write_plan`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

SITE = """\
title: 测试计划
timezone: Asia/Shanghai
channels:
  - id: vip-group
    name: 品鉴VIP群
    platform: wechat-group
    owner: xiaoli
    quiet_hours: "22:00-08:00"
  - {id: official, name: 公众号, platform: wechat-article, owner: xiaoli}
people:
  - {id: xiaoli, name: 小李, role: 群主}
rules:
  duplicate-headline: {severity: warning, days: 30}
"""
CAMPAIGNS = """\
- id: winter
  name: 冬季品鉴月
  start: 2026-12-01
  end: 2026-12-31
"""
CALENDAR = """\
campaign: winter
owner: xiaoli
posts:
  - date: 2026-12-01
    time: 9:30
    channel: vip-group
    playbook: welcome
    vars: {product: 酱香53度, price: 199}
    attach: [assets/a.txt]
  - date: 2026-12-02
    time: "20:00"
    channel: official
    playbook: winter-headline
    headline: 冬天喝酱酒的三个讲究
    topic: {name: 初雪, source: "https://example.com/a", spotted: 2026-11-30, expires: 2026-12-03}
repeats:
  - id: nightly
    every: week
    on: [mon, thu]
    from: 2026-12-01
    until: 2026-12-31
    except: [2026-12-24]
    time: "21:00"
    channel: vip-group
    playbook: welcome
    vars: {product: 红包, price: 1}
"""
PLAYBOOK = """\
---
kind: script
title: 新人入群欢迎
platforms: [wechat-group]
vars:
  product: 本周主推产品
  price: {description: 体验价, default: 99}
---
Guidance.

```message
欢迎!本周品鉴{{product}},体验价{{price}}元。
```
"""
HEADLINE = """\
---
kind: headline
title: 冬季标题
---
```message
正文
```
"""
SMALL_PLAN = {  # path under the root -> text
    "content/site.yml": SITE,
    "content/campaigns.yml": CAMPAIGNS,
    "content/calendar/2026-12.yml": CALENDAR,
    "playbooks/welcome.md": PLAYBOOK,
    "playbooks/winter-headline.md": HEADLINE,
}
JUNK = st.sampled_from(
    [
        b"\t",
        b"\xff\xfe",
        b"\x00",
        b": :",
        b"- ",
        b"&a ",
        b"*a",
        b"{",
        b"]",
        b"'",
        b'"',
        b"---\n",
        b"~",
        b"!!python/object:os.system ",
        b"<<: *a\n",
        b"\n  - ",
        b"10:30",
        b"no",
        b"2026-13-45",
        b"\xe4\xb8",
    ]
)


def mutate(text: bytes, data: st.DataObject) -> bytes:
    lines = text.split(b"\n")
    op = data.draw(st.sampled_from(["delete", "duplicate", "retype", "truncate", "inject", "swap"]))
    i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    if op == "delete" and lines:
        del lines[i]
    elif op == "duplicate" and lines:
        lines.insert(i, lines[i])
    elif op == "retype" and lines and b":" in lines[i]:
        key, _, _ = lines[i].partition(b":")
        lines[i] = key + b": " + data.draw(st.sampled_from([b"[1, 2]", b"{a: b}", b"", b"~", b"12", b"yes", b"- x"]))
    elif op == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    elif op == "inject":
        at = data.draw(st.integers(0, len(text)))
        return text[:at] + data.draw(JUNK) + text[at:]
    elif op == "swap" and len(lines) > 1:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def write_plan(root: Path, files: dict[str, bytes]) -> None:
    (root / "content" / "assets").mkdir(parents=True)
    (root / "content" / "assets" / "a.txt").write_text("x")
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
