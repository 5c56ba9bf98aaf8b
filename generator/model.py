"""The content model: what users write (validated by pydantic) and the Plan later stages read.

Scalars reach these models as the raw text the user wrote (see load.py), so each field type
below says how to read its text: `Clock` reads `9:30` as 09:30, `Slug` keeps `no` a string.
No I/O here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlparse
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from .i18n import _
from .load import Mapping, MessageBlock, Sequence
from .platforms import PLATFORM_IDS
from .problems import Where, did_you_mean, excerpt
from .vocabulary import DEFAULT_STATUS, Kind, Status

# --- field types: how to read a raw scalar --------------------------------------------------

# Ids become file names and URLs: short enough for any file system (a day page's id anchor,
# a playbook's page), with nothing that needs escaping.
MAX_SLUG = 64
_SLUG = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_SLUG - 1}}}$", re.ASCII)
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# The window every date of a plan must fall in: a typo (0226, 9026) is caught at check, and
# nothing downstream (repeats, month pages, feeds) runs over centuries.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
# A placeholder name, and anything that starts like a placeholder (to catch malformed ones).
NAME = r"[^\W\d]\w{0,63}"
_NAME = re.compile(r"^" + NAME + r"$")


# Zone names every browser's Intl.DateTimeFormat knows: the IANA names without the
# posix/ and right/ copies and the local aliases (/today/ computes the day with them).
# Read when a zone is first validated (the tz database's walk is 15 ms of every check's start).
@functools.cache
def zones() -> frozenset[str]:
    return frozenset(
        zone
        for zone in available_timezones()
        if not zone.startswith(("posix/", "right/")) and zone not in ("localtime", "posixrules", "Factory")
    )


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text))


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG.fullmatch(value):
        if _SLUG.fullmatch(value[:MAX_SLUG]) and len(value) > MAX_SLUG:
            raise ValueError(_("'{value}' is longer than {limit} characters", value=excerpt(value), limit=MAX_SLUG))
        raise ValueError(_("'{value}' is not a slug (lowercase letters, digits and '-')", value=excerpt(value)))
    return value


# Ids that name a page of their own (channels/<id>/, campaigns/<id>/, playbooks/<id>/) may not
# take the name of the folder's list page.
RESERVED_PAGE_IDS = frozenset({"index"})


def _page_id(value: Any) -> Any:
    value = _slug(value)
    if isinstance(value, str) and value in RESERVED_PAGE_IDS:
        raise ValueError(_("'{value}' is reserved for the list page; choose another id", value=value))
    return value


def _name(value: Any) -> Any:
    if isinstance(value, str) and not _NAME.fullmatch(value):
        raise ValueError(
            _("'{value}' is not a placeholder name: letters, digits and _, not starting with a digit", value=excerpt(value))
        )
    return value


def _clock(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        m = _CLOCK.fullmatch(value.strip())
        if not m:
            raise ValueError(_("'{value}' is not a time of day: expected HH:MM, 24 h (e.g. \"09:30\")", value=excerpt(value)))
        return time(int(m.group(1)), int(m.group(2)))
    raise ValueError(_("expected a time of day HH:MM"))


def _day(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if _DATE.fullmatch(value.strip()):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(_("'{value}' is not a calendar date", value=excerpt(value))) from None
            if not FIRST_DAY <= day <= LAST_DAY:
                raise ValueError(
                    _(
                        "'{value}' is outside the years {first}-{last}; is the year a typo?",
                        value=value.strip(),
                        first=FIRST_DAY.year,
                        last=LAST_DAY.year,
                    )
                )
            return day
        raise ValueError(_("'{value}' is not a date: expected YYYY-MM-DD", value=excerpt(value)))
    raise ValueError(_("expected a date YYYY-MM-DD"))


_URL_BAD = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"'`]")
MAX_URL = 2000


def _url(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        try:
            parts = urlparse(text)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if (
            parts is None
            or parts.scheme.lower() not in ("http", "https")
            or not host
            or _URL_BAD.search(text)
            or len(text) > MAX_URL
        ):
            raise ValueError(_("'{value}' is not a web address (http:// or https://, no spaces or quotes)", value=excerpt(value)))
        return text
    raise ValueError(_("expected a web address"))


def _timezone(value: Any) -> Any:
    if isinstance(value, str) and value not in zones():
        raise ValueError(
            _(
                "'{value}' is not an IANA time zone name (e.g. Asia/Shanghai){hint}",
                value=excerpt(value),
                hint=did_you_mean(value, zones()),
            )
        )
    return value


_ATTACH_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")
# What a post may attach: media and documents an operator sends. Anything a browser or the
# site engine would run or render as a page (.html, .svg, .md, .js, .css …) is not on the list.
ATTACHMENT_TYPES = frozenset(
    {
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "avif",
        "bmp",
        "heic",
        "heif",  # images
        "mp4",
        "mov",
        "m4v",
        "webm",
        "mp3",
        "m4a",
        "aac",
        "wav",
        "amr",
        "ogg",  # video, audio
        "pdf",
        "txt",
        "csv",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "zip",  # documents
    }
)


def _attach_path(value: Any) -> Any:
    """A path under content/: relative, '/' between folders, no '..', nothing unprintable."""
    if isinstance(value, str):
        text = value.strip()
        if "\\" in text:
            raise ValueError(_("'{path}': use '/' between folders, not '\\'", path=excerpt(text)))
        if not text or _ATTACH_BAD.search(text) or len(text) > 255:
            raise ValueError(_("'{path}' is not a file path", path=excerpt(text)))
        parts = text.split("/")
        if text.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(_("'{path}' must be a path under content/, like assets/poster.jpg", path=excerpt(text)))
        kind = parts[-1].rpartition(".")[2].lower() if "." in parts[-1] else ""
        if kind not in ATTACHMENT_TYPES:
            raise ValueError(
                _(
                    "'{path}': attach images, video, audio or documents ({types})",
                    path=excerpt(text),
                    types=", ".join(sorted(ATTACHMENT_TYPES)),
                )
            )
        return text
    return value


def _quiet(value: Any) -> Any:
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) != 2:
            raise ValueError(_("'{value}' is not a span of hours: expected \"HH:MM-HH:MM\"", value=value))
        start, end = (_clock(p.strip()) for p in parts)
        if start == end:
            raise ValueError(_("'{value}' is an empty span: start and end are the same", value=value))
        return (start, end)
    return value


# Markdown the team writes is rendered by Python-Markdown, whose link parsing is quadratic in
# the number of '[' in a paragraph and whose block parsing recurses once per level of nesting:
# bounded here, so that a plan that checks clean also builds, and in bounded time.
MAX_MARKDOWN = 100_000  # a playbook's guidance
MAX_NOTE = 20_000  # a note or a campaign's description
MAX_LINK_BRACKETS = 500
MAX_ENTITIES = 2_000  # < > & become entities, each stashed: quadratic in their number
MAX_BLOCK_LINES = 500  # headings, rules, underlines: each re-splits its block (quadratic)
MAX_NESTING = 24
_BLOCK_LINE = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|[=-]+[ \t]*$|(?:[-*_][ \t]*){3,}$|`{3,}|~{3,})", re.MULTILINE)
_CONTAINERS = re.compile(r"[ \t]*(?:(?:[-*+>]|\d{1,9}[.)]|!!!|\?\?\?\+?)[ \t]+)*")


def markdown_trouble(text: str, limit: int = MAX_MARKDOWN) -> tuple[int, str] | None:
    """(0-based line, why) when Markdown is too big or too deep to render safely, else None.

    `why` says what is wrong without a subject ("is 120,000 characters; …"): the caller's
    message names the Markdown ("this Markdown {trouble}", "the guidance {trouble}")."""
    if len(text) > limit:
        # TRANSLATORS: follows a subject ("this Markdown", "the guidance")
        return 0, _(
            "is {size} characters; Markdown here is limited to {limit}", size=format(len(text), ","), limit=format(limit, ",")
        )
    if text.count("[") > MAX_LINK_BRACKETS:
        # TRANSLATORS: follows a subject ("this Markdown", "the guidance")
        return 0, _("has more than {limit} '['; split it (links are limited to keep the build fast)", limit=MAX_LINK_BRACKETS)
    if text.count("<") + text.count(">") + text.count("&") > MAX_ENTITIES:
        # TRANSLATORS: follows a subject ("this Markdown", "the guidance")
        return 0, _("has more than {limit} of < > &; split it", limit=format(MAX_ENTITIES, ","))
    if len(_BLOCK_LINE.findall(text)) > MAX_BLOCK_LINES:
        # TRANSLATORS: follows a subject ("this Markdown", "the guidance")
        return 0, _("has more than {limit} headings, rules or fences; split it", limit=MAX_BLOCK_LINES)
    for number, line in enumerate(text.split("\n")):
        prefix = _CONTAINERS.match(line).group(0)  # type: ignore[union-attr]  # the pattern matches ""
        indent = len(prefix.expandtabs(4)) - len(prefix.lstrip(" \t").expandtabs(4))
        markers = len(re.findall(r"[-*+>]|\d{1,9}[.)]|!!!|\?\?\?", prefix))
        if markers and indent // 2 + markers > MAX_NESTING:  # indented plain text is code, not nesting
            # TRANSLATORS: follows a subject ("this Markdown", "the guidance")
            return number, _("nests lists, quotes or notes more than {limit} deep", limit=MAX_NESTING)
    return None


def _markdown(value: Any) -> Any:
    if isinstance(value, str):
        trouble = markdown_trouble(value, MAX_NOTE)
        if trouble:
            raise ValueError(_("this Markdown {trouble}", trouble=trouble[1]))
    return value


# A name or a label (a title, a channel's or person's name, a headline, a tag) is one line of
# text: it lands in front matter, feeds, a terminal and a phone's title bar. No name has a use
# for control characters (C0, DEL, C1), line or paragraph separators, bidirectional overrides
# and isolates (which reorder what a reviewer sees), surrogates or noncharacters.
MAX_LABEL = 2_000
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Control characters (Cc), surrogates (Cs), line and paragraph separators (Zl, Zp), bidi
# controls and the noncharacters (FDD0-FDEF and the last two code points of every plane): one
# class, matched at C speed (a year's plan has 180,000 names). Unicode keeps these categories
# fixed (tests/test_model.py checks the class against unicodedata).
_UNFIT_FOR_A_NAME = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029"
    + _BIDI_CONTROLS
    + "\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


def _label(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > MAX_LABEL:
            raise ValueError(
                _("is {size} characters; a name or title may be at most {limit}", size=format(len(value), ","), limit=MAX_LABEL)
            )
        bad = _UNFIT_FOR_A_NAME.search(value)
        if bad is not None:
            raise ValueError(
                _(
                    "holds the control character U+{code}, which a name or title has no use for; write it on one line without it",
                    code=format(ord(bad.group()), "04X"),
                )
            )
    return value


def _listify(value: Any) -> Any:
    """A single scalar where a list is expected reads as a list of one (`tags: 入群`)."""
    return [value] if isinstance(value, str) else value


Text = Annotated[str, Field(min_length=1), AfterValidator(_label)]
Label = Annotated[str, AfterValidator(_label)]
Slug = Annotated[str, BeforeValidator(_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
PageId = Annotated[
    str,
    BeforeValidator(_page_id),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern, "not": {"enum": sorted(RESERVED_PAGE_IDS)}}),
]
Clock = Annotated[
    time,
    BeforeValidator(_clock),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}),
]
Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]
Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri"})]
AttachPath = Annotated[str, BeforeValidator(_attach_path), WithJsonSchema({"type": "string"})]
VarName = Annotated[str, BeforeValidator(_name), WithJsonSchema({"type": "string"})]
TimeZoneName = Annotated[str, BeforeValidator(_timezone), WithJsonSchema({"type": "string"})]
QuietHours = Annotated[
    tuple[time, time],
    BeforeValidator(_quiet),
    PlainSerializer(lambda q: f"{q[0]:%H:%M}-{q[1]:%H:%M}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$"}),
]
# vars values are filled into messages as written: 199 stays "199", 1.50 stays "1.50"
VarValue = Annotated[str, WithJsonSchema({"type": ["string", "number", "boolean"]})]
# Counts (variants, caps) are small numbers; a bound keeps arithmetic on them ordinary.
MarkdownText = Annotated[str, BeforeValidator(_markdown), WithJsonSchema({"type": "string", "maxLength": MAX_NOTE})]
Count = Annotated[int, Field(ge=1, le=10_000), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 10_000})]
PlatformId = Literal[PLATFORM_IDS]  # type: ignore[valid-type]


# --- where things stand in the files ---------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a written item stands: its file and the mapping it was read from."""

    path: str
    node: Mapping

    def where(self, *keys: str | int, key: bool = False) -> Where:
        """Position of the value at `keys` (nested; ints index lists), of the key with key=True.

        Where a key is not written, the position of the nearest written parent.
        """
        node, pos = self.node, self.node.start
        for name in keys:
            if isinstance(name, int) and isinstance(node, Sequence) and 0 <= name < len(node):
                pos, node = node.item_at[name], node[name]
            elif isinstance(node, Mapping) and name in node.key_at:
                pos = node.key_at[name] if key else node.value_at[name]
                node = node[name]
            else:
                break
        return Where(self.path, *pos)


