"""The compile step's output phase: the plan's context → pages as data (path, title, Markdown).

Knows nothing of MkDocs. Each page kind is one small function below that picks its posts from
the context (context.py) and hands plain data to its Jinja template in generator/templates/;
templates share `_base.md.j2` for their front matter and call nothing back. Plan text is
escaped by the template filters (escape.py), never pasted in raw.

What depends on today is left to the browser (overrides/assets/contentplan/contentplan.js):
the pages carry the plan's zone and each day's counts in their front matter, and the same plan
builds to the same bytes whatever the day.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment

from .context import PlanContext, PostView, build_context, fragment, shows_as_picture, status_counts
from .escape import front_matter_json, href, md_code, theme_text  # noqa: F401 - href, md_code: public
from .exports import day_json, day_markdown
from .feeds import FeedSettings, calendar_feed, plan_id
from .i18n import current
from .kept import Kept, digest
from .model import REMINDER_MINUTES, Plan, VarSpec
from .plan_index import unique_posts
from .platforms import PLATFORMS
from .rules_doc import rules_markdown
from .search_index import person_prefixes, plan_words
from .templating import markdown_environment
from .thumbnails import thumbnail
from .urls import built_pattern, built_url, depth_of, page_path, url_for  # url_for: public
from .vocabulary import KIND_LABEL, KINDS, STATUSES, WEEKDAY_LABEL, browser_words

T = TypeVar("T")


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


@dataclass(frozen=True)
class OutputFile:
    """A file the site carries as it is (a calendar feed, a thumbnail, a day export), at `path`.
    `export`: a day export, which the build writes into the built site itself after the engine
    has built the pages (build.py; a .md export shares its name with the day page's source)."""

    path: str
    content: bytes
    export: bool = False


@dataclass
class SiteContent:
    """Everything the compile step produces for one plan."""

    pages: list[Page] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the plan's own words, for search (search_index.py)
    search_prefixes: dict[str, list[str]] = field(default_factory=dict)  # the same


EPOCH_2000 = datetime(2000, 1, 1, tzinfo=UTC)


def compile_site(
    plan: Plan,
    *,
    directory_urls: bool = True,
    site_url: str | None = None,
    stamp: datetime = EPOCH_2000,
    changed: dict[str, int] | None = None,
    kept: Kept | None = None,
) -> SiteContent:
    """Compile the plan into pages and files.

    `directory_urls`: built pages are `days/2026-12-01/` (else `days/2026-12-01.html`), for the
    links the browser and the feeds make; `site_url`: where the site is published, for links in
    the feeds (else they are paths from the site's root); `stamp`: the build's fixed time (the
    feeds' DTSTAMP); `changed`: when each plan file last changed (history.py; SEQUENCE);
    `kept`: a preview's (kept.py): each page, feed event and day export the last compile made
    from the same data is taken, not made again (a save changes a few posts of thousands)."""
    attachments = _attachments(plan)
    pictures = _thumbnails(plan, attachments)
    context = build_context(plan, frozenset(pictures))
    if kept is not None:
        kept.start()
    out = _Output(context, _env(), directory_urls, (site_url or "").rstrip("/"), stamp, changed or {}, kept)
    pages = [page for kind in PAGE_KINDS for page in kind(out)]
    files = [file for kind in FILE_KINDS for file in kind(out)]
    files += [OutputFile(page_path("thumbnail", rel), data) for rel, data in pictures.items()]
    return SiteContent(
        pages=sorted(pages, key=lambda p: p.path),
        files=sorted(files, key=lambda f: f.path),
        attachments=attachments,
        words=plan_words(plan),
        search_prefixes=person_prefixes(plan.people.values(), lambda person: out.built("person", person)),
    )


def problems_page(lines: list[str], title: str) -> Page:
    """A home page that lists the plan's problems (used by `serve` when the plan has errors)."""
    text = _env().get_template("problems.md.j2").render(page_title=title, lines=lines)
    return Page("index.md", theme_text(title), text)


def _env() -> Environment:
    return markdown_environment()  # Markdown, not HTML: the filters escape what comes from the plan


@dataclass
class _Output:
    """What every page function needs: the context, the templates, and how to render a page."""

    context: PlanContext
    env: Environment
    directory_urls: bool
    site_url: str
    stamp: datetime
    changed: dict[str, int]
    kept: Kept | None = None
    _posts: dict[int, str] = field(default_factory=dict)  # id(post) -> its key, while `context` lives

    def page(self, path: str, template: str, title: str, in_nav: bool = True, **data) -> Page:
        def render() -> str:
            return self.env.get_template(template).render(page_title=title, **data)

        # made from the template, its words' language and everything handed to it
        text = self.remember("page", render, lambda: (template, title, current(), self.key_text(data)))
        return Page(path, theme_text(title), text, in_nav)

    def post_key(self, post: PostView) -> str:
        """A hash of everything a page, feed or export can show of `post` (its every field)."""
        found = self._posts.get(id(post))
        if found is None:
            found = self._posts[id(post)] = digest(repr(post))
        return found

    def key_text(self, value: object) -> str:
        """`value` as text for a key: its repr, but each post by its post_key (once a build)."""
        if isinstance(value, dict):
            return "{" + ",".join(f"{key!r}:{self.key_text(item)}" for key, item in value.items()) + "}"
        if isinstance(value, list | tuple) and value and type(value[0]) is PostView:
            return "[" + ",".join(self.post_key(item) if type(item) is PostView else repr(item) for item in value) + "]"
        return repr(value)

    def remember(self, kind: str, make: Callable[[], T], parts: Callable[[], tuple]) -> T:
        """make(), or, in a preview, what the last compile made of the same parts() (asked for
        only then: a build spends nothing on keys)."""
        if self.kept is None:
            return make()
        return self.kept.get(digest(kind, *parts()), make)  # type: ignore[return-value]

    def link(self, path: str, kind: str, key: object = None) -> str:
        """A link from the page at `path` (its own links; a post's come with the post)."""
        return url_for(kind, key, depth=depth_of(path))

    def built(self, kind: str, key: object = None, fragment: str | None = None) -> str:
        """A built URL from the site's root, for what MkDocs does not rewrite (see urls.py)."""
        return built_url(kind, key, fragment, directory_urls=self.directory_urls)

    def absolute(self, kind: str, key: object = None, fragment: str | None = None) -> str:
        """A URL for outside the site (a calendar app): absolute when the site's URL is known."""
        url = self.built(kind, key, fragment)
        return f"{self.site_url}/{url}" if self.site_url else url

    def zone(self, **extra) -> dict:
        """The plan's zone for the browser, which alone knows what today is, and the plan's id,
        which scopes what the phone stores for it (ticks, filter) to this plan."""
        return {"zone": self.context.timezone, "plan": plan_id(self.context.title, self.context.plan.member), **extra}

    def browser_data(self, **extra) -> dict:
        """What the browser needs to work out today: the plan's zone, each day's counts, and
        the built URL of a day page."""
        return self.zone(
            days=self.context.day_summary(), **browser_words(), day_url=built_pattern("day", self.directory_urls), **extra
        )


# --- one function per page kind --------------------------------------------------------------


def home_page(out: _Output) -> Iterator[Page]:
    ctx, path = out.context, page_path("home")
    by_channel = Counter(p.channel_id for p in ctx.posts)
    channels = [
        (c.name, out.link(path, "channel", c.id), PLATFORMS[c.platform].label, by_channel[c.id])
        for c in ctx.plan.channels.values()
    ]
    yield out.page(
        path,
        "index.md.j2",
        ctx.title,
        cp=out.browser_data(),
        counts=status_counts(ctx.posts),
        channels=channels,
        first=ctx.days[0] if ctx.days else None,
        last=ctx.days[-1] if ctx.days else None,
        links={"calendar": out.link(path, "calendar"), "today": out.link(path, "today"), "rhythm": out.link(path, "rhythm")},
    )


def today_page(out: _Output) -> Iterator[Page]:
    ctx, path = out.context, page_path("today")
    months = [(m, out.link(path, "month", m)) for m in ctx.months]
    yield out.page(path, "today.md.j2", "今天 Today", cp=out.browser_data(), timezone=ctx.timezone, months=months)


def day_pages(out: _Output) -> Iterator[Page]:
    ctx = out.context
    for i, day in enumerate(ctx.days):
        path = page_path("day", day)
        prev = ctx.days[i - 1] if i else None
        after = ctx.days[i + 1] if i + 1 < len(ctx.days) else None
        links = {
            "prev": out.link(path, "day", prev) if prev else "",
            "next": out.link(path, "day", after) if after else "",
            "month": out.link(path, "month", f"{day:%Y-%m}"),
        }
        posts = ctx.by_day[day]
        # the only ids a filter the phone remembered may take on this page (ids, never names)
        filters = {"owner": sorted({p.owner_id for p in posts if p.owner_id}), "channel": sorted({p.channel_id for p in posts})}
        yield out.page(
            path,
            "day.md.j2",
            f"{day.isoformat()} {WEEKDAY_LABEL[day.weekday()]}",
            in_nav=False,
            cp=out.zone(
                day=day.isoformat(),
                filters=filters,
                exports={
                    "md": out.built("day_markdown", day),
                    "json": out.built("day_json", day),
                    "subscribe": out.built("subscribe"),
                },
            ),
            day=day,
            weekday=WEEKDAY_LABEL[day.weekday()],
            prev=prev,
            next=after,
            links=links,
            posts=posts,
            counts=status_counts(posts),
        )


def month_pages(out: _Output) -> Iterator[Page]:
    ctx = out.context
    grid = calendar.Calendar(firstweekday=calendar.MONDAY)
    for i, month in enumerate(ctx.months):
        path = page_path("month", month)
        year, number = int(month[:4]), int(month[5:])
        weeks = [
            [_cell(out, path, day) if day.month == number else None for day in week]
            for week in grid.monthdatescalendar(year, number)
        ]
        prev = ctx.months[i - 1] if i else None
        after = ctx.months[i + 1] if i + 1 < len(ctx.months) else None
        links = {
            "prev": out.link(path, "month", prev) if prev else "",
            "next": out.link(path, "month", after) if after else "",
            "calendar": out.link(path, "calendar"),
        }
        yield out.page(
            path,
            "month.md.j2",
            f"{year}年{number}月",
            in_nav=False,
            cp=out.zone(),
            weeks=weeks,
            prev=prev,
            next=after,
            links=links,
            total=sum(cell["count"] for week in weeks for cell in week if cell),
        )


def _cell(out: _Output, path: str, day: date) -> dict:
    """One day of the month grid: its number, how many posts, their state as one dot."""
    posts = out.context.by_day.get(day, [])
    return {
        "day": day.isoformat(),
        "number": day.day,
        "count": len(posts),
        "state": _state(posts),
        "link": out.link(path, "day", day) if posts else "",
    }


def _state(posts: list[PostView]) -> str:
    """A day's state for its dot: draft if any post still needs approval, then approved (to
    send), published when all is sent, cancelled when nothing is left."""
    statuses = {p.status for p in posts}
    for state in STATUSES:
        if state in statuses:
            return state
    return "empty"


def calendar_page(out: _Output) -> Iterator[Page]:
    ctx, path = out.context, page_path("calendar")
    per_month = Counter(f"{p.day:%Y-%m}" for p in ctx.posts)
    months = [(m, out.link(path, "month", m), per_month[m]) for m in ctx.months]
    yield out.page(path, "calendar_index.md.j2", "日历 Calendar", months=months)


def playbook_pages(out: _Output) -> Iterator[Page]:
    ctx = out.context
    playbooks = sorted(ctx.plan.playbooks.values(), key=lambda p: p.id)
    for playbook in playbooks:
        path = page_path("playbook", playbook.id)
        yield out.page(
            path,
            "playbook.md.j2",
            playbook.title,
            in_nav=False,
            cp=out.zone(),
            playbook=playbook,
            kind_zh=KIND_LABEL[playbook.kind],
            platforms=[PLATFORMS[p].label for p in playbook.meta.platforms],
            tags_link=out.link(path, "tags"),
            var_rows=_var_rows(playbook),
            posts=ctx.by_playbook.get(playbook.id, []),
            counts=status_counts(ctx.by_playbook.get(playbook.id, [])),
            list_channels=True,
        )
    path = page_path("playbooks")
    rows = [
        (p.title, out.link(path, "playbook", p.id), KIND_LABEL[p.kind], p.meta.tags, len(ctx.by_playbook.get(p.id, [])))
        for p in playbooks
    ]
    yield out.page(path, "playbooks_index.md.j2", "话术库 Playbooks", rows=rows)


def channel_pages(out: _Output) -> Iterator[Page]:
    ctx = out.context
    channels = sorted(ctx.plan.channels.values(), key=lambda c: c.id)
    for channel in channels:
        path = page_path("channel", channel.id)
        owner = ctx.plan.people.get(channel.owner or "")
        quiet = channel.quiet_hours
        yield out.page(
            path,
            "channel.md.j2",
            channel.name,
            in_nav=False,
            cp=out.zone(),
            channel=channel,
            platform=PLATFORMS[channel.platform],
            owner=owner.name if owner else "",
            posts=ctx.by_channel.get(channel.id, []),
            counts=status_counts(ctx.by_channel.get(channel.id, [])),
            list_channels=False,
            quiet=f"{quiet[0]:%H:%M}–{quiet[1]:%H:%M}" if quiet else "",
        )
    path = page_path("channels")
    rows = [
        (c.name, out.link(path, "channel", c.id), PLATFORMS[c.platform].label, len(ctx.by_channel.get(c.id, [])))
        for c in channels
    ]
    yield out.page(path, "channels_index.md.j2", "渠道 Channels", rows=rows)


def campaign_pages(out: _Output) -> Iterator[Page]:
    ctx = out.context
    campaigns = sorted(ctx.plan.campaigns.values(), key=lambda c: (c.start, c.id))
    for campaign in campaigns:
        posts = ctx.by_campaign.get(campaign.id, [])
        yield out.page(
            page_path("campaign", campaign.id),
            "campaign.md.j2",
            campaign.name,
            in_nav=False,
            cp=out.zone(),
            campaign=campaign,
            posts=posts,
            counts=status_counts(posts),
            list_channels=True,
        )
    path = page_path("campaigns")
    rows = [(c.name, out.link(path, "campaign", c.id), c.start, c.end, len(ctx.by_campaign.get(c.id, []))) for c in campaigns]
    yield out.page(path, "campaigns_index.md.j2", "活动 Campaigns", rows=rows)


def tags_page(out: _Output) -> Iterator[Page]:
    path = page_path("tags")
    tags = [
        (tag, [(p.title, out.link(path, "playbook", p.id)) for p in playbooks])
        for tag, playbooks in out.context.playbooks_by_tag.items()
    ]
    yield out.page(path, "tags.md.j2", "标签 Tags", tags=tags)


def people_pages(out: _Output) -> Iterator[Page]:
    """A page per person: their posts (open at today) and their own calendar feed."""
    ctx = out.context
    people = sorted(ctx.plan.people.values(), key=lambda p: p.id)
    for person in people:
        path = page_path("person", person.id)
        posts = ctx.by_person.get(person.id, [])
        yield out.page(
            path,
            "person.md.j2",
            person.name,
            in_nav=False,
            cp=out.zone(),
            person=person,
            posts=posts,
            counts=status_counts(posts),
            list_channels=True,
            feed=out.link(path, "person_feed", person.id),
            channels=[
                (c.name, out.link(path, "channel", c.id))
                for c in sorted(ctx.plan.channels.values(), key=lambda c: c.id)
                if c.owner == person.id
            ],
        )
    path = page_path("people")
    rows = [(p.name, out.link(path, "person", p.id), p.role or "", len(ctx.by_person.get(p.id, []))) for p in people]
    yield out.page(path, "people_index.md.j2", "人员 People", rows=rows)


def subscribe_page(out: _Output) -> Iterator[Page]:
    ctx, path = out.context, page_path("subscribe")
    by_person = {p.id: len(ctx.by_person.get(p.id, [])) for p in ctx.plan.people.values()}
    people = [
        (p.name, out.link(path, "person_feed", p.id), by_person[p.id])
        for p in sorted(ctx.plan.people.values(), key=lambda p: p.id)
    ]
    channels = [
        (c.name, out.link(path, "channel_feed", c.id), len(ctx.by_channel.get(c.id, [])))
        for c in sorted(ctx.plan.channels.values(), key=lambda c: c.id)
    ]
    yield out.page(
        path,
        "subscribe.md.j2",
        "订阅日历 Subscribe",
        feed=out.link(path, "feed"),
        people=people,
        channels=channels,
        reminder=ctx.plan.site.reminder_minutes if ctx.plan.site else REMINDER_MINUTES,
        total=sum(1 for p in ctx.posts if p.status != "cancelled"),
    )


def rhythm_page(out: _Output) -> Iterator[Page]:
    """节奏 Rhythm: per month, channels × days (posts a day; silent and overloaded days stand
    out), and the mix of playbook kinds per week. Drawn as SVG by the theme template
    contentplan/rhythm.html from these numbers; no JavaScript."""
    ctx, path = out.context, page_path("rhythm")
    channels = sorted(ctx.plan.channels.values(), key=lambda c: c.id)
    counts = Counter((p.channel_id, p.day) for p in ctx.posts if p.status != "cancelled")
    months = []
    for month in ctx.months:
        year, number = int(month[:4]), int(month[5:])
        days = [d for d in calendar.Calendar().itermonthdates(year, number) if d.month == number]
        months.append(
            {
                "month": month,
                "title": f"{year}年{number}月",
                "days": [
                    {
                        "day": d.day,
                        "weekend": d.weekday() >= 5,
                        "url": out.built("day", d) if d in ctx.by_day else "",
                        "counts": [counts[(c.id, d)] for c in channels],
                    }
                    for d in days
                ],
            }
        )
    caps = [c.max_per_day or PLATFORMS[c.platform].per_day for c in channels]
    kinds = KINDS
    weeks: dict[date, Counter] = {}
    for post in ctx.posts:
        if post.status != "cancelled":
            monday = post.day - timedelta(days=post.day.weekday())
            weeks.setdefault(monday, Counter())[post.playbook_kind] += 1
    mix = [{"week": f"{monday:%m-%d}", "counts": [weeks[monday][k] for k in kinds]} for monday in sorted(weeks)]
    # for the theme template only (not `cp`, which goes to the browser's script)
    yield out.page(
        path,
        "rhythm.md.j2",
        "节奏 Rhythm",
        rhythm={
            "channels": [c.name for c in channels],
            "caps": caps,
            "months": months,
            "kinds": [KIND_LABEL[k] for k in kinds],
            "weeks": mix,
        },
    )


def rules_page(out: _Output) -> Iterator[Page]:
    """Every rule, generated from the rule modules, and every suppression in this plan."""
    plan, found = out.context.plan, []
    for post in unique_posts(plan):
        for code, reason in sorted(post.allow.items()):
            where = post.where("allow", code, key=True)
            found.append((f"{where.path}:{where.line}", code, reason or ""))
    for playbook in plan.all_playbooks:
        for code, reason in sorted(playbook.meta.allow.items()):
            found.append((f"{playbook.path}:{playbook.meta.where('allow', code, key=True).line}", code, reason or ""))
    front = f"---\ntitle: {front_matter_json(theme_text('规则 Rules'))}\n---\n\n"
    yield Page(page_path("rules"), theme_text("规则 Rules"), front + rules_markdown(sorted(found)))


PAGE_KINDS: tuple[Callable[[_Output], Iterator[Page]], ...] = (
    home_page,
    today_page,
    day_pages,
    month_pages,
    calendar_page,
    playbook_pages,
    channel_pages,
    campaign_pages,
    people_pages,
    tags_page,
    subscribe_page,
    rhythm_page,
    rules_page,
)


# --- files: calendar feeds and day exports ----------------------------------------------------


def calendar_feeds(out: _Output) -> Iterator[OutputFile]:
    """/calendar.ics, one per channel and one per person (an operator subscribes to her own)."""
    ctx = out.context
    settings = FeedSettings(
        plan_id=plan_id(ctx.title, ctx.plan.member),
        timezone=ctx.timezone,
        stamp=out.stamp,
        sequences={p.id: _sequence(p, out.changed) for p in ctx.posts},
        links={p.id: out.absolute("day", p.day, p.id) for p in ctx.posts},
        remember=None
        if out.kept is None
        else lambda post, make: out.remember("event", make, lambda: _event_parts(out, post, settings)),
    )
    yield OutputFile(page_path("feed"), calendar_feed(ctx.title, ctx.posts, settings))
    for channel in sorted(ctx.plan.channels.values(), key=lambda c: c.id):
        posts = ctx.by_channel.get(channel.id, [])
        yield OutputFile(page_path("channel_feed", channel.id), calendar_feed(f"{channel.name} · {ctx.title}", posts, settings))
    for person in sorted(ctx.plan.people.values(), key=lambda p: p.id):
        posts = ctx.by_person.get(person.id, [])
        yield OutputFile(page_path("person_feed", person.id), calendar_feed(f"{person.name} · {ctx.title}", posts, settings))


def _event_parts(out: _Output, post: PostView, settings: FeedSettings) -> tuple:
    """Everything a post's event in the feeds is made from (feeds._Events), but DTSTAMP, which the
    feeds put in: it is the time of the plan's last change, so without git it moves at every save."""
    link = settings.links.get(post.id, "")
    return out.post_key(post), settings.sequences.get(post.id, 0), link, settings.plan_id, settings.timezone


def _sequence(post: PostView, changed: dict[str, int]) -> int:
    """The minute the post's sources last changed: it goes up whenever the post can have."""
    return max((changed.get(path, 0) for path in post.sources), default=0) // 60


def day_exports(out: _Output) -> Iterator[OutputFile]:
    """/days/YYYY-MM-DD.md (a task list for a chat) and .json (the posts as data)."""
    ctx = out.context
    for day in ctx.days:
        posts, page = ctx.by_day[day], out.built("day", day)
        made = partial(_export_parts, out, day, posts, page)
        text = out.remember("day_markdown", partial(day_markdown, ctx, day, posts), made)
        yield OutputFile(page_path("day_markdown", day), text, export=True)
        data = out.remember("day_json", partial(day_json, ctx, day, posts, page, _card(page)), made)
        yield OutputFile(page_path("day_json", day), data, export=True)


def _export_parts(out: _Output, day: date, posts: list[PostView], page: str) -> tuple:
    """Everything a day's exports are made from (exports.py reads the plan's title and zone)."""
    return day, out.context.title, out.context.timezone, out.key_text(posts), page


def _card(page: str) -> Callable[[PostView], str]:
    """A post's card on the day page built at `page`: out.built("day", day, post.id), without
    quoting each post's id again."""
    return lambda post: page + "#" + fragment(post.id) if post.id else page


FILE_KINDS: tuple[Callable[[_Output], Iterator[OutputFile]], ...] = (calendar_feeds, day_exports)


# --- what the site copies and tells search ----------------------------------------------------


def _thumbnails(plan: Plan, attachments: list[Attachment]) -> dict[str, bytes]:
    """Each image attachment a card shows → its thumbnail (JPEG); one that cannot be read has none."""
    out = {}
    for attachment in attachments:
        rel = attachment.path.removeprefix("content/")
        if shows_as_picture(plan, rel):
            data = thumbnail(attachment.source)
            if data is not None:
                out[rel] = data
    return dict(sorted(out.items()))


def _attachments(plan: Plan) -> list[Attachment]:
    found: dict[str, Attachment] = {}
    for post in plan.posts:
        for rel in post.attach:
            if rel in found or rel in plan.unsafe_attachments:
                continue
            folder, inner = plan.attachment_file(rel)  # a network's library post: headquarters' file
            content = folder.resolve()
            source = (content / inner).resolve()
            if source.is_file() and source.is_relative_to(content):
                found[rel] = Attachment(page_path("attachment", rel), source)
    return sorted(found.values(), key=lambda a: a.path)


def _var_rows(playbook) -> list[tuple[str, str, str]]:
    rows = []
    for name, spec in playbook.meta.vars.items():
        if isinstance(spec, VarSpec):
            rows.append((name, spec.description or "", spec.default or ""))
        else:
            rows.append((name, spec or "", ""))
    return rows
