"""load + model + enabled rules → a Report. No printing here (see report.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .assemble import _problem, assemble, did_you_mean
from .load import Mapping, load_plan
from .model import Plan, RuleSetting
from .problems import ERROR, OFF, WARNING, Problem
from .rules import CODES, DEFAULT_SEVERITY, RULES


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
    """Check the plan at `root`. Raises FileNotFoundError when there is no plan there."""
    if not (root / "content" / "site.yml").is_file():
        raise FileNotFoundError(f"no content/site.yml under {root}")
    plan, problems = assemble(load_plan(root))
    severities, options, config_problems = _configure(plan)
    problems += config_problems
    for rule in RULES:
        if severities.get(rule.ID) == OFF:
            continue
        for where, message in rule.check(plan, options.get(rule.ID, {})):
            problems.append(Problem(where.path, where.line, where.col, rule.ID, message))
    return Report(plan, _finish(problems, severities))


def _finish(problems: list[Problem], severities: dict[str, str]) -> list[Problem]:
    """Set severities, drop rules turned off, fold repeats' identical problems, sort."""
    out = {}
    for p in problems:
        severity = severities.get(p.code, ERROR)
        if severity == OFF:
            continue
        p = Problem(p.path, p.line, p.col, p.code, p.message, severity)
        out.setdefault(p.sort_key(), p)
    return [out[key] for key in sorted(out)]


def _configure(plan: Plan) -> tuple[dict[str, str], dict[str, dict], list[Problem]]:
    """Severity and options per rule from site.yml `rules:`; unknown names are problems."""
    severities = dict(DEFAULT_SEVERITY)
    options: dict[str, dict] = {}
    problems: list[Problem] = []
    site = plan.site
    if site is None or not site.rules:
        return severities, options, problems
    node = site.origin.node.get("rules") if site.origin else None
    node = node if isinstance(node, Mapping) else None
    modules = {rule.ID: rule for rule in RULES if getattr(rule, "Options", None)}
    path = site.origin.path if site.origin else "content/site.yml"
    for code, setting in site.rules.items():
        line, col = node.key_at.get(code, node.start) if node else (1, 1)
        if code not in DEFAULT_SEVERITY:
            problems.append(
                Problem(path, line, col, "unknown-field", f"no rule '{code}'{did_you_mean(code, CODES)}")
            )
            continue
        if isinstance(setting, str):
            severities[code] = setting
            continue
        if setting.severity:
            severities[code] = setting.severity
        params = dict(setting.model_extra or {})
        if not params:
            continue
        model: type[BaseModel] | None = getattr(modules.get(code), "Options", None)
        if model is None:
            problems.append(Problem(path, line, col, "unknown-field", f"rule '{code}' takes no options"))
            continue
        raw = node[code] if node else params
        raw = {k: v for k, v in raw.items() if k != "severity"} if isinstance(raw, Mapping) else params
        sub = Mapping(raw.start if isinstance(raw, Mapping) else (line, col))
        if isinstance(raw, Mapping):
            for k in raw:
                sub[k], sub.key_at[k], sub.value_at[k] = raw[k], raw.key_at[k], raw.value_at[k]
        try:
            options[code] = model.model_validate(sub).model_dump(by_alias=True, exclude_none=True)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                problems.append(_problem(model, sub, path, error, None))
    return severities, options, problems


__all__ = ["Report", "RuleSetting", "check"]