def _keep(item: BaseModel, name: str, value: Any) -> None:
    """Set a private attribute in the instance dict. Rules read these in hot loops, and
    pydantic's own private-attribute lookup costs about a microsecond a read (40x slower)."""
    object.__setattr__(item, name, value)


class Model(BaseModel):
    """Base of what users write: unknown keys are mistakes, `source` says where it was read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    # Not a field, so that no key a user writes can set it (Topic has a `source` field of its
    # own). A class-level default, set per item in its dict by _keep: a pydantic PrivateAttr
    # would make every item (a year's plan has 90,000) fill a dict of defaults as it is made.
    _origin: ClassVar[Source | None] = None

    @property
    def origin(self) -> Source | None:
        """Where this item was read from; None for items made in code."""
        return self._origin

    def set_origin(self, origin: Source) -> None:
        _keep(self, "_origin", origin)

    def where(self, *keys: str | int, key: bool = False) -> Where:
        if self._origin is None:
            return Where("?")
        return self._origin.where(*keys, key=key)


# --- site.yml --------------------------------------------------------------------------------


ReminderMinutes = Annotated[int, Field(ge=0, le=7 * 24 * 60)]  # minutes, at most a week ahead
REMINDER_MINUTES = 10  # the calendar alarm before each post when site.yml sets none (one source)


# A suppression: rule code → the reason, shown on the rules page (an empty reason is a warning).
Allowances = dict[
    Annotated[str, Field(max_length=64, pattern=r"^[a-z][a-z0-9-]*$")], Annotated[str, Field(max_length=500)] | None
]


class Person(Model):
    """Someone on the team: owns channels and posts."""

    id: Slug
    name: Text
    role: Label | None = None


class Channel(Model):
    """A place posts go: one WeChat group, the Moments of one account, an official account…"""

    id: PageId
    name: Text
    platform: PlatformId
    owner: Slug | None = Field(default=None, description="default owner of its posts (a person id)")
    max_per_day: Count | None = Field(default=None, description="overrides the platform default")
    quiet_hours: QuietHours | None = Field(default=None, description='no post inside, e.g. "22:00-08:00" (may wrap midnight)')
    reminder_minutes: ReminderMinutes | None = Field(
        default=None, description="alarm before each of its posts in the calendar feeds; default the plan's"
    )
    max_per_month: Count | None = Field(default=None, description="posts in a calendar month, e.g. 企业微信 群发 caps")
    account: Literal["subscription", "service"] | None = Field(
        default=None, description="wechat-article only: subscription (1 群发 a day) or service (4 a month)"
    )


_SEVERITY_SCHEMA = {"enum": ["error", "warning", "off"]}
# Checked rule by rule in check.py (each rule has its own options), so only the shape here.
RuleSettings = Annotated[
    dict[str, Any],
    WithJsonSchema(
        {
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    _SEVERITY_SCHEMA,
                    {"type": "object", "properties": {"severity": _SEVERITY_SCHEMA}},
                ]
            },
        }
    ),
]


class SiteSettings(Model):
    """content/site.yml without its lists (validated item by item)."""

    title: Text
    timezone: TimeZoneName = Field(description="IANA name; every date and time is local to it")
    language: Literal["zh", "en"] = "zh"
    reminder_minutes: ReminderMinutes = Field(
        default=REMINDER_MINUTES, description="alarm before each post in the calendar feeds"
    )
    industry: Literal["alcohol"] | None = Field(
        default=None, description="turns on the industry's advertising rules (alcohol: 广告法 art. 23)"
    )
    rules: RuleSettings = Field(default={}, description="per-rule severity (error|warning|off) and options")


class Site(SiteSettings):
    """content/site.yml: plan settings, channels and people."""

    channels: list[Channel] = Field(min_length=1)
    people: list[Person] = []


# --- a network: network.yml and a member's own settings (network.py) -------------------------

MEMBER_KINDS = ("dealer", "store")  # 经销商, 门店


class Member(Model):
    """A dealer or store of a brand's network: its plan is the folder members/<id>/."""

    id: PageId
    name: Text
    kind: Literal["dealer", "store"] = "store"
    region: Label | None = Field(default=None, description="shown on headquarters' overview, e.g. 华东")


