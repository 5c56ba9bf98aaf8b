"""load + model + enabled rules → a Report. No printing here (see report.py)."""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import assemble
from .validation import validate
from .load import Mapping, load_plan
from .model import Plan
from .problems import ERROR, OFF, SEVERITIES, WARNING, Problem, Where, did_you_mean, excerpt, reset_hints
from .rules._helpers import unique_posts
from .rules import CODES, DEFAULT_SEVERITY, RULES, RULES_BY_ID, STRUCTURAL
# One rule on one bad plan (a megabyte of 最最最…) could find a million problems: past this
# many, a rule stops and says so.
MAX_PER_RULE = 1_000
MAX_MESSAGE = 300


@dataclass
class Report:
    """The outcome of a check: the plan as built, and every problem, sorted."""

    plan: Plan
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def check(root: Path) -> Report:
    """Check the plan at `root`.

    Raises FileNotFoundError when there is no plan there, and load.PlanReadError (an
    OSError) when a plan file or folder exists but cannot be read: both are I/O failures.
    """
    site = root / "content" / "site.yml"
    if not (site.is_file() or site.is_symlink()):
        raise FileNotFoundError(f"no content/site.yml under {root}")
    reset_hints()
    plan, problems = _load(root)
    # The plan's objects all live until the end: frozen, the collector stops walking them
    # again while the rules allocate (a year's plan: 0.3-0.5 s a full collection).
    gc.freeze()
    try:
        return _check(plan, problems)
    finally:
        gc.unfreeze()


def _check(plan: Plan, problems: list[Problem]) -> Report:
    severities, options, config_problems = _configure(plan)
    problems += config_problems
    allowances = Allowances(plan)
    for rule in RULES:
        if severities.get(rule.ID) == OFF:
            continue
        found = 0
        for finding in rule.check(plan, _rule_options(rule, options.get(rule.ID, {}))):
            where, message = finding[0], finding[1]
            if len(finding) > 2 and allowances.suppresses(finding[2], rule.ID):
                continue
            found += 1
            if found > MAX_PER_RULE:
                problems.append(Problem(where.path, where.line, where.col, rule.ID,
                                        f"more than {MAX_PER_RULE} problems of this kind; fix these first"))
                break
            problems.append(Problem(where.path, where.line, where.col, rule.ID, message))
    problems += allowances.problems(severities)
    return Report(plan, _finish(problems, severities))


class Allowances:
    """`allow: {code: reason}` on posts, repeats and playbooks. A rule that yields the item a
    finding belongs to (a Post or a Playbook) as a third value lets the engine drop the finding
    when that item allows the code; what was never used, or has no reason, is reported."""

    def __init__(self, plan: Plan) -> None:
        self.items = [p for p in unique_posts(plan) if p.allow] + [p for p in plan.all_playbooks if p.meta.allow]
        self.used: set[tuple[int, str]] = set()

    def suppresses(self, item, code: str) -> bool:
        allow = _allow_of(item)
        if allow and code in allow:
            self.used.add((id(_owner(item)), code))
            return True
        return False

    def problems(self, severities: dict[str, str]) -> list[Problem]:
        out = []
        for item in self.items:
            for code, reason in sorted(_allow_of(item).items()):
                where = _allow_where(item, code)
                if not (reason or "").strip():
                    out.append(Problem(where.path, where.line, where.col, "allow-reason",
                                       f"allow: {code} has no reason; say why this finding is fine"))
                if (id(_owner(item)), code) in self.used:
                    continue
                if code not in RULES_BY_ID:
                    why = f"there is no rule '{excerpt(code)}'{did_you_mean(code, CODES)}"
                elif severities.get(code) == OFF:
                    why = f"{code} is switched off in site.yml"
                else:
                    why = f"{code} found nothing here; remove it so it cannot hide a later finding"
                out.append(Problem(where.path, where.line, where.col, "unused-allow", f"allow: {code}: {why}"))
        return out


def _owner(item):
    """A repeat's occurrences share one `allow`: they count as one item (their origin)."""
    return getattr(item, "origin", None) or item


