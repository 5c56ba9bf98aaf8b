"""Documents → Plan: validate each item with the model, cascade defaults, expand repeats.

Items are validated one at a time, so one broken post costs only that post: the rest of the
plan is still assembled and checked. Every validation error becomes a Problem at the line
and column of the offending key or value.
"""
from __future__ import annotations

import difflib
import typing
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from .load import Document, Mapping, PlanSources, Sequence, load_plan
from .model import (
    WEEKDAYS,
    CalendarFile,
    Campaign,
    Channel,
    Person,
    Plan,
    Model,
    Playbook,
    PlaybookMeta,
    Post,
    PostFields,
    Repeat,
    Site,
    SiteSettings,
    Source,
)
from .problems import Problem

M = TypeVar("M", bound=BaseModel)


def assemble(sources: PlanSources) -> tuple[Plan, list[Problem]]:
    """Build the Plan from loaded files; return it with every problem found on the way."""
    problems: list[Problem] = list(sources.problems())
    plan = Plan(root=sources.root, site=None, files_read=sources.file_count)
    _site(sources.site, plan, problems)
    _campaigns(sources.campaigns, plan, problems)
    for source in sources.playbooks:
        _playbook(source, plan, problems)
    for doc in sources.calendars:
        _calendar(doc, plan, problems)
    plan.posts.sort(key=lambda p: (p.date, p.time, p.channel, p.id or ""))
    return plan, problems


def load_and_assemble(root: Path) -> tuple[Plan, list[Problem]]:
    return assemble(load_plan(root))


# --- validation: pydantic errors → problems ------------------------------------------------


def validate(model: type[M], data: Any, path: str, problems: list[Problem], at: Any = None,
             fallback: dict | None = None) -> M | None:
    """Validate one item; report each error at its key or value; None if it is unusable.

    With `fallback`, a mapping whose errors are all in top-level keys is validated again
    without those keys (stand-ins from `fallback` for required ones), so that what is right
    in it can still be used.
    """
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            problems.append(_problem(model, data, path, error, at))
        if fallback is None or not isinstance(data, Mapping):
            return None
        bad = {str(e["loc"][0]) for e in errors if e["loc"]}
        kept = {k: v for k, v in data.items() if k not in bad}
        kept.update({k: v for k, v in fallback.items() if k not in kept})
        try:
            item = model.model_validate(kept)
        except ValidationError:
            return None
    if isinstance(data, Mapping):
        _attach_sources(item, data, path)
    return item


def _attach_sources(item: BaseModel, node: Mapping, path: str) -> None:
    if not isinstance(item, Model):  # e.g. a rule's options
        return
    item.set_origin(Source(path, node))
    for name, value in item.__dict__.items():
        if isinstance(value, BaseModel) and isinstance(node.get(_alias(item, name)), Mapping):
            _attach_sources(value, node[_alias(item, name)], path)
        elif isinstance(value, list) and isinstance(node.get(_alias(item, name)), Sequence):
            for sub, sub_node in zip(value, node[_alias(item, name)]):
                if isinstance(sub, BaseModel) and isinstance(sub_node, Mapping):
                    _attach_sources(sub, sub_node, path)


def _alias(item: BaseModel, name: str) -> str:
    info = type(item).model_fields.get(name)
    return (info.alias if info and info.alias else name)


