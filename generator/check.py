"""load + assemble + enabled rules → a CheckResult. No printing here: report.py formats
the problems for the terminal and CI.

The plan is loaded and assembled, its rules' severities and options are read from site.yml
`rules:` (rule_config.py), one PlanIndex is made for the budget and the rules to share
(plan_index.py), each enabled rule runs, `allow:` suppressions are applied, and every problem
gets its severity once. All problems go into one collector (problems.Problems).
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .assemble import CalendarPiece, assemble, read_calendar
from .budget import check_budget
from .check_cache import CheckCache
from .i18n import DEFAULT, _, language, plan_language
from .load import UNREADABLE, load_plan, read_yaml
from .model import Plan
from .network import is_network
from .parallel import beside
from .plan_index import PlanIndex
from .problems import ERROR, OFF, WARNING, Problem, Problems, Where, did_you_mean, excerpt, hints_left, reset_hints
from .rule_config import RuleConfig, read_rule_config
from .rules import CODES, COPY_RULES, RULES, RULES_BY_ID

if TYPE_CHECKING:
    from .network import Library

# One rule on one bad plan (a megabyte of 最最最…) could find a million problems: past this
# many, a rule stops and says so.
MAX_PER_RULE = 1_000
MAX_MESSAGE = 300


class _Counted:
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


@dataclass
class CheckResult(_Counted):
    """The outcome of a check: the plan as built, the rule configuration it was checked with
    (site.yml `rules:`), and every problem, sorted, with its severity settled."""

    plan: Plan
    config: RuleConfig
    problems: list[Problem]
    language: str = DEFAULT  # what the messages are in (i18n.plan_language)


@dataclass
class Outcome(_Counted):
    """What `contentplan check` reports: every problem, sorted, and how much was read."""

    problems: list[Problem]
    files_read: int
    posts: int
    language: str = DEFAULT


@dataclass
class Tally:
    """What a check used of its bounds, for check_again.py to know whether checking one file
    again gives what checking the whole plan would: each rule's findings by the file they are
    in, whether a rule stopped at MAX_PER_RULE, and did-you-mean comparisons made."""

    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (rule, path) -> findings kept
    capped: bool = False
    hints: int = 0
    start: int = 0  # hints_left() when the check began
    texts: dict[str, int] = field(default_factory=dict)  # calendar file -> characters of text (budget.MAX_TEXT)


def check(root: Path, lang: str | None = None, *, cache: bool = False, cores: int = 1, member: str | None = None) -> CheckResult:
    """Check the plan at `root`, its messages in `lang` (default: the environment's
    CONTENTPLAN_LANG, else the plan's `language:`; i18n.plan_language). With `cache`, what
    the calendar files say on their own is kept for the next check (check_cache.py); with
    `cores` over 1, work is shared with a forked copy of this process (parallel.py: only from a
    process with no other threads). The problems are the same either way.

    Raises FileNotFoundError when there is no plan there, and load.PlanReadError (an
    OSError) when a plan file or folder exists but cannot be read: both are I/O failures.
    """
    if member is not None or is_network(root):  # one member of a brand's network (network.py)
        from .network_check import check_member

        return check_member(root, member, lang, cache=cache, cores=cores)
    site = root / "content" / "site.yml"
    if not (site.is_file() or site.is_symlink()):
        raise FileNotFoundError(
            _(
                "no content/site.yml under {root}; run contentplan with --root at the plan's folder, "
                "or contentplan init to start one",
                root=root,
            )
        )
    with language(plan_language(site, lang)) as chosen:
        store = CheckCache.open(root, chosen) if cache else None
        result = _check_in_language(root, store, cores)
        result.language = chosen
        if store is not None:
            store.save()
        return result


def check_outcome(
    root: Path, lang: str | None = None, *, cache: bool = False, cores: int = 1, member: str | None = None
) -> Outcome:
    """What `contentplan check` prints: the problems check() finds, found file by file
    (check_again.check_by_files). With `cache`, a plan checked before in which only calendar
    files changed is checked again from what the last check kept (check_again.check_again),
    without reading the rest of the plan."""
    site = root / "content" / "site.yml"
    if member is not None or not (site.is_file() or site.is_symlink()) or is_network(root):
        result = check(root, lang, cache=cache, cores=cores, member=member)
        return Outcome(result.problems, result.plan.files_read, len(result.plan.posts), result.language)
    from . import check_again

    with language(plan_language(site, lang)) as chosen:
        outcome = check_again.check_again(root, chosen, cores) if cache else None
        if outcome is None:
            outcome = check_again.check_by_files(root, chosen, cores, keep=cache)
        if outcome is not None:
            return outcome
    result = check(root, lang, cache=cache, cores=cores)  # a plan near a bound of the whole plan
    return Outcome(result.problems, result.plan.files_read, len(result.plan.posts), result.language)


def _check_in_language(root: Path, store: CheckCache | None = None, cores: int = 1) -> CheckResult:
    return check_part(root, store, cores)


def check_part(
    root: Path, store: CheckCache | None = None, cores: int = 1, base: str = "", library: Library | None = None
) -> CheckResult:
    """Check the plan whose files are under `base` in `root` (a member of a network: base
    members/<id>/, `library` headquarters', whose own problems are added to the member's)."""
    reset_hints()
    plan, problems = _load(root, store, cores, base, library)
    if library is not None:
        problems.extend(library.problems)
    # The plan's objects all live until the end: frozen, the collector stops walking them
    # again while the rules allocate (a year's plan: 0.3-0.5 s a full collection).
    gc.freeze()
    try:
        return _check(plan, problems, cores)
    finally:
        gc.unfreeze()


def check_assembled(plan: Plan, problems: Problems) -> CheckResult:
    """The rules over a plan assembled already (with the problems found doing it)."""
    reset_hints()
    return _check(plan, problems)


def _check(plan: Plan, problems: Problems, cores: int = 1, tally: Tally | None = None, rules=RULES) -> CheckResult:
    """The budget and `rules` (those not switched off) over the assembled plan."""
    config = read_rule_config(plan, problems)  # site.yml `rules:`; defaults for a plan without
    severities = config.severities
    index = PlanIndex(plan)  # made once, for the budget and every rule; dropped with this check
    allowances = Allowances(index)
    enabled = [rule for rule in rules if severities.get(rule.ID) != OFF]
    hints = hints_left()

    def scan_copy() -> tuple[tuple[Problem, ...], set[tuple[int, str]], dict[tuple[str, str], int], bool, int]:
        """The rules that read the copy as published: about half of the rules' time."""
        reset_hints(hints)  # the same hints whether this runs beside the rest or after it
        found, counted = Problems(), Tally()
        for rule in enabled:
            if rule in COPY_RULES:
                _run(rule, plan, index, config.options_for(rule), allowances, found, counted)
        return found.found, allowances.used, counted.counts, counted.capped, hints - hints_left()

    copy_scanned = beside(scan_copy) if cores > 1 else scan_copy
    # what the build will make of the plan, bounded before any rule runs
    problems.extend(check_budget(plan, index, tally.texts if tally is not None else None))
    for rule in enabled:
        if rule not in COPY_RULES:
            _run(rule, plan, index, config.options_for(rule), allowances, problems, tally)
    left = hints_left()
    found, used, counts, capped, copy_hints = copy_scanned()
    problems.extend(found)
    allowances.used |= used  # (ids of the plan's items: a forked copy has the same ones)
    problems.extend(allowances.problems(severities))
    if tally is not None:
        tally.counts.update(counts)  # (no rule is in both: they are added, never summed)
        tally.capped |= capped
        tally.hints = tally.start - left + copy_hints
    return CheckResult(plan, config, _finish(problems.found, severities))


def _run(
    rule, plan: Plan, index: PlanIndex, options, allowances: Allowances, problems: Problems, tally: Tally | None = None
) -> None:
    """One rule's findings, less those an `allow:` suppresses, at most MAX_PER_RULE."""
    found = 0
    for finding in rule.check(plan, index, options):
        where, message = finding[0], finding[1]
        if len(finding) > 2 and allowances.suppresses(finding[2], rule.ID):
            continue
        found += 1
        if tally is not None:
            key = (rule.ID, where.path)
            tally.counts[key] = tally.counts.get(key, 0) + 1
        if found > MAX_PER_RULE:
            if tally is not None:
                tally.capped = True
            problems.at(where, rule.ID, _("more than {count} problems of this kind; fix these first", count=MAX_PER_RULE))
            return
        # A rule may lower one finding to a warning (4th value): one it cannot place for sure.
        lowered = len(finding) > 3 and finding[3] == WARNING
        problems.at(where, rule.ID, message, WARNING if lowered else ERROR)


class Allowances:
    """`allow: {code: reason}` on posts, repeats and playbooks. A rule that yields the item a
    finding belongs to (a Post or a Playbook) as a third value lets the engine drop the finding
    when that item allows the code; what was never used, or has no reason, is reported."""

    def __init__(self, index: PlanIndex) -> None:
        self.items = [p for p in index.unique_posts if p.allow] + [p for p in index.plan.all_playbooks if p.meta.allow]
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
                    out.append(
                        Problem(
                            where.path,
                            where.line,
                            where.col,
                            "allow-reason",
                            _("allow: {code} has no reason; say why this finding is fine", code=code),
                        )
                    )
                if (id(_owner(item)), code) in self.used:
                    continue
                if code not in RULES_BY_ID:
                    why = _("allow: {code}: there is no rule '{code}'{hint}", code=excerpt(code), hint=did_you_mean(code, CODES))
                elif severities.get(code) == OFF:
                    why = _("allow: {code}: {code} is switched off in site.yml", code=code)
                else:
                    why = _("allow: {code}: {code} found nothing here; remove it so it cannot hide a later finding", code=code)
                out.append(Problem(where.path, where.line, where.col, "unused-allow", why))
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


def _load(root: Path, store: CheckCache | None = None, cores: int = 1, base: str = "", library: Library | None = None):
    """Load and assemble with the garbage collector paused: the loader builds hundreds of
    thousands of objects that all stay alive, and collecting while they grow re-scans them
    again and again (a year's plan: 5.5 s with it, 1.6 s without). With `cores` over 1, a
    forked copy reads some of the calendar files meanwhile (_Share)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if cores > 1:
            away = beside(lambda: _read_away(root, store, base))
            sources = load_plan(root, _Share(store, away=False), base)
            ours = {doc.path: read_calendar(doc) for doc in sources.calendars if doc.known is None}  # while the copy reads
            _bring_back(root, sources, away(), store)
            pieces = [ours.get(doc.path) or doc.known or read_calendar(doc) for doc in sources.calendars]
        else:
            sources = load_plan(root, store.known if store is not None else None, base)
            pieces = [doc.known or read_calendar(doc) for doc in sources.calendars]
        if store is not None:
            store.keep(sources.calendars, pieces)  # before assemble cascades defaults into them
        plan, problems = assemble(sources, pieces, library)
        # Frozen before the collector runs again (check_part unfreezes them at the end): all that
        # was made meanwhile is still in the youngest generation, and its first collection would
        # walk every one of them (a year's plan: 0.2 s).
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
    declare_unreadable(plan, sources, library)
    return plan, problems


def declare_unreadable(plan: Plan, sources, library: Library | None = None) -> None:
    """A file or list that did not load is reported once, where it is broken; the references to
    what it defines are neither known nor unknown (rules/unknown_*.py skip them)."""
    plan.declared[UNREADABLE] = sources.unreadable()
    plan.declared.setdefault("playbook", set()).update(sources.unreadable_playbooks())
    if library is not None:
        plan.declared[UNREADABLE] |= library.unreadable


AWAY = CalendarPiece([], [])  # a calendar file the forked copy reads (_Share)


class _Share:
    """Which calendar files are read by a forked copy of the process and which here: load_plan
    asks about each file's text in the same order in both, and two of every five files not in
    the cache go to the copy (it also pickles what it reads, which costs about as much again
    as reading: two fifths balance the work). The cache's files are read here."""

    def __init__(self, store: CheckCache | None, away: bool) -> None:
        self.store, self.away, self.turn = store, away, 0

    def __call__(self, rel: str, digest: str) -> CalendarPiece | None:
        if self.store is not None and self.store.has(rel, digest):
            return AWAY if self.away else self.store.known(rel, digest)
        self.turn += 1
        ours = (self.turn % 5 < 2) == self.away
        return None if ours else AWAY


def _read_away(root: Path, store: CheckCache | None, base: str = "") -> dict[str, tuple[str, bytes]]:
    """In the forked copy: its share of the calendar files, read and pickled, by path."""
    sources = load_plan(root, _Share(store, away=True), base)
    return {
        doc.path: (doc.digest, pickle.dumps(read_calendar(doc), pickle.HIGHEST_PROTOCOL))
        for doc in sources.calendars
        if doc.known is None and doc.digest is not None
    }


def _bring_back(root: Path, sources, away: dict[str, tuple[str, bytes]], store: CheckCache | None) -> None:
    """Put what the copy read into `sources`; a file it did not read as it is now (it changed
    meanwhile, or the copy failed) is read here."""
    for i, doc in enumerate(sources.calendars):
        if doc.known is not AWAY:
            continue
        entry = away.get(doc.path)
        if entry is not None and entry[0] == doc.digest:
            doc.known = pickle.loads(entry[1])
            doc.problems = list(doc.known.load_problems)
            if store is not None:
                store.add(doc.path, *entry)
        else:
            sources.calendars[i] = read_yaml(root, doc.path)


def _finish(problems: Iterable[Problem], severities: dict[str, str]) -> list[Problem]:
    """Set severities, drop rules turned off, fold repeats' identical problems (an error where
    one of them is an error), sort. The same problems in any order finish the same, and a
    finished list finishes as itself (check_again.py finishes what it puts together again)."""
    out: dict[tuple, Problem] = {}
    for p in problems:
        severity = severities.get(p.code, ERROR)
        if severity == OFF:
            continue
        if p.severity == WARNING:  # lowered by its rule: never raised back by the rule's severity
            severity = WARNING
        p = Problem(p.path, p.line, p.col, p.code, excerpt(p.message, MAX_MESSAGE), severity)
        kept = out.setdefault(p.sort_key(), p)
        if kept.severity != ERROR and p.severity == ERROR:
            out[p.sort_key()] = p
    return [out[key] for key in sorted(out)]


__all__ = ["CheckResult", "Outcome", "check", "check_outcome"]
