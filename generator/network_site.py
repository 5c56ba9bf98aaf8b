"""`contentplan build` of a brand's network: each member's site under members/<id>/, built in
parallel, and headquarters' overview at the root (network.py, network_check.py).

A member whose plan has errors gets no new site: the one published before stays (copied from
the site folder as it was), and the overview shows its errors. The build's exit status is 1
when any member has errors, so CI sees it; the others' sites are still written.

The overview (`overview_pages`) is Markdown made from the network's check, through the same
escaping templates as a plan's pages, built with MkDocs and Material as a plain site.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import report
from .escape import theme_text
from .i18n import language
from .network import MEMBERS, MemberSummary, in_library
from .network_check import NetworkResult, check_network
from .parallel import share
from .templating import markdown_environment

MAX_MONTHS = 24  # months shown on the rhythm page (a plan's dates lie within 2000–2099)
BUILT, SAME, KEPT, NONE = "built", "same", "kept", "none"
SITE_LABEL = {
    BUILT: "已更新 Built",
    SAME: "未改动 Unchanged",  # CI rebuilt only the members whose inputs changed
    KEPT: "有错误，保留上次的站点 Errors: last good kept",
    NONE: "没有站点 None",
}
KIND_LABEL = {"dealer": "经销商 Dealer", "store": "门店 Store"}
OVERVIEW_NAV = (
    ("总览 Overview", "index.md"),
    ("问题 Problems", "problems.md"),
    ("话术本 Playbooks", "playbooks.md"),
    ("节奏 Rhythm", "rhythm.md"),
    ("总部指南 For headquarters", "guide/hq.md"),
    ("门店指南 For a store", "guide/store.md"),
)
GUIDES = Path(__file__).parent / "network_guides"  # the package's own pages, copied as they are


# --- the overview's pages --------------------------------------------------------------------


def overview_pages(result: NetworkResult, sites: dict[str, str]) -> dict[str, str]:
    """The overview's Markdown pages by path. `sites`: member id → BUILT, KEPT or NONE."""
    env = markdown_environment()
    members = result.members
    title = result.network.title

    def page(template: str, page_title: str, **data) -> str:
        return env.get_template(template).render(page_title=page_title, **data)

    rows = [
        dict(
            id=m.id,
            name=m.name,
            kind=KIND_LABEL[m.kind],
            region=m.region,
            posts=m.posts,
            errors=m.errors,
            warnings=m.warnings,
            site=SITE_LABEL[sites.get(m.id, NONE)],
            link=f"{MEMBERS}{m.id}/" if sites.get(m.id, NONE) != NONE else "",
        )
        for m in members
    ]
    return {
        "index.md": page(
            "network_index.md.j2",
            title,
            title=title,
            members=rows,
            posts=result.posts,
            errors=result.errors,
            warnings=len(result.problems) - result.errors,
            campaigns=_campaigns(result),
        ),
        "problems.md": page("network_problems.md.j2", "问题 Problems", parts=_problem_parts(result)),
        "playbooks.md": page("network_playbooks.md.j2", "话术本 Playbooks", playbooks=_playbooks(result), total=len(members)),
        "rhythm.md": page("network_rhythm.md.j2", "节奏 Rhythm", **_rhythm(members)),
    }


def _campaigns(result: NetworkResult) -> list[dict]:
    out = []
    for campaign in sorted(result.library.campaigns, key=lambda c: (c.start, c.id)):
        rows = []
        for m in result.members:
            count, first, last = m.campaigns.get(campaign.id, (0, None, None))
            rows.append(dict(name=m.name, count=count, first=first, last=last, reason=m.opt_out.get(campaign.id)))
        out.append(
            dict(
                id=campaign.id,
                name=campaign.name,
                start=campaign.start,
                end=campaign.end,
                rows=rows,
                planned=sum(1 for r in rows if r["count"]),
                opted=sum(1 for r in rows if r["reason"] is not None),
            )
        )
    return out


def _problem_parts(result: NetworkResult) -> list[dict]:
    """The library's problems (and network.yml's), then each member's in its own files: each
    as (where, severity[code], message), and how many of the library's the member meets."""
    shared = [p for p in result.problems if not p.path.startswith(MEMBERS)]
    parts = [dict(name="总部内容库与 network.yml · Library and network.yml", problems=_rows(shared), met=0)]
    for m in result.members:
        own = [p for p in result.problems if p.path.startswith(f"{MEMBERS}{m.id}/")]
        met = sum(1 for p in m.problems if in_library(p.path))
        parts.append(dict(name=f"{m.name} · {MEMBERS}{m.id}", problems=_rows(own), met=met))
    return parts


def _rows(problems: list) -> list[tuple[str, str, str]]:
    return [(f"{p.path}:{p.line}:{p.col}", f"{p.severity}[{p.code}]", p.message) for p in problems]


def _playbooks(result: NetworkResult) -> list[dict]:
    out = []
    for playbook in sorted(result.library.playbooks, key=lambda p: p.id):
        users = [(m.name, m.playbooks[playbook.id]) for m in result.members if m.playbooks.get(playbook.id)]
        out.append(
            dict(
                id=playbook.id,
                title=playbook.title,
                kind=playbook.kind,
                members=len(users),
                posts=sum(n for _name, n in users),
                users=users,
            )
        )
    return out