def _allow_of(item) -> dict:
    meta = getattr(item, "meta", None)  # a Playbook keeps its front matter in .meta
    return (meta.allow if meta is not None else getattr(item, "allow", None)) or {}


def _allow_where(item, code: str) -> Where:
    model = getattr(item, "meta", None) or item
    return model.where("allow", code, key=True)


def _load(root: Path):
    """Load and assemble with the garbage collector paused: the loader builds hundreds of
    thousands of objects that all stay alive, and collecting while they grow re-scans them
    again and again (a year's plan: 5.5 s with it, 1.6 s without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return assemble(load_plan(root))
    finally:
        if was_enabled:
            gc.enable()


def _finish(problems: list[Problem], severities: dict[str, str]) -> list[Problem]:
    """Set severities, drop rules turned off, fold repeats' identical problems, sort."""
    out = {}
    for p in problems:
        severity = severities.get(p.code, ERROR)
        if severity == OFF:
            continue
        p = Problem(p.path, p.line, p.col, p.code, excerpt(p.message, MAX_MESSAGE), severity)
        out.setdefault(p.sort_key(), p)
    return [out[key] for key in sorted(out)]


def _configure(plan: Plan) -> tuple[dict[str, str], dict[str, dict], list[Problem]]:
    """Severity and options per rule from site.yml `rules:`; anything unknown is a problem."""
    severities = dict(DEFAULT_SEVERITY)
    options: dict[str, dict] = {}
    problems: list[Problem] = []
    origin = plan.site.origin if plan.site else None
    node = origin.node.get("rules") if origin else None
    if not isinstance(node, Mapping):
        return severities, options, problems
    path = origin.path
    for code, value in node.items():
        if code not in DEFAULT_SEVERITY:
            problems.append(Problem(path, *node.key_at[code], "unknown-field", f"no rule '{excerpt(code)}'{did_you_mean(code, CODES)}"))
            continue
        if value is None:
            continue
        if not isinstance(value, (str, Mapping)):
            problems.append(Problem(path, *node.value_at[code], "bad-value",
                                    f"rules.{code}: expected error, warning, off or a mapping of options"))
            continue
        severity, where = (value, node.value_at[code]) if isinstance(value, str) else (
            value.get("severity"), value.value_at.get("severity"))
        if severity is not None and code in STRUCTURAL and severity != ERROR:
            problems.append(Problem(path, *(where or node.value_at[code]), "bad-value",
                                    f"rules.{code}: '{code}' is always an error; it cannot be changed or "
                                    "switched off (the plan would lose files or read outside its folder)"))
            continue
        if severity is not None:
            if severity in SEVERITIES:
                severities[code] = severity
            else:
                problems.append(Problem(path, *where, "bad-value", f"rules.{code}.severity: expected error, warning "
                                        f"or off; got '{severity}'{did_you_mean(str(severity), SEVERITIES)}"))
        if isinstance(value, Mapping):
            params = value.without(("severity",))
            if params:
                options[code] = _options(code, params, path, problems)
        # A rule that is off unless the plan asks for it (alcohol-ad outside `industry:
        # alcohol`) is asked for by being named with a severity other than off.
        model = getattr(RULES_BY_ID.get(code), "Options", None)
        if model is not None and "enabled" in model.model_fields and severities.get(code) != OFF:
            options.setdefault(code, {}).setdefault("enabled", True)
    return severities, options, problems


def _rule_options(rule, given: dict):
    """The rule's options as its own model, defaults filled in (None for a rule with none)."""
    model = getattr(rule, "Options", None)
    return model.model_validate(given) if model is not None else None


def _options(code: str, params: Mapping, path: str, problems: list[Problem]) -> dict:
    model = getattr(RULES_BY_ID.get(code), "Options", None)
    if model is None:
        first = next(iter(params))
        problems.append(Problem(path, *params.key_at[first], "unknown-field", f"rule '{code}' takes no options"))
        return {}
    validated = validate(model, params, path, problems)
    return validated.model_dump(by_alias=True, exclude_none=True) if validated else {}


__all__ = ["Report", "check"]