class NetworkSettings(Model):
    """network.yml without its list of members (validated one by one)."""

    title: Text


class MemberSettings(Model):
    """What only a member's content/site.yml holds in a network."""

    values: dict[VarName, VarValue] = Field(
        default={}, description="fill the library playbooks' {{placeholders}} after each post's vars: shop, address, price…"
    )
    opt_out: dict[Slug, Annotated[str, Field(max_length=500)] | None] = Field(
        default={}, description="library campaign id → why this member does not run it (headquarters reads it)"
    )


# What headquarters sets for the whole network, in library/content/site.yml: a member's
# site.yml may not change it (library-locked).
LIBRARY_SETTINGS = ("industry", "rules")


# --- campaigns.yml ---------------------------------------------------------------------------


class Campaign(Model):
    """A stretch of days with one goal; its posts are listed on its page."""

    id: PageId
    name: Text
    start: Day
    end: Day = Field(description="inclusive")
    goal: Label | None = None
    description: MarkdownText | None = Field(default=None, description="Markdown")


# --- calendar/*.yml --------------------------------------------------------------------------


class Topic(Model):
    """The hot topic a hot-topic post rides on."""

    name: Text
    source: Url | None = None
    spotted: Day | None = None
    expires: Day | None = None


class PostFields(Model):
    """Fields a post and a repeat share."""

    time: Clock = Field(description="HH:MM, 24 h, local to the plan timezone")
    channel: Slug
    playbook: Slug
    title: Label | None = Field(default=None, description="checklist label; default the playbook title")
    headline: Label | None = None
    # default_factory: pydantic deep-copies a literal {} or [] default for every post
    vars: dict[str, VarValue | None] = Field(default_factory=dict, json_schema_extra={"default": {}})
    variant: Count = 1
    topic: Topic | None = None
    attach: Annotated[list[AttachPath], BeforeValidator(_listify)] = Field(
        default_factory=list, description="paths relative to content/", json_schema_extra={"default": []}
    )
    owner: Slug | None = None
    campaign: Slug | None = None
    status: Status = DEFAULT_STATUS
    note: MarkdownText | None = Field(default=None, description="Markdown, shown on the checklist")
    allow: Allowances = Field(
        default_factory=dict, description="rule code → why its finding here is fine", json_schema_extra={"default": {}}
    )


