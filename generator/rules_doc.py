"""The rules page and `contentplan rules`, made from the rule modules themselves.

Every code the checker can emit is here: the structural codes, the load-time and suppression
codes (described in rules/__init__.py), and each rule module: its code and default severity,
its docstring (what it catches, why, a failing and a passing example, options) and its
`Options` model (names and defaults, written once). docs/rules.md is this page, kept in the
repository for developers; a test fails when it drifts.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field

from .i18n import _, language, paragraph
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
    """Every code, in the order `check` reports them: structural first, then the rules; in
    the current language (i18n.py), the examples as written."""
    docs = [RuleDoc(code, "error", paragraph(text), kind="structural") for code, text in STRUCTURAL.items()]
    docs += [RuleDoc(code, severity, paragraph(text), kind="load") for code, (severity, text) in LOAD_TIME.items()]
    docs += [_from_module(rule) for rule in RULES]
    docs += [RuleDoc(code, severity, paragraph(text), kind="suppression") for code, (severity, text) in SUPPRESSION.items()]
    return docs


def _split_doc(rule) -> tuple[str, list[str]]:
    """(what it catches: the docstring's first sentence, the rest as paragraphs)."""
    text = inspect.cleandoc(rule.__doc__ or "")
    head, _sep, rest = text.partition("\n")
    catches = head.split(":", 1)[1].strip() if head.startswith(rule.ID + ":") else head
    while not catches.endswith((".", "）", ")")) and rest and not rest.startswith("\n"):
        line, _sep, rest = rest.partition("\n")  # a first sentence that runs onto the next line
        catches = f"{catches} {line.strip()}"
    return catches, [p for p in rest.strip().split("\n\n") if p.strip()]


def _is_example(text: str) -> bool:
    """An indented block (after a `Failing::` line): copy or YAML, the same in every language."""
    return all(line.startswith((" ", "\t")) for line in text.split("\n") if line.strip())


def _from_module(rule) -> RuleDoc:
    catches, paragraphs = _split_doc(rule)
    details = "\n\n".join(p if _is_example(p) else paragraph(p) for p in paragraphs)
    return RuleDoc(rule.ID, rule.SEVERITY, paragraph(catches), details, _options(rule))


def _options(rule) -> list[tuple[str, str, str]]:
    model = getattr(rule, "Options", None)
    if model is None:
        return []
    out = []
    for name, info in model.model_fields.items():
        default = info.get_default(call_default_factory=True)
        shown = "—" if default is None or default == [] else repr(default) if isinstance(default, str) else str(default)
        out.append((info.alias or name, shown, paragraph(info.description or "")))
    return out


def doc_messages() -> Iterator[tuple[str, str]]:
    """(where, text) of every paragraph of rule documentation a translation needs: the
    catalogue's extraction (tools/messages.py) reads them here."""
    where = "generator/rules/__init__.py"
    for text in [*STRUCTURAL.values(), *(t for _s, t in LOAD_TIME.values()), *(t for _s, t in SUPPRESSION.values())]:
        yield where, text
    for rule in RULES:
        source = f"generator/rules/{rule.__name__.rsplit('.', 1)[-1]}.py"
        catches, paragraphs = _split_doc(rule)
        yield source, catches
        for text in paragraphs:
            if not _is_example(text):
                yield source, text
        model = getattr(rule, "Options", None)
        for info in model.model_fields.values() if model is not None else ():
            if info.description:
                yield source, info.description


def _env():
    return markdown_environment()  # suppression reasons and places are plan text: escaped there


def rules_markdown(suppressions: list[tuple[str, str, str]] | None = None, lang: str | None = None) -> str:
    """The rules page: every code, the platforms' numbers with their sources, and (for a plan's
    site) every suppression in the plan with its reason: (where, code, reason). In `lang`, or
    the language in force."""
    with language(lang):
        docs = rule_docs()
        return (
            _env()
            .get_template("rules.md.j2")
            .render(docs=docs, table=_one_per_code(docs), platforms=list(PLATFORMS.values()), suppressions=suppressions)
        )


def _one_per_code(docs: list[RuleDoc]) -> list[RuleDoc]:
    """One row per code (variant_range reports bad-value, a structural code, too)."""
    seen, out = set(), []
    for doc in docs:
        if doc.code not in seen:
            seen.add(doc.code)
            out.append(doc)
    return out


def rules_text(code: str | None = None, lang: str | None = None) -> str:
    """`contentplan rules [CODE]`: the same, for a terminal."""
    lines = []
    with language(lang):
        # the list names each code once; `rules CODE` shows every rule that reports it
        for doc in rule_docs() if code else _one_per_code(rule_docs()):
            if code and doc.code != code:
                continue
            lines.append(f"{doc.code} ({doc.severity}): {doc.catches}")
            if code:
                if doc.details:
                    lines += ["", doc.details]
                for name, default, description in doc.options:
                    lines.append(
                        _(
                            "  option {name} (default {default}) {description}",
                            name=name,
                            default=default,
                            description=description,
                        ).rstrip()
                    )
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