def _rhythm(members: list[MemberSummary]) -> dict:
    by_member = {m.id: Counter(day.strftime("%Y-%m") for day, n in m.days.items() for _i in range(n)) for m in members}
    months = sorted(set().union(*by_member.values())) if by_member else []
    shown = months[:MAX_MONTHS]
    rows = [
        dict(name=m.name, counts=[by_member[m.id].get(month, 0) for month in shown], total=sum(by_member[m.id].values()))
        for m in members
    ]
    return dict(months=shown, rows=rows, more=len(months) > len(shown))


# --- building --------------------------------------------------------------------------------


@dataclass
class _Member:
    id: str
    built: int  # _run_mkdocs' status


def build_network(
    root: Path,
    out: Path,
    site_url: str | None,
    cores: int,
    lang: str | None = None,
    built: Path | None = None,
    last: Path | None = None,
) -> int:
    """Check the network, build each member's site and the overview into `out` (see the module).

    `built` (CI's assembling job): the members' sites were built already, by the matrix's
    jobs, into built/members/<id>/; each member without errors found there is taken as it is,
    every other keeps its site from `last` (the site published before; default `out`)."""
    from . import site

    result = check_network(root, lang, cores=cores)
    with language(result.language):
        sys.stderr.write(report.text(result.problems))
        sys.stderr.write(report.network_summary(result))
    out = Path(os.path.abspath(out))
    problem = site.epoch_problem() or site.site_dir_problem(root, out)
    if problem is not None:
        print(f"contentplan: {problem}", file=sys.stderr)
        return 2
    site._prepare()
    good = [m for m in result.members if m.errors == 0]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with site.lock_site_dir(out):
            site.recover(out)
            staging = site.new_staging(out)
            if built is None:

                def one(member: MemberSummary) -> _Member:
                    url = f"{site_url.rstrip('/')}/{MEMBERS}{member.id}/" if site_url else None
                    target = staging / MEMBERS / member.id
                    target.parent.mkdir(parents=True, exist_ok=True)
                    return _Member(member.id, site._run_mkdocs(root, target, None, url, member.id))

                made = {m.id for m in share(one, good, cores) if m.built == 0}
            else:
                made = {m.id for m in good if _copy_site(built / MEMBERS / m.id, staging / MEMBERS / m.id)}
            sites = {}
            for member in result.members:
                if member.id in made:
                    sites[member.id] = BUILT
                elif _copy_site((last or out) / MEMBERS / member.id, staging / MEMBERS / member.id):
                    sites[member.id] = KEPT if member.errors else SAME
                else:
                    sites[member.id] = NONE
            status = _overview(root, out, staging, result, sites, site_url)
            if status != 0:
                site.remove_ours(staging)
                return status
            if not site.has_marker(staging):
                site.write_marker(staging)
            site.publish(staging, out)
    except OSError as exc:
        print(f"contentplan: cannot write the site to {out}: {exc}", file=sys.stderr)
        return 2
    print(f"contentplan: network site written to {out}", file=sys.stderr)
    failed = [m.id for m in result.members if m.errors]
    if failed:
        print(f"contentplan: not rebuilt (errors): {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _copy_site(source: Path, target: Path) -> bool:
    """A member's site built before (by contentplan: it holds the marker) copied to `target`;
    False if there is none."""
    from .site_dir import has_marker

    if source.is_symlink() or not source.is_dir() or not has_marker(source) or target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target, symlinks=True)
    return True


def _overview(root: Path, out: Path, staging: Path, result: NetworkResult, sites: dict[str, str], site_url: str | None) -> int:
    """Build the overview with MkDocs into a folder of its own, then move it into `staging`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from . import site

    with language(result.language):
        pages = overview_pages(result, sites)
    scratch = Path(tempfile.mkdtemp(prefix="contentplan-overview-"))
    built = site.new_staging(out)
    try:
        docs = scratch / "docs"
        docs.mkdir()
        for name, text in pages.items():
            (docs / name).write_text(text, encoding="utf-8")
        (docs / "guide").mkdir()
        for guide in ("hq.md", "store.md"):
            shutil.copyfile(GUIDES / guide, docs / "guide" / guide)
        config_path = scratch / "mkdocs.yml"
        config_path.write_text(yaml.safe_dump(_overview_config(result, site_url), allow_unicode=True), encoding="utf-8")
        config = load_config(config_file=str(config_path), site_dir=str(built), strict=True)
        mkdocs_build(config)
        for entry in sorted(os.listdir(built)):
            if entry != MEMBERS.rstrip("/") and not (staging / entry).exists():
                os.rename(built / entry, staging / entry)
        return 0
    except MkDocsException as exc:
        print(f"{exc}\ncontentplan: the overview failed to build; no site written", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        site.remove_ours(built)


def _overview_config(result: NetworkResult, site_url: str | None) -> dict:
    """The overview's MkDocs config: Material with no web fonts (nothing leaves the site), the
    Markdown extensions the plan's pages use, no search (a handful of pages)."""
    return {
        "site_name": theme_text(result.network.title),
        "site_url": site_url or "",
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "en" if result.language == "en" else "zh", "font": False},
        "plugins": [],
        "markdown_extensions": [
            "attr_list",
            "tables",
            "admonition",
            "toc",
            "pymdownx.highlight",
            "pymdownx.superfences",
            "generator.markdown_safe",
        ],
        "nav": [{label: path} for label, path in OVERVIEW_NAV],
    }
