"""Plan → pages as data (source path, title, Markdown). Knows nothing of MkDocs.

Every page is Markdown rendered from a Jinja template in generator/templates/, so any engine
that renders Markdown can take the pages; the few things Markdown cannot express (the
/today/ redirect, tick and copy behaviour) live in the theme overrides (generator/overrides/).
Text from the plan is escaped by the template filters below, never pasted in raw.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .markdown_safe import hide_braces
from .model import Plan, Post, VarSpec
from .platforms import PLATFORMS

TEMPLATES = Path(__file__).parent / "templates"
WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
STATUS_ZH = {"draft": "草稿", "approved": "已审核", "published": "已发布", "cancelled": "已取消"}
STATUS_ORDER = ("draft", "approved", "published", "cancelled")
KIND_ZH = {"script": "话术", "headline": "标题", "hot-topic": "热点"}


@dataclass(frozen=True)
class Page:
    """One page of the site: where its source stands (e.g. days/2026-12-01.md), its Markdown."""

    path: str
    title: str
    markdown: str
    in_nav: bool = True


@dataclass(frozen=True)
class Attachment:
    """A file a post attaches, copied into the site at `path` from `source`."""

    path: str
    source: Path


@dataclass
class SiteContent:
    """Everything the compile step produces for one plan."""

    pages: list[Page] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the plan's own words, for search segmentation


def compile_site(plan: Plan, today: date) -> SiteContent:
    """Compile the plan into pages. `today` is the day the home page calls today."""
    return _Compiler(plan, today).run()


def problems_page(lines: list[str], title: str) -> Page:
    """A home page that lists the plan's problems (used by `serve` when the plan has errors)."""
    return Page("index.md", title, _env().get_template("problems.md.j2").render(title=title, lines=lines))


# --- escaping: plan text into Markdown --------------------------------------------------------
#
# The policy (every byte of a plan is untrusted; the site is public):
#   text fields      -> md_text: HTML-escaped, Markdown punctuation backslashed, one line
#                       (md_code: the same text as inline code, e.g. a variable's name)
#   Markdown fields  -> md_block: raw HTML as text, braces hidden from attr_list
#   URL fields       -> href: percent-encoded so nothing in it is Markdown or ends an attribute
#   ids, file names  -> url_for: the only way a path becomes a link, each segment percent-encoded
#   theme strings    -> theme_text: site name, page titles, tags (the theme prints them raw)
# markdown_safe.py then checks every element of every page once more.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(value: object) -> str:
    """Plain text for inline Markdown: HTML-escaped, Markdown punctuation backslashed."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_block(value: object) -> str:
    """User-written Markdown (notes, guidance): kept as Markdown, raw HTML shown as text, and no
    attribute lists (`{: onclick=… }`, `{ .cp-post data-post=… }`): see markdown_safe.py."""
    return hide_braces(_escape_html_outside_code(str(value).strip()))


def md_code(value: object) -> str:
    """Plain text as inline code (one line): the backtick fence is longer than any run inside,
    so the text cannot end it, and a table does not split at a `|` inside it."""
    text = " ".join(str(value).split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {hide_braces(text)} {fence}"


def fenced(text: str, info: str = "text") -> str:
    """A fenced code block holding `text` verbatim, with a fence longer than any inside it.

    Its braces are hidden from attr_list too (markdown_safe puts them back in the code): should
    anything before it leave a fence open, the text must still not be able to add attributes."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{hide_braces(text)}\n{fence}"


# Characters that end a Markdown link target or an attribute value, or that Markdown reads
# before it reads links (code spans, backslash escapes), plus blanks and controls.
_URL_UNSAFE = frozenset(" ()<>\"'`\\{}|")


def href(url: object) -> str:
    """A validated http(s) URL as a Markdown link target: every character that could end the
    target or an attribute, or read as Markdown, is percent-encoded (`%` itself is kept, so an
    encoded URL stays as it is)."""
    return "".join(_percent(ch) if ch in _URL_UNSAFE or _invisible(ch) else ch for ch in str(url).strip())


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


# The theme (MkDocs' Jinja, autoescape off) prints the site name and page titles raw, in text,
# in attributes and through `striptags`, which decodes entities. So no entity can be safe there:
# the five characters that matter are swapped for look-alikes that read the same.
_THEME_SWAP = str.maketrans({"&": "＆", "<": "‹", ">": "›", '"': "＂", "'": "’"})