class Post(PostFields):
    """One message on one channel at one minute. Written in a calendar, or a repeat occurrence."""

    date: Day
    id: Slug | None = Field(default=None, description="default derived from date, channel and time")
    # Set by assembly, never written by users: the repeat this is an occurrence of, and
    # whether the id was derived rather than written.
    _repeat: ClassVar[str | None] = None
    _derived_id: ClassVar[bool] = False

    @property
    def repeat(self) -> str | None:
        return self._repeat

    def set_origin(self, origin: Source) -> None:
        super().set_origin(origin)
        _keep(self, "_repeat", None)
        _keep(self, "_derived_id", False)

    def set_occurrence(self, origin: Source | None, repeat_id: str) -> None:
        """Mark this post as an occurrence of a repeat written at `origin`."""
        _keep(self, "_origin", origin)
        _keep(self, "_repeat", repeat_id)
        _keep(self, "_derived_id", False)

    def set_derived_id(self, post_id: str) -> None:
        self.__dict__["id"] = post_id  # (as pydantic's assignment does, without its cost)
        _keep(self, "_derived_id", True)

    @property
    def derived_id(self) -> bool:
        return self._derived_id

    @property
    def label(self) -> str:
        return self.title or ""

    @property
    def hhmm(self) -> str:
        return self.time.strftime("%H:%M")

    def where(self, *keys: str | int, key: bool = False) -> Where:
        # An occurrence has no place of its own: problems stand at the repeat.
        if self._repeat is not None and not keys and self._origin is not None:
            return Where(self._origin.path, *self._origin.node.start)
        return super().where(*keys, key=key)


