"""Severity and options of each rule, read from site.yml `rules:` by the check (check.py),
once the plan is assembled; the check's result carries them (CheckResult.config).

Each rule declares its options as a pydantic model (`Options`, defaults written once); here the
site's settings are validated against it, at their lines, and each rule later receives its
model. An unknown rule or option, a bad severity, or a try to switch off a structural code is
a problem of the site file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .load import Mapping
from .model import Plan
from .problems import ERROR, OFF, SEVERITIES, Problem, Problems, did_you_mean, excerpt
from .rules import CODES, DEFAULT_SEVERITY, RULES_BY_ID, STRUCTURAL
from .validation import validate


@dataclass
class RuleConfig:
    """Each code's severity, and the options given for each rule (by alias, validated)."""

    severities: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    options: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def defaults(cls) -> RuleConfig:
        return cls()

    def options_for(self, rule):
        """The rule's options as its own model, defaults filled in (None for a rule with none)."""
        model = getattr(rule, "Options", None)
        return model.model_validate(self.options.get(rule.ID, {})) if model is not None else None


def read_rule_config(plan: Plan, problems: Problems) -> RuleConfig:
    """The `rules:` mapping of the plan's site.yml; what is wrong in it goes to `problems`."""
    severities, options = _configure(plan, problems)
    return RuleConfig(severities, options)


def _configure(plan: Plan, problems: Problems) -> tuple[dict[str, str], dict[str, dict]]:
    """Severity and options per rule from site.yml `rules:`; anything unknown is a problem."""
    severities = dict(DEFAULT_SEVERITY)
    options: dict[str, dict] = {}
    origin = plan.rules_from or (plan.site.origin if plan.site else None)  # a member's: headquarters' site.yml
    node = origin.node.get("rules") if origin else None
    if not isinstance(node, Mapping):
        return severities, options
    assert origin is not None  # the rules: mapping came from it
    path = origin.path
    for code, value in node.items():
        if code not in DEFAULT_SEVERITY:
            problems.add(
                Problem(path, *node.key_at[code], "unknown-field", f"no rule '{excerpt(code)}'{did_you_mean(code, CODES)}")
            )
            continue
        if value is None:
            continue
        if not isinstance(value, (str, Mapping)):
            problems.add(
                Problem(
                    path, *node.value_at[code], "bad-value", f"rules.{code}: expected error, warning, off or a mapping of options"
                )
            )
            continue
        severity, where = (
            (value, node.value_at[code]) if isinstance(value, str) else (value.get("severity"), value.value_at.get("severity"))
        )
        if severity is not None and code in STRUCTURAL and severity != ERROR:
            problems.add(
                Problem(
                    path,
                    *(where or node.value_at[code]),
                    "bad-value",
                    f"rules.{code}: '{code}' is always an error; it cannot be changed or "
                    "switched off (the plan would lose files or read outside its folder)",
                )
            )
            continue
        if severity is not None:
            if severity in SEVERITIES:
                severities[code] = severity
            else:
                problems.add(
                    Problem(
                        path,
                        *(where or node.value_at[code]),
                        "bad-value",
                        f"rules.{code}.severity: expected error, warning or off; got "
                        f"'{severity}'{did_you_mean(str(severity), SEVERITIES)}",
                    )
                )
        if isinstance(value, Mapping):
            params = value.without(("severity",))
            if params:
                options[code] = _options(code, params, path, problems)
        # A rule that is off unless the plan asks for it (alcohol-ad outside `industry:
        # alcohol`) is asked for by being named with a severity other than off.
        model = getattr(RULES_BY_ID.get(code), "Options", None)
        if model is not None and "enabled" in model.model_fields and severities.get(code) != OFF:
            options.setdefault(code, {}).setdefault("enabled", True)
    return severities, options


def _options(code: str, params: Mapping, path: str, problems: Problems) -> dict:
    model = getattr(RULES_BY_ID.get(code), "Options", None)
    if model is None:
        first = next(iter(params))
        problems.add(Problem(path, *params.key_at[first], "unknown-field", f"rule '{code}' takes no options"))
        return {}
    validated = validate(model, params, path, problems)
    return validated.model_dump(by_alias=True, exclude_none=True) if validated else {}