def theme_text(value: object) -> str:
    """A string for the theme's header, <title>, nav, search and tags: one line, none of
    & < > " ', and nothing the YAML of a page's front matter refuses (control characters,
    U+FFFE, U+FFFF, lone surrogates), which would show the front matter as text. Idempotent."""
    text = "".join(ch for ch in str(value) if ch in "\t\n" or not _unfit_for_yaml(ch))
    return " ".join(text.split()).translate(_THEME_SWAP)


def _unfit_for_yaml(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


_FENCE_OPEN = re.compile(r"( *)(`{3,}|~{3,})")


def _escape_html_outside_code(text: str) -> str:
    """HTML escaped outside code; a fence the text leaves open is closed at its end.

    Fences follow pymdownx.superfences: a block ends only at a line with the very same fence
    (indent and length). Left open, it would swallow what the page puts after this text (the
    next message block) and turn that into Markdown."""
    out, fence = [], None
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            if line.rstrip(" \t") == fence:
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group(0)
            out.append(line)
            continue
        parts = re.split(r"(`+[^`]*`+)", line)  # leave inline code spans alone
        out.append("".join(p if p.startswith("`") else html.escape(p, quote=False) for p in parts))
    if fence is not None:
        out.append(fence)
    return "\n".join(out)


# --- links: the one way an id or a file name becomes a URL -----------------------------------

_ROUTES = {
    "home": "index.md", "today": "today.md", "calendar": "calendar/index.md", "tags": "tags.md",
    "day": "days/{}.md", "month": "calendar/{}.md", "playbook": "playbooks/{}.md",
    "channel": "channels/{}.md", "campaign": "campaigns/{}.md", "attachment": "content/{}",
}


def page_path(kind: str, key: object = None) -> str:
    """Where the page (or attachment) of `kind` stands in the site's sources, e.g. days/2026-12-01.md."""
    route = _ROUTES[kind]
    if "{}" not in route:
        return route
    return route.format(key.isoformat() if isinstance(key, date) else key)


@functools.lru_cache(maxsize=65536)
def url_for(kind: str, key: object = None, fragment: str | None = None, *, folder: str = ".") -> str:
    """The link from a page in `folder` to `kind`/`key` (#`fragment`): relative, each path
    segment and the fragment percent-encoded, so no id or file name is read as Markdown or
    HTML. Cached: a year's plan has ~200,000 links, most of them to the same few hundred pages."""
    path = posixpath.relpath(page_path(kind, key), folder)
    url = "/".join(quote(segment, safe="") for segment in path.split("/"))
    return url + ("#" + quote(fragment, safe="") if fragment else "")


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown, not HTML: the filters escape what comes from the plan
    )
    env.filters.update(md=md_text, mdblock=md_block, code=md_code, fenced=fenced, href=href, title=theme_text,
                       json=_json)
    return env


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- the compiler ----------------------------------------------------------------------------