class Repeat(PostFields):
    """A post written once that recurs: every day, weekday, week (on weekdays) or month (on days)."""

    id: Slug = Field(description="occurrence ids are <id>-<date>")
    every: Literal["day", "weekday", "week", "month"]
    on: Annotated[list[str], BeforeValidator(_listify)] = Field(
        default=[], description="with week: [mon, thu]; with month: [1, 15]"
    )
    from_: Day | None = Field(default=None, alias="from", description="default the campaign start")
    until: Day | None = Field(default=None, description="inclusive; default the campaign end")
    except_: Annotated[list[Day], BeforeValidator(_listify)] = Field(default=[], alias="except")


class CalendarFile(Model):
    """content/calendar/*.yml: defaults for the file, posts and repeats."""

    campaign: Slug | None = None
    owner: Slug | None = None
    posts: list[Post] = []
    repeats: list[Repeat] = []


# --- playbooks -------------------------------------------------------------------------------


class VarSpec(Model):
    """A placeholder a playbook's messages use."""

    description: Label | None = None
    default: VarValue | None = None


class PlaybookMeta(Model):
    """Front matter of playbooks/**/*.md."""

    id: PageId | None = Field(default=None, description="default the file stem")
    kind: Kind
    title: Text
    platforms: Annotated[list[PlatformId], BeforeValidator(_listify)] = []
    tags: Annotated[list[Text], BeforeValidator(_listify)] = []
    vars: dict[VarName, VarSpec | str | None] = {}
    allow: Allowances = Field(default={}, description="rule code → why its finding here is fine")


