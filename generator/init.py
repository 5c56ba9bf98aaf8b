"""`contentplan init [DIR]`: a new plan repository a team can start from.

It writes a small plan that checks clean and builds (one channel per kind of platform the team
picks, two playbooks, a week of posts from the start day), the editor schemas, CI for GitHub
(check with annotations, build, publish to Pages, a daily run), pre-commit, VS Code settings,
.gitignore and a short README. It never overwrites: if any file it would write exists, it
writes nothing and says which. Templates are in generator/init_files/.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import __version__, schema
from .templating import text_environment

FILES = Path(__file__).parent / "init_files"
KINDS = {  # what a team picks → the channel `init` writes for it
    "wechat-group": ("group", "客户群", True),
    "wechat-moments": ("moments", "朋友圈", False),
    "wechat-article": ("article", "公众号", False),
    "douyin": ("douyin", "抖音号", False),
    "xiaohongshu": ("xhs", "小红书", False),
    "weibo": ("weibo", "微博", False),
    "toutiao": ("toutiao", "头条号", False),
}
DEFAULT_KINDS = ("wechat-group", "wechat-moments", "wechat-article")
HEADLINE_KINDS = ("wechat-article", "douyin", "xiaohongshu", "weibo", "toutiao")


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    platform: str
    quiet: bool


class InitError(Exception):
    """What stops `init` (the folder holds files it would overwrite, a bad choice)."""


def plan_files(title: str, kinds: tuple[str, ...], start: date, requirement: str) -> dict[str, str]:
    """Every file of the new repository: path → text."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InitError(f"unknown platform {', '.join(unknown) or '(none)'}; choose from {', '.join(KINDS)}")
    channels = [Channel(KINDS[k][0], KINDS[k][1], k, KINDS[k][2]) for k in kinds]
    chats = [c for c in channels if c.platform not in HEADLINE_KINDS]
    titled = [c for c in channels if c.platform in HEADLINE_KINDS]
    posts = []
    for offset in range(7):  # a week: a morning greeting in each chat, a headline post every other day
        day = start + timedelta(days=offset)
        for channel in chats:
            posts.append({"date": day.isoformat(), "time": "08:30", "channel": channel.id, "playbook": "morning-greeting",
                          "headline": None, "tip": f"第{offset + 1}天：天冷了，出门记得加件外套"})
        if titled and offset % 2 == 0:
            channel = titled[(offset // 2) % len(titled)]
            posts.append({"date": day.isoformat(), "time": "20:00", "channel": channel.id, "playbook": "number-list",
                          "headline": f"冬天的 3 个小习惯（第 {offset // 2 + 1} 期）", "tip": None})
    env = text_environment(FILES)
    data = {"title": title, "channels": channels, "industry": None, "posts": posts, "requirement": requirement,
            "script_platforms": [c.platform for c in chats] or list(kinds),
            "headline_platforms": [c.platform for c in titled] or list(kinds)}
    files = {
        "content/site.yml": "site.yml.j2",
        f"content/calendar/{start:%Y-%m}.yml": "calendar.yml.j2",
        "playbooks/scripts/morning-greeting.md": "script.md.j2",
        ".github/workflows/contentplan.yml": "contentplan.yml",  # no template: the file as it is
        ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
        ".vscode/settings.json": "vscode-settings.json.j2",
        ".vscode/extensions.json": "vscode-extensions.json.j2",
        ".gitignore": "gitignore.j2",
        "requirements.txt": "requirements.txt.j2",
        "README.md": "README.md.j2",
    }
    if titled:
        files["playbooks/headlines/number-list.md"] = "headline.md.j2"
    else:  # no platform takes headlines: the second playbook is a second script
        files["playbooks/scripts/evening-chat.md"] = "script.md.j2"
    out = {path: env.get_template(template).render(**data) if template.endswith(".j2")
           else (FILES / template).read_text(encoding="utf-8") for path, template in files.items()}
    if not titled:
        out["playbooks/scripts/evening-chat.md"] = out["playbooks/scripts/evening-chat.md"].replace(
            "title: 早安问候", "title: 晚间闲聊").replace("早上好！", "晚上好！")
    out.update({f"schema/{name}": text for name, text in schema.schemas().items() if name != "day.schema.json"})
    return out


def init(folder: Path, title: str = "我们的社群发布计划", kinds: tuple[str, ...] = DEFAULT_KINDS,
         start: date | None = None, requirement: str | None = None) -> list[str]:
    """Write the new repository into `folder` (created if needed); the paths written, sorted."""
    files = plan_files(title, kinds, start or date.today(), requirement or f"contentplan=={__version__}")
    existing = sorted(path for path in files if (folder / path).exists() or (folder / path).is_symlink())
    if existing:
        raise InitError(f"{folder} already has {', '.join(existing)}; nothing was written (init never overwrites)")
    for path, text in sorted(files.items()):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as out:  # "x": never replaces a file
            out.write(text)
    return sorted(files)
