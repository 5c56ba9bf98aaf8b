"""The rules page and `contentplan rules`, made from the rule modules themselves.

Every code the checker can emit is here: the structural codes, the load-time and suppression
codes (described in rules/__init__.py), and each rule module: its code and default severity,
its docstring (what it catches, why, a failing and a passing example, options) and its
`Options` model (names and defaults, written once). docs/rules.md is this page, kept in the
repository for developers; a test fails when it drifts.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from .platforms import PLATFORMS
from .rules import LOAD_TIME, RULES, STRUCTURAL, SUPPRESSION
from .templating import markdown_environment


@dataclass(frozen=True)
class RuleDoc:
    code: str
    severity: str
    catches: str
    details: str = ""  # why, examples, options: the rest of the docstring, as written
    options: list[tuple[str, str, str]] = field(default_factory=list)  # name, default, description
    kind: str = "rule"


def rule_docs() -> list[RuleDoc]:
    """Every code, in the order `check` reports them: structural first, then the rules."""
    docs = [RuleDoc(code, "error", text, kind="structural") for code, text in STRUCTURAL.items()]
    docs += [RuleDoc(code, severity, text, kind="load") for code, (severity, text) in LOAD_TIME.items()]
    docs += [_from_module(rule) for rule in RULES]
    docs += [RuleDoc(code, severity, text, kind="suppression") for code, (severity, text) in SUPPRESSION.items()]
    return docs


def _from_module(rule) -> RuleDoc:
    text = inspect.cleandoc(rule.__doc__ or "")
    head, _, rest = text.partition("\n")
    catches = head.split(":", 1)[1].strip() if head.startswith(rule.ID + ":") else head
    while not catches.endswith((".", "）", ")")) and rest and not rest.startswith("\n"):
        line, _, rest = rest.partition("\n")  # a first sentence that runs onto the next line
        catches = f"{catches} {line.strip()}"
    return RuleDoc(rule.ID, rule.SEVERITY, catches, rest.strip(), _options(rule))


def _options(rule) -> list[tuple[str, str, str]]:
    model = getattr(rule, "Options", None)
    if model is None:
        return []
    out = []
    for name, info in model.model_fields.items():
        default = info.get_default(call_default_factory=True)
        shown = "—" if default is None or default == [] else repr(default) if isinstance(default, str) else str(default)
        out.append((info.alias or name, shown, info.description or ""))
    return out


def _env():
    return markdown_environment()  # suppression reasons and places are plan text: escaped there


def rules_markdown(suppressions: list[tuple[str, str, str]] | None = None) -> str:
    """The rules page: every code, the platforms' numbers with their sources, and (for a plan's
    site) every suppression in the plan with its reason: (where, code, reason)."""
    return _env().get_template("rules.md.j2").render(
        docs=rule_docs(), table=_one_per_code(rule_docs()), platforms=list(PLATFORMS.values()),
        suppressions=suppressions)


def _one_per_code(docs: list[RuleDoc]) -> list[RuleDoc]:
    """One row per code (variant_range reports bad-value, a structural code, too)."""
    seen, out = set(), []
    for doc in docs:
        if doc.code not in seen:
            seen.add(doc.code)
            out.append(doc)
    return out


def rules_text(code: str | None = None) -> str:
    """`contentplan rules [CODE]`: the same, for a terminal."""
    lines = []
    for doc in rule_docs():
        if code and doc.code != code:
            continue
        lines.append(f"{doc.code} ({doc.severity}): {doc.catches}")
        if code:
            if doc.details:
                lines += ["", doc.details]
            for name, default, description in doc.options:
                lines.append(f"  option {name} (default {default}) {description}".rstrip())
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
