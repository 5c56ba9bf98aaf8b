"""Pydantic validation errors → Problems at the line and column of the offending key or value."""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .i18n import _, _n
from .load import Mapping, Sequence
from .model import Model, Source
from .problems import Problem, Problems, did_you_mean, excerpt

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, path: str, problems: Problems, at: Any = None, fallback: dict | None = None) -> M | None:
    """Validate one item; add each error to `problems` at its key or value; None if it is unusable.

    With `fallback`, a mapping whose errors are all in top-level keys is validated again
    without those keys (stand-ins from `fallback` for required ones), so that what is right
    in it can still be used.
    """
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            problems.add(_problem(model, data, path, error, at))
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
    for name, key in _nested_fields(type(item)):
        value, sub_node = item.__dict__.get(name), node.get(key)
        if isinstance(value, BaseModel) and isinstance(sub_node, Mapping):
            _attach_sources(value, sub_node, path)
        elif isinstance(value, list) and isinstance(sub_node, Sequence):
            for sub, sub_item in zip(value, sub_node):
                if isinstance(sub, BaseModel) and isinstance(sub_item, Mapping):
                    _attach_sources(sub, sub_item, path)


@functools.cache
def _nested_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(field, key in the file) of each field of `model` that may hold a model or a list of
    them: the only ones _attach_sources looks into (a post has some thirty fields)."""
    return tuple((name, info.alias or name) for name, info in model.model_fields.items() if _may_hold_model(info.annotation))


def _may_hold_model(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_may_hold_model(arg) for arg in typing.get_args(annotation))


def _problem(model: type[BaseModel], data: Any, path: str, error: ErrorDetails, at: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    # Walk to the node that holds the error; remember the last position we could find.
    node, pos = data, getattr(data, "start", (1, 1))
    if at is not None:
        pos = at
    for i, step in enumerate(loc):
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.key_at:
            last = i == len(loc) - 1
            pos = node.key_at[step] if (kind == "extra_forbidden" and last) else node.value_at[step]
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            pos = node.item_at[step]
            node = node[step]
        else:
            break
    # TRANSLATORS: stands for the field's name when an error is about no field in particular
    name = ".".join(str(s) for s in loc if not isinstance(s, int)) or _("value")
    line, col = pos
    if kind == "missing":
        field = loc[-1] if loc else "?"
        return Problem(path, line, col, "missing-field", _("missing required field '{field}'", field=field))
    if kind == "extra_forbidden":
        field = str(loc[-1])
        known = sorted(_field_names(model, loc[:-1]))
        hint = did_you_mean(field, known)
        if not hint and known:
            message = _("unknown field '{field}'; expected one of: {known}", field=excerpt(field), known=", ".join(known))
        else:
            message = _("unknown field '{field}'{hint}", field=excerpt(field), hint=hint)
        return Problem(path, line, col, "unknown-field", message)
    if kind in ("model_type", "dict_type") and not loc:
        got = describe(data)
        return Problem(path, line, col, "bad-value", _("expected a mapping of fields, got {got}", got=got))
    # TRANSLATORS: a field (e.g. channels.0.time → "time") and what is wrong with its value
    return Problem(path, line, col, "bad-value", _("{field}: {why}", field=name, why=_explain(error, node)))


def _explain(error: ErrorDetails, node: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        expected = [e.strip().strip("'") for e in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        expected = [e for e in expected if e]
        got = node if isinstance(node, str) else None
        hint = did_you_mean(got, expected) if got else ""
        return _("expected one of {expected}; got {got}{hint}", expected=", ".join(expected), got=describe(node), hint=hint)
    if kind in ("list_type", "tuple_type"):
        return _("expected a list, got {got}", got=describe(node))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("expected a mapping, got {got}", got=describe(node))
    if kind in ("string_type",):
        return _("expected text, got {got}", got=describe(node))
    if kind.startswith("int_") or kind in ("greater_than_equal", "less_than_equal"):
        if "le" in ctx:
            return _("expected a whole number of at most {limit}, got {got}", limit=format(ctx["le"], ","), got=describe(node))
        if "ge" in ctx:
            return _("expected a whole number of at least {limit}, got {got}", limit=ctx["ge"], got=describe(node))
        return _("expected a whole number, got {got}", got=describe(node))
    if kind in ("too_short", "string_too_short"):
        return _("must not be empty")
    # pydantic's own words for the errors a plan can reach through a limit or a pattern, in
    # the catalogue; English stays exactly pydantic's message
    if kind == "string_too_long" and isinstance(ctx.get("max_length"), int):
        return _n(
            "String should have at most {n} character, got {got}",
            "String should have at most {n} characters, got {got}",
            ctx["max_length"],
            got=describe(node),
        )
    if kind == "too_long" and ctx.get("field_type") == "List" and isinstance(ctx.get("max_length"), int):
        return _n(
            "List should have at most {n} item after validation, not {actual}, got {got}",
            "List should have at most {n} items after validation, not {actual}, got {got}",
            ctx["max_length"],
            actual=ctx.get("actual_length"),
            got=describe(node),
        )
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        return _("String should match pattern '{pattern}', got {got}", pattern=ctx["pattern"], got=describe(node))
    if kind == "bool_parsing":
        return _("Input should be a valid boolean, unable to interpret input, got {got}", got=describe(node))
    if kind == "bool_type":
        return _("Input should be a valid boolean, got {got}", got=describe(node))
    # TRANSLATORS: {message} is the validation library's own English description of the error
    return _("{message}, got {got}", message=error["msg"], got=describe(node))


def describe(node: Any) -> str:
    """What a value is, for "expected …, got {got}": nothing, a mapping, a list or the value quoted."""
    if node is None:
        return _("nothing")
    if isinstance(node, Mapping):
        return _("a mapping")
    if isinstance(node, Sequence):
        return _("a list")
    # TRANSLATORS: a value from the plan, quoted
    return _("'{value}'", value=excerpt(node))


def _field_names(model: type[BaseModel], loc: tuple) -> set[str]:
    """The keys the model accepts at `loc` (for did-you-mean on unknown fields)."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(step) or next((f for f in current.model_fields.values() if f.alias == step), None)
            current = info.annotation if info else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return {(info.alias or name) for name, info in current.model_fields.items()}
    return set()


def _unwrap(tp: Any) -> Any:
    """Optional[X] / Annotated[X, ...] / Union[Model, ...] → the model or container inside."""
    for _step in range(5):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin is typing.Union:
            models = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = next((a for a in models if isinstance(a, type) and issubclass(a, BaseModel)), models[0])
        else:
            break
    return tp