PLACEHOLDER = re.compile(r"\{\{ {0,8}(" + NAME + r") {0,8}\}\}")


def bad_placeholders(text: str) -> Iterator[tuple[int, str]]:
    """(offset, excerpt) of each `{{` that does not open a `{{name}}` placeholder.

    `{{ product | upper }}`, `{{x}` or `{{}}` would go out to customers verbatim. One pass:
    a run of braces is stepped over once, so a line of a million braces costs a million steps.
    """
    i = text.find("{{")
    while i != -1:
        j = i
        while text.startswith("{", j + 2):
            j += 1  # in `{{{name}}}` the placeholder is the innermost pair
        match = PLACEHOLDER.match(text, j)
        if match:
            i = text.find("{{", match.end())
            continue
        end = text.find("}}", j, j + 40)
        yield i, excerpt(text[i : end + 2 if end != -1 else i + 20].split("\n")[0], 40)
        i = text.find("{{", j + 2)


@functools.lru_cache(maxsize=4096)  # three rules ask for every post; a plan has a few hundred blocks
def _placeholders_in(text: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER.findall(text))


@dataclass
class Playbook:
    """A playbook: its front matter, its guidance (Markdown) and its message blocks."""

    id: str
    meta: PlaybookMeta
    path: str
    body: str
    body_line: int
    messages: list[MessageBlock]
    # In a network (network.py): a playbook of headquarters' library, which a member uses but
    # cannot change, and the member's `values:`, which fill its placeholders after a post's vars.
    library: bool = False
    values: dict[str, str] = field(default_factory=dict)
    # placeholders(variant), once each (messages are not changed after the playbook is read)
    _placeholders: dict[int | None, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def kind(self) -> Kind:
        return self.meta.kind

    @property
    def title(self) -> str:
        return self.meta.title

    def defaults(self) -> dict[str, str]:
        out = {}
        for name, spec in self.meta.vars.items():
            if isinstance(spec, VarSpec) and spec.default is not None:
                out[name] = spec.default
        if self.values:  # a member's values come before the playbook's defaults
            out.update(self.values)
        return out

    def placeholders(self, variant: int | None = None) -> frozenset[str]:
        found = self._placeholders.get(variant)  # three rules ask for every post
        if found is None:
            blocks = self.messages if variant is None else self.messages[variant - 1 : variant]
            found = self._placeholders[variant] = frozenset().union(*map(_placeholders_in, (block.text for block in blocks)))
        return found

    def render(self, variant: int, values: dict[str, str | None]) -> str:
        """The message block `variant` with placeholders filled; unknown names stay as written."""
        if not 1 <= variant <= len(self.messages):
            return ""
        merged = {**self.defaults(), **{k: v for k, v in values.items() if v is not None}}
        return PLACEHOLDER.sub(lambda m: merged.get(m.group(1), m.group(0)), self.messages[variant - 1].text)


# --- the plan --------------------------------------------------------------------------------


@dataclass
class Plan:
    """The validated plan, repeats expanded. The only thing later stages read."""

    root: Path
    site: Site | None
    channels: dict[str, Channel] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    playbooks: dict[str, Playbook] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)  # sorted by date, time, channel, id
    repeats: list[Repeat] = field(default_factory=list)
    calendars: list[tuple[str, CalendarFile]] = field(default_factory=list)
    # Everything as written, duplicates included, for rules that compare items.
    all_channels: list[Channel] = field(default_factory=list)
    all_people: list[Person] = field(default_factory=list)
    all_campaigns: list[Campaign] = field(default_factory=list)
    all_playbooks: list[Playbook] = field(default_factory=list)
    files_read: int = 0
    # Attachments refused as outside-root: never copied into the site.
    unsafe_attachments: set[str] = field(default_factory=set)
    # Ids written for channels, people, campaigns and playbooks, valid or not: a reference to a
    # broken channel is that channel's problem, not an unknown-channel at every post.
    declared: dict[str, set[str]] = field(default_factory=dict)
    # A member of a network (network.py): its id, and where its rule settings are written
    # (headquarters' site.yml); None for a plan on its own.
    member: str | None = None
    rules_from: Source | None = None
    opt_out: dict[str, str] = field(default_factory=dict)  # library campaign id → the member's reason
    # A member's attachments that a library post brings: their path in the member's site
    # (under content/assets/library/) → their path under headquarters' library/content/.
    library_content: Path | None = None
    library_attachments: dict[str, str] = field(default_factory=dict)

    def attachment_file(self, rel: str) -> tuple[Path, str]:
        """(the content/ folder an attachment's file is in, its path there): the plan's own, or
        headquarters' for one a library post brings."""
        inner = self.library_attachments.get(rel)
        if inner is not None and self.library_content is not None:
            return self.library_content, inner
        return self.root / "content", rel

    def knows(self, kind: str, item_id: str) -> bool:
        """Whether an item of `kind` (channel, person, campaign, playbook) is written with this id."""
        return item_id in self.declared.get(kind, ())

    @property
    def timezone(self) -> str:
        return self.site.timezone if self.site else "UTC"

    def posts_on(self, day: date) -> list[Post]:
        return [p for p in self.posts if p.date == day]

    def owner_of(self, post: Post) -> str | None:
        """The post's owner: its own, else its calendar file's (already applied), else its channel's."""
        if post.owner:
            return post.owner
        channel = self.channels.get(post.channel)
        return channel.owner if channel else None

    def message_of(self, post: Post) -> str:
        playbook = self.playbooks.get(post.playbook)
        return playbook.render(post.variant, post.vars) if playbook else ""

    def title_of(self, post: Post) -> str:
        if post.title:
            return post.title
        playbook = self.playbooks.get(post.playbook)
        return playbook.title if playbook else post.playbook