class _Compiler:
    def __init__(self, plan: Plan, today: date) -> None:
        self.plan = plan
        self.today = today
        self.env = _env()
        self.out = SiteContent()
        self.items: dict[int, dict] = {}
        self.by_day = _group(plan.posts, lambda p: p.date)
        self.days = sorted(self.by_day)

    def run(self) -> SiteContent:
        self._generate_home()
        self._generate_today()
        self._generate_days()
        self._generate_months()
        self._generate_playbooks()
        self._generate_channels()
        self._generate_campaigns()
        self._generate_tags()
        self._collect_attachments()
        self._collect_words()
        self.out.pages.sort(key=lambda p: p.path)
        return self.out

    # -- helpers shared by templates --

    def _render(self, path: str, template: str, title: str, in_nav: bool = True, **data) -> None:
        folder = posixpath.dirname(path) or "."

        def link(kind: str, key: object = None, fragment: str | None = None) -> str:
            return url_for(kind, key, fragment, folder=folder)

        text = self.env.get_template(template).render(
            page_title=title, url_for=link, plan=self.plan, item=self._item, status_zh=STATUS_ZH,
            weekday=lambda d: WEEKDAY_ZH[d.weekday()], kind_zh=KIND_ZH, **data,
        )
        self.out.pages.append(Page(path, theme_text(title), text, in_nav))

    def _item(self, post: Post) -> dict:
        """What a template needs to show one post, resolved once (a post shows on up to 4 pages)."""
        key = id(post)
        if key not in self.items:
            self.items[key] = self._resolve_item(post)
        return self.items[key]

    def _resolve_item(self, post: Post) -> dict:
        plan = self.plan
        channel = plan.channels.get(post.channel)
        playbook = plan.playbooks.get(post.playbook)
        owner_id = plan.owner_of(post)
        owner = plan.people.get(owner_id or "")
        campaign = plan.campaigns.get(post.campaign or "")
        message = plan.message_of(post)
        return {
            "post": post,
            "id": post.id,
            "title": plan.title_of(post),
            "channel": channel,
            "channel_name": channel.name if channel else post.channel,
            "platform": PLATFORMS[channel.platform].label if channel else "",
            "playbook": playbook,
            "owner": owner.name if owner else (owner_id or "—"),
            "campaign": campaign,
            "message": message,
            "revision": _revision(post, message),
        }

    def _counts(self, posts: list[Post]) -> list[tuple[str, int]]:
        counts = Counter(p.status for p in posts)
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]

    # -- pages --

    def _generate_home(self) -> None:
        week = [self.today + timedelta(days=i) for i in range(8)]
        upcoming = [d for d in self.days if d > week[-1]][:1]
        by_channel = Counter(p.channel for p in self.plan.posts)
        self._render(
            "index.md", "index.md.j2", self.plan.site.title if self.plan.site else "contentplan",
            today=self.today, today_posts=self.by_day.get(self.today, []),
            week=[(d, self.by_day.get(d, [])) for d in week[1:]], counts=self._counts(self.plan.posts),
            channels=[(c, by_channel[c.id]) for c in self.plan.channels.values()],
            next_day=upcoming[0] if upcoming else None, months=self._months(),
            first=self.days[0] if self.days else None, last=self.days[-1] if self.days else None,
            count=self._counts,
        )

    def _generate_today(self) -> None:
        self._render(
            "today.md", "today.md.j2", "今天 Today", timezone=self.plan.timezone,
            days=[d.isoformat() for d in self.days], months=self._months(),
        )

    def _generate_days(self) -> None:
        for i, day in enumerate(self.days):
            posts = self.by_day[day]
            self._render(
                f"days/{day.isoformat()}.md", "day.md.j2", f"{day.isoformat()} {WEEKDAY_ZH[day.weekday()]}",
                in_nav=False, day=day, posts=posts, counts=self._counts(posts),
                prev=self.days[i - 1] if i else None, next=self.days[i + 1] if i + 1 < len(self.days) else None,
            )

    def _months(self) -> list[str]:
        if not self.days:
            return []
        months, cursor = [], self.days[0].replace(day=1)
        while cursor <= self.days[-1]:
            months.append(cursor.strftime("%Y-%m"))
            cursor = (cursor + timedelta(days=32)).replace(day=1)
        return months

    def _generate_months(self) -> None:
        months = self._months()
        for i, month in enumerate(months):
            first = date.fromisoformat(month + "-01")
            weeks, cursor = [], first - timedelta(days=first.weekday())
            while cursor.month == first.month or cursor < first:
                week = []
                for _ in range(7):
                    inside = cursor.month == first.month
                    week.append((cursor, self.by_day.get(cursor, []) if inside else None))
                    cursor += timedelta(days=1)
                weeks.append(week)
            self._render(
                f"calendar/{month}.md", "month.md.j2", f"{first.year}年{first.month}月", in_nav=False,
                month=month, weeks=weeks, prev=months[i - 1] if i else None,
                next=months[i + 1] if i + 1 < len(months) else None, mark=_mark,
                total=sum(len(self.by_day.get(d, [])) for w in weeks for d, p in w if p is not None),
            )
        self._render("calendar/index.md", "calendar_index.md.j2", "日历 Calendar", months=months,
                     by_month=Counter(d.strftime("%Y-%m") for d in self.days for _ in self.by_day[d]))

    def _generate_playbooks(self) -> None:
        users = _group(self.plan.posts, lambda p: p.playbook)
        playbooks = sorted(self.plan.playbooks.values(), key=lambda p: p.id)
        for playbook in playbooks:
            self._render(
                f"playbooks/{playbook.id}.md", "playbook.md.j2", playbook.title, in_nav=False,
                playbook=playbook, posts=users.get(playbook.id, []), var_rows=_var_rows(playbook),
                platform_label=lambda pid: PLATFORMS[pid].label,
            )
        self._render("playbooks/index.md", "playbooks_index.md.j2", "话术库 Playbooks",
                     playbooks=playbooks, uses={k: len(v) for k, v in users.items()})

    def _generate_channels(self) -> None:
        by_channel = _group(self.plan.posts, lambda p: p.channel)
        channels = sorted(self.plan.channels.values(), key=lambda c: c.id)
        for channel in channels:
            self._render(
                f"channels/{channel.id}.md", "channel.md.j2", channel.name, in_nav=False,
                channel=channel, posts=by_channel.get(channel.id, []), platform=PLATFORMS[channel.platform],
                owner=self.plan.people.get(channel.owner or ""),
            )
        self._render("channels/index.md", "channels_index.md.j2", "渠道 Channels", channels=channels,
                     counts={k: len(v) for k, v in by_channel.items()}, platforms=PLATFORMS)

    def _generate_campaigns(self) -> None:
        by_campaign = _group([p for p in self.plan.posts if p.campaign], lambda p: p.campaign)
        campaigns = sorted(self.plan.campaigns.values(), key=lambda c: (c.start, c.id))
        for campaign in campaigns:
            self._render(
                f"campaigns/{campaign.id}.md", "campaign.md.j2", campaign.name, in_nav=False,
                campaign=campaign, posts=by_campaign.get(campaign.id, []),
                counts=self._counts(by_campaign.get(campaign.id, [])),
            )
        self._render("campaigns/index.md", "campaigns_index.md.j2", "活动 Campaigns", campaigns=campaigns,
                     counts={k: len(v) for k, v in by_campaign.items()})

    def _generate_tags(self) -> None:
        tags: dict[str, list] = {}
        for playbook in self.plan.playbooks.values():
            for tag in playbook.meta.tags:
                tags.setdefault(tag, []).append(playbook)
        ordered = [(tag, sorted(tags[tag], key=lambda p: p.id)) for tag in sorted(tags)]
        self._render("tags.md", "tags.md.j2", "标签 Tags", tags=ordered)

    def _collect_attachments(self) -> None:
        content = (self.plan.root / "content").resolve()
        seen = set()
        for post in self.plan.posts:
            for rel in post.attach:
                source = (content / rel).resolve()
                if rel not in seen and source.is_file() and source.is_relative_to(content):
                    seen.add(rel)
                    self.out.attachments.append(Attachment(f"content/{rel}", source))
        self.out.attachments.sort(key=lambda a: a.path)

    def _collect_words(self) -> None:
        """The plan's own names, so that search segments them as words."""
        plan, words = self.plan, set()
        words.update(c.name for c in plan.channels.values())
        words.update(c.name for c in plan.campaigns.values())
        words.update(p.title for p in plan.playbooks.values())
        words.update(t for p in plan.playbooks.values() for t in p.meta.tags)
        words.update(v for post in plan.posts for v in post.vars.values() if v)
        han = re.compile(r"[\u4e00-\u9fff]")
        self.out.words = sorted(
            w.strip() for w in words if w and 2 <= len(w.strip()) <= 16 and han.search(w) and not re.search(r"\s", w.strip())
        )


def _group(posts: list[Post], key) -> dict:
    """Posts by `key`, each group in plan order (date, time, channel)."""
    out: dict = {}
    for post in posts:
        out.setdefault(key(post), []).append(post)
    return out


def _var_rows(playbook) -> list[tuple[str, str, str]]:
    rows = []
    for name, spec in playbook.meta.vars.items():
        if isinstance(spec, VarSpec):
            rows.append((name, spec.description or "", spec.default or ""))
        else:
            rows.append((name, spec or "", ""))
    return rows


def _mark(posts: list[Post]) -> str:
    """One sign for a day's state in the month grid."""
    statuses = {p.status for p in posts}
    if statuses <= {"published", "cancelled"} and "published" in statuses:
        return "✅"
    if "draft" in statuses:
        return "📝"
    if "approved" in statuses:
        return "🟢"
    return "✖"


def _revision(post: Post, message: str) -> str:
    """A short fingerprint of what the operator sends: a tick belongs to this revision."""
    text = "\x1f".join([post.id or "", post.date.isoformat(), post.hhmm, post.channel, post.headline or "", message])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
