"""`contentplan check` of a brand's network (network.py): network.yml and the library, read
once; each member checked as one plan, the members shared out among the cores (parallel.share);
every problem reported once (network.merge), with what headquarters' overview shows of each
member (network.MemberSummary)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .check import CheckResult, check_assembled, check_part
from .check_cache import CheckCache
from .i18n import _, language, plan_language
from .load import PlanSources
from .model import Site
from .network import (
    LIBRARY,
    Library,
    Member,
    MemberSummary,
    Network,
    member_base,
    merge,
    read_library,
    read_network,
    summarize,
)
from .parallel import share
from .problems import ERROR, Problem, did_you_mean, excerpt


class MemberError(FileNotFoundError):
    """A check or build of a network that names no member, or one network.yml does not list
    (exit 2: what to check is unclear, nothing is wrong in the plan)."""


def network_language(root: Path, lang: str | None = None) -> str:
    """The network's language: `lang`, the environment, else the library's site.yml."""
    return plan_language(root / LIBRARY / "content" / "site.yml", lang)


@dataclass
class NetworkResult:
    """A network's check: each member's summary and every problem once, sorted."""

    network: Network
    library: Library
    members: list[MemberSummary]
    problems: list[Problem]
    language: str

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    @property
    def posts(self) -> int:
        return sum(m.posts for m in self.members)

    @property
    def files_read(self) -> int:
        return 1 + self.library.files_read + sum(m.files for m in self.members)


def check_network(root: Path, lang: str | None = None, *, cores: int = 1, only: list[str] | None = None) -> NetworkResult:
    """Check every member of the network at `root` (or those in `only`), on `cores` processes."""
    with language(network_language(root, lang)) as chosen:
        network = read_network(root)
        library = read_library(root)
        members = network.members if only is None else [m for m in network.members if m.id in only]

        def one(member: Member) -> MemberSummary:
            with language(chosen):
                return _summary(root, member, library)

        summaries = share(one, members, cores)
        first = [*network.problems, *check_library(root, library).problems]
        problems = merge(first, {s.id: s.problems for s in summaries}, {p.sort_key() for p in first})
        return NetworkResult(network, library, summaries, problems, chosen)


def check_library(root: Path, library: Library) -> CheckResult:
    """The library checked as a member with no channel of its own would be: what it finds is
    the library's own (a word in its copy, an undeclared variable), the same for every member."""
    sources = PlanSources(root / LIBRARY, None, None, [], [])
    plan, problems = assemble(sources, [], library)
    if library.site_settings is not None and library.settings_source is not None:
        plan.site = Site.model_construct(**dict(library.site_settings), channels=[], people=[])
        plan.site.set_origin(library.settings_source)
    problems.extend(library.problems)
    return check_assembled(plan, problems)


def _summary(root: Path, member: Member, library: Library) -> MemberSummary:
    result = check_part(root, None, 1, member_base(member.id), library)
    summary = summarize(member, result.plan, result.problems, result.plan.opt_out)
    summary.files = result.plan.files_read - library.files_read
    return summary


def check_member(
    root: Path, member_id: str | None, lang: str | None = None, *, cache: bool = False, cores: int = 1
) -> CheckResult:
    """Check one member of the network at `root` as one plan: the library and its own files.
    MemberError when `member_id` is None or not a member."""
    with language(network_language(root, lang)) as chosen:
        network = read_network(root)
        member = network.member(member_id) if member_id else None
        if member is None:
            raise MemberError(_member_wanted(root, network, member_id))
        library = read_library(root)
        store = CheckCache.open(root, chosen) if cache else None
        result = check_part(root, store, cores, member_base(member.id), library)
        if store is not None:
            store.save()
        result.plan.member = member.id
        result.problems = sorted([*network.problems, *result.problems], key=Problem.sort_key)
        result.language = chosen
        return result


def _member_wanted(root: Path, network: Network, member_id: str | None) -> str:
    ids = [m.id for m in network.members]
    shown = ", ".join(ids[:20]) + (", …" if len(ids) > 20 else "") or _("(none)")
    if member_id is None:
        return _(
            "{root} is a network of {n} members ({members}): name one with --member ID, or check them all with contentplan check",
            root=root,
            n=len(ids),
            members=shown,
        )
    return _(
        "network.yml lists no member '{id}'{hint}; its members: {members}",
        id=excerpt(member_id, 64),
        hint=did_you_mean(member_id, ids),
        members=shown,
    )