def _problem(model: type[BaseModel], data: Any, path: str, error: dict, at: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    # Walk to the node that holds the error; remember the last position we could find.
    node, pos = data, getattr(data, "start", (1, 1))
    if at is not None:
        pos = at
    parent_pos = pos
    for i, step in enumerate(loc):
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.key_at:
            parent_pos = pos
            last = i == len(loc) - 1
            pos = node.key_at[step] if (kind == "extra_forbidden" and last) else node.value_at[step]
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            parent_pos = pos
            pos = node.item_at[step]
            node = node[step]
        else:
            break
    name = ".".join(str(s) for s in loc if not isinstance(s, int)) or "value"
    line, col = pos
    if kind == "missing":
        field = loc[-1] if loc else "?"
        return Problem(path, line, col, "missing-field", f"missing required field '{field}'")
    if kind == "extra_forbidden":
        field = str(loc[-1])
        known = sorted(_field_names(model, loc[:-1]))
        hint = _did_you_mean(field, known)
        message = f"unknown field '{field}'{hint}"
        if not hint and known:
            message += f"; expected one of: {', '.join(known)}"
        return Problem(path, line, col, "unknown-field", message)
    if kind in ("model_type", "dict_type") and not loc:
        got = _describe(data)
        return Problem(path, line, col, "bad-value", f"expected a mapping of fields, got {got}")
    return Problem(path, line, col, "bad-value", f"{name}: {_explain(error, node)}")


def _explain(error: dict, node: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        expected = [e for e in expected if e]
        got = node if isinstance(node, str) else None
        hint = _did_you_mean(got, expected) if got else ""
        return f"expected one of {', '.join(expected)}; got {_describe(node)}{hint}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_describe(node)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, got {_describe(node)}"
    if kind in ("string_type",):
        return f"expected text, got {_describe(node)}"
    if kind.startswith("int_") or kind == "greater_than_equal":
        return f"expected a whole number{_bound(ctx)}, got {_describe(node)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    return f"{error['msg']}, got {_describe(node)}"


def _bound(ctx: dict) -> str:
    return f" of at least {ctx['ge']}" if "ge" in ctx else ""


def _describe(node: Any) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return f"'{node}'"


def _did_you_mean(word: str | None, choices: typing.Iterable[str]) -> str:
    if not word:
        return ""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    return _did_you_mean(word, choices)


def _field_names(model: type[BaseModel], loc: tuple) -> set[str]:
    """The keys the model accepts at `loc` (for did-you-mean on unknown fields)."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(step) or next(
                (f for f in current.model_fields.values() if f.alias == step), None
            )
            current = info.annotation if info else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {
            (info.alias or name)
            for name, info in current.model_fields.items()
        }
    return set()


def _unwrap(tp: Any) -> Any:
    """Optional[X] / Annotated[X, ...] / Union[Model, ...] → the model or container inside."""
    for _ in range(5):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin is typing.Union:
            models = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = next((a for a in models if isinstance(a, type) and issubclass(a, BaseModel)), models[0])
        else:
            break
    return tp


# --- site, campaigns, playbooks ------------------------------------------------------------


def _expect_mapping(doc: Document, what: str, problems: list[Problem]) -> Mapping | None:
    if doc.data is None and not doc.problems:
        problems.append(Problem(doc.path, 1, 1, "bad-value", f"the file is empty: expected {what}"))
        return None
    if doc.data is None:
        return None
    if not isinstance(doc.data, Mapping):
        line, col = getattr(doc.data, "start", (1, 1))
        problems.append(
            Problem(doc.path, line, col, "bad-value", f"expected {what}, got {_describe(doc.data)}")
        )
        return None
    return doc.data


def _items(data: Mapping, key: str, path: str, problems: list[Problem]) -> Iterator[tuple[Any, Any]]:
    """The items of a list field, each with its position; a non-list is reported once."""
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, Sequence):
        line, col = data.value_at[key]
        problems.append(Problem(path, line, col, "bad-value", f"{key}: expected a list, got {_describe(value)}"))
        return
    yield from zip(value, value.item_at)


def _site(doc: Document | None, plan: Plan, problems: list[Problem]) -> None:
    if doc is None:
        return
    data = _expect_mapping(doc, "a mapping with title, timezone and channels", problems)
    if data is None:
        return
    head = data.without(("channels", "people"))
    # Keep going with stand-ins for broken settings, so channel and post rules still run.
    settings = validate(SiteSettings, head, doc.path, problems, fallback={"title": "(untitled plan)", "timezone": "UTC"})
    if "channels" not in data:
        problems.append(Problem(doc.path, *data.start, "missing-field", "missing required field 'channels'"))
    elif isinstance(data["channels"], Sequence) and not data["channels"]:
        problems.append(Problem(doc.path, *data.value_at["channels"], "bad-value", "channels: list at least one channel"))
    for key, model in (("channels", Channel), ("people", Person)):
        found = []
        for item, pos in _items(data, key, doc.path, problems):
            _declare(plan, "channel" if key == "channels" else "person", item)
            entity = validate(model, item, doc.path, problems, at=pos, fallback={})
            if entity is not None:
                found.append(entity)
        setattr(plan, f"all_{key}", found)
        setattr(plan, key, _first_by_id(found))
    settings = settings or SiteSettings.model_construct(title="(untitled plan)", timezone="UTC", language="zh", reminder_minutes=10, rules={})
    plan.site = Site.model_construct(**dict(settings), channels=plan.all_channels, people=plan.all_people)
    plan.site.set_origin(Source(doc.path, data))


def _declare(plan: Plan, kind: str, item: Any) -> None:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        plan.declared.setdefault(kind, set()).add(item["id"])


def _first_by_id(items: list) -> dict:
    out: dict = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


def _campaigns(doc: Document | None, plan: Plan, problems: list[Problem]) -> None:
    if doc is None:
        return
    if doc.data is None:
        return  # an empty campaigns.yml means no campaigns
    if not isinstance(doc.data, Sequence):
        line, col = getattr(doc.data, "start", (1, 1))
        problems.append(
            Problem(doc.path, line, col, "bad-value", f"expected a list of campaigns, got {_describe(doc.data)}")
        )
        return
    for item, pos in zip(doc.data, doc.data.item_at):
        _declare(plan, "campaign", item)
        campaign = validate(Campaign, item, doc.path, problems, at=pos, fallback={})
        if campaign is None:
            continue
        if campaign.end < campaign.start:
            w = campaign.where("end")
            problems.append(Problem(doc.path, w.line, w.col, "bad-value", f"end: {campaign.end} is before start {campaign.start}"))
        plan.all_campaigns.append(campaign)
    plan.campaigns = _first_by_id(plan.all_campaigns)


def _playbook(source, plan: Plan, problems: list[Problem]) -> None:
    doc = source.front
    if doc.problems and doc.data is None:
        return
    data = _expect_mapping(doc, "front matter with kind and title", problems)
    if data is None:
        plan.declared.setdefault("playbook", set()).add(Path(doc.path).stem)
        return
    plan.declared.setdefault("playbook", set()).add(data["id"] if isinstance(data.get("id"), str) else Path(doc.path).stem)
    meta = validate(PlaybookMeta, data, doc.path, problems, fallback={})
    if meta is None:
        return
    pid = meta.id
    if pid is None:
        pid = Path(doc.path).stem
        if not _is_slug(pid):
            problems.append(
                Problem(doc.path, *data.start, "bad-value",
                        f"the file name '{pid}' is not a slug; add an 'id:' (lowercase letters, digits, '-')")
            )
            return
    playbook = Playbook(pid, meta, doc.path, source.body, source.body_line, source.messages)
    plan.all_playbooks.append(playbook)
    plan.playbooks.setdefault(pid, playbook)


def _is_slug(text: str) -> bool:
    from .model import _SLUG

    return bool(_SLUG.match(text))


# --- calendars -----------------------------------------------------------------------------


def _calendar(doc: Document, plan: Plan, problems: list[Problem]) -> None:
    data = _expect_mapping(doc, "a mapping with posts and/or repeats", problems)
    if data is None:
        return
    head = data.without(("posts", "repeats"))
    defaults = validate(CalendarFile, head, doc.path, problems, fallback={}) or CalendarFile()
    defaults.set_origin(Source(doc.path, data))
    plan.calendars.append((doc.path, defaults))
    for item, pos in _items(data, "posts", doc.path, problems):
        post = validate(Post, item, doc.path, problems, at=pos, fallback={})
        if post is not None:
            plan.posts.append(_resolve(post, defaults, plan))
    for item, pos in _items(data, "repeats", doc.path, problems):
        repeat = validate(Repeat, item, doc.path, problems, at=pos, fallback={})
        if repeat is not None:
            plan.repeats.append(repeat)
            plan.posts.extend(_expand(repeat, defaults, plan, problems))


def _resolve(post: Post, defaults: CalendarFile, plan: Plan) -> Post:
    """Cascade defaults: post, then file, then channel owner; derive a stable id."""
    if post.campaign is None and defaults.campaign:
        post.campaign = defaults.campaign
    if post.owner is None:
        channel = plan.channels.get(post.channel)
        post.owner = defaults.owner or (channel.owner if channel else None)
    if post.id is None:
        post.set_derived_id(f"{post.date.isoformat()}-{post.channel}-{post.time.strftime('%H%M')}")
    return post


def _expand(repeat: Repeat, defaults: CalendarFile, plan: Plan, problems: list[Problem]) -> list[Post]:
    """One Post per occurrence, ids <repeat id>-<date>; problems stand at the repeat."""
    path = repeat.origin.path if repeat.origin else "?"
    campaign = plan.campaigns.get(repeat.campaign or defaults.campaign or "")
    start = repeat.from_ or (campaign.start if campaign else None)
    end = repeat.until or (campaign.end if campaign else None)
    for key, value in (("from", start), ("until", end)):
        if value is None:
            w = repeat.where()
            problems.append(
                Problem(path, w.line, w.col, "missing-field",
                        f"missing required field '{key}' (a repeat needs 'from' and 'until', or a campaign that has them)")
            )
    if start is None or end is None:
        return []
    if end < start:
        w = repeat.where("until")
        problems.append(Problem(path, w.line, w.col, "bad-value", f"until: {end} is before from {start}"))
        return []
    match = _matcher(repeat, start, problems)
    if match is None:
        return []
    fields = {name: getattr(repeat, name) for name in PostFields.model_fields}
    skip = set(repeat.except_)
    out = []
    day = start
    while day <= end:
        if day not in skip and match(day):
            post = Post.model_construct(**fields, date=day, id=f"{repeat.id}-{day.isoformat()}")
            post.set_occurrence(repeat.origin, repeat.id)
            out.append(_resolve(post, defaults, plan))
        day += timedelta(days=1)
    return out


def _matcher(repeat: Repeat, start: date, problems: list[Problem]):
    path = repeat.origin.path if repeat.origin else "?"
    w = repeat.where("on")

    def bad(message: str) -> None:
        problems.append(Problem(path, w.line, w.col, "bad-value", message))

    if repeat.every in ("day", "weekday"):
        if repeat.on:
            bad(f"on: only with 'every: week' (weekdays) or 'every: month' (days), not 'every: {repeat.every}'")
            return None
        return (lambda d: True) if repeat.every == "day" else (lambda d: d.weekday() < 5)
    if repeat.every == "week":
        days = [str(v).strip().lower()[:3] for v in repeat.on] or [WEEKDAYS[start.weekday()]]
        wrong = [v for v in repeat.on if str(v).strip().lower()[:3] not in WEEKDAYS]
        if wrong:
            bad(f"on: '{wrong[0]}' is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
            return None
        wanted = {WEEKDAYS.index(d) for d in days}
        return lambda d: d.weekday() in wanted
    numbers = []
    for v in repeat.on or [str(start.day)]:
        if not str(v).strip().isdigit() or not 1 <= int(str(v).strip()) <= 31:
            bad(f"on: '{v}' is not a day of the month (1 to 31)")
            return None
        numbers.append(int(str(v).strip()))
    wanted_days = set(numbers)
    return lambda d: d.day in wanted_days
