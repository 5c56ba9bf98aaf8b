"""contentplan: check / build / serve / today / diff / init / rules / schema.
A thin shell: parse arguments, call, return an exit code.

Exit codes: 0 no errors (warnings allowed), 1 errors in the plan, 2 usage or I/O failure.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from datetime import date
from pathlib import Path

from . import __version__, report
from .check import check, check_outcome
from .i18n import ENVIRONMENT, LANGUAGES, _, language, plan_language
from .load import PlanReadError
from .network import is_network
from .parallel import cores
from .platforms import DEFAULT_STARTERS, STARTER_PLATFORMS
from .problems import did_you_mean


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    root = getattr(args, "root", None) or Path(".")
    site_yml = root / ("library/content/site.yml" if is_network(root) else "content/site.yml")  # a network speaks its library's
    with language(plan_language(site_yml, getattr(args, "lang", None))):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except FileNotFoundError as exc:
        print(_("contentplan: {error}", error=exc), file=sys.stderr)
        return 2
    except PlanReadError as exc:
        print(_("contentplan: {error}; nothing was checked or built", error=exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_("contentplan: cannot read the plan: {error}", error=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _safe_streams() -> None:
    """A terminal or CI log that is not UTF-8 (PYTHONIOENCODING=ascii, an old Windows
    console) gets escapes like \\u6d3b instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a closed or odd stream
                pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contentplan",
        description="Validate and compile a social-community content plan (content/ and playbooks/).",
    )
    parser.add_argument("--version", action="version", version=f"contentplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="validate the plan and print every problem")
    _root(p)
    _member(p, "check only this member of a network (default: the library and every member)")
    p.add_argument(
        "--format",
        choices=sorted(report.FORMATS),
        default=None,
        help="output format (default: text, or github when GITHUB_ACTIONS=true)",
    )
    _cache(p)
    p.set_defaults(run=_check)

    p = sub.add_parser("today", help="print a day's checklist in the plan timezone")
    _root(p)
    _member(p, "in a network: the member whose checklist to print")
    p.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today in the plan timezone)")
    _cache(p)
    p.set_defaults(run=_today)

    p = sub.add_parser("build", help="validate, then build the site (fails on any error)")
    _root(p)
    _member(
        p,
        "in a network: build only this member's site (default: every member's, under members/ID/, and "
        "headquarters' overview at the root)",
    )
    p.add_argument("--site-dir", type=Path, help="where to write the site (default: ROOT/site)")
    p.add_argument(
        "--site-url",
        type=_site_url,
        metavar="URL",
        help="where the site is published, e.g. https://OWNER.github.io/REPO/: calendar events then "
        "link to their post's full address (default: site_url of mkdocs.yml, else no links; "
        "an empty URL is the same as none)",
    )
    _cache(p)
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="build and serve the site, rebuilding when the plan changes")
    _root(p)
    _member(p, "in a network: the member whose site to serve")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    p.set_defaults(run=_serve)

    p = sub.add_parser(
        "diff",
        help="what a change does to the plan: posts added, moved, reworded; problems introduced and fixed",
        description="Compare two versions of the plan. BASE and HEAD are git revisions of the plan at --root;"
        " a plan folder is written path:DIR (a bare name is always a revision, even where a folder has"
        " that name). HEAD defaults to the working tree. The Markdown fits a pull-request comment; the"
        " JSON has everything. When either side is a brand's network (network.yml), each member touched"
        " is compared as a plan, members added and removed are listed, and the library's change is"
        " measured member by member (docs/network.md).",
    )
    p.add_argument("base", metavar="BASE", help="git revision (main, HEAD~1, a commit), or path:DIR for a plan folder")
    p.add_argument(
        "head", metavar="HEAD", nargs="?", help="git revision, or path:DIR for a plan folder (default: the working tree)"
    )
    _root(p)
    p.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format (default: markdown)")
    _member(p, "in a network: compare only this member (default: every member touched, and the library's reach)")
    p.set_defaults(run=_diff)

    p = sub.add_parser("init", help="start a new plan repository: a small plan, CI, pre-commit, editor settings")
    p.add_argument("folder", nargs="?", type=Path, default=Path("."), help="where to write it (default: .)")
    p.add_argument("--title", default="我们的社群发布计划", help="the plan's title")
    p.add_argument(
        "--platforms",
        default=",".join(DEFAULT_STARTERS),
        help=f"one channel each, comma-separated, from {', '.join(STARTER_PLATFORMS)} (default: {','.join(DEFAULT_STARTERS)})",
    )
    p.add_argument("--start", type=_date, help="the first day of the sample week (default: today)")
    p.add_argument(
        "--requirement",
        help="where CI installs contentplan from: 'contentplan @ git+https://HOST/OWNER/contentplan@TAG', "
        "a git URL pinned to a tag or a full commit (default: a placeholder in requirements.txt "
        "that stops the install until it is set)",
    )
    p.add_argument(
        "--wheel",
        type=Path,
        metavar="PATH",
        help="a contentplan wheel to keep in the repository (wheels/) and install from (not with --requirement)",
    )
    p.add_argument(
        "--network",
        action="store_true",
        help="a brand's network instead of one plan: headquarters' library, a folder per member, a CI matrix",
    )
    p.add_argument(
        "--members",
        default="store-1,store-2",
        metavar="IDS",
        help="with --network: the members' ids, comma-separated (default: store-1,store-2)",
    )
    p.set_defaults(run=_init)

    p = sub.add_parser("network", help="a brand's network in CI: which members changed; assemble the members' sites")
    steps = p.add_subparsers(dest="step", metavar="STEP")
    q = steps.add_parser(
        "changed",
        help="the members whose inputs changed since BASE, as a GitHub Actions matrix",
        description="Every member when the library, network.yml, the site configuration, requirements.txt "
        "or the workflow changed, or when BASE is empty or all zeros (a first push); else the members "
        "whose own folder changed. Prints JSON; with --github-output, appends `matrix=` and `any=` to that file.",
    )
    q.add_argument("--base", default="", help="the revision to compare HEAD with (default: none, every member)")
    q.add_argument("--shard-size", type=int, default=25, metavar="N", help="members per matrix job (default: 25)")
    q.add_argument("--github-output", type=Path, metavar="FILE", help="append the matrix to this file ($GITHUB_OUTPUT)")
    _root(q)
    q.set_defaults(run=_network_changed)
    q = steps.add_parser(
        "assemble",
        help="the network's site from members' sites built by a matrix, the last published site and the overview",
    )
    q.add_argument("--built", type=Path, required=True, metavar="DIR", help="where the matrix's jobs put members/<id>/")
    q.add_argument("--last", type=Path, metavar="DIR", help="the site published before (members not rebuilt keep theirs)")
    q.add_argument("--site-dir", type=Path, help="where to write the site (default: ROOT/site)")
    q.add_argument("--site-url", type=_site_url, metavar="URL", help="where the site is published")
    _root(q)
    q.set_defaults(run=_network_assemble)
    p.set_defaults(run=_network_help(p))

    p = sub.add_parser("rules", help="every rule: what it catches, its severity, options and source")
    p.add_argument("code", nargs="?", help="one rule code, e.g. banned-word (default: list them all)")
    _root(p)  # the plan whose language to speak
    p.set_defaults(run=_rules)

    p = sub.add_parser("schema", help="write JSON Schema for the plan's files and the day exports")
    _root(p)
    p.add_argument("--out", type=Path, help="folder to write to (default: ROOT/schema)")
    p.set_defaults(run=_schema)
    return parser


def _root(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="plan folder holding content/ (default: .)")
    _lang(p)


def _member(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--member", metavar="ID", help=help)


def _cache(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="read every file again: keep nothing between checks (by default what each calendar file "
        "says and what the check found in it are kept, outside the plan, in $CONTENTPLAN_CACHE_DIR or "
        "~/.cache/contentplan, so the next check reads only the calendar files that changed, and "
        "within them only the posts that changed)",
    )


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=f"language of the messages (default: ${ENVIRONMENT}, else the plan's `language:` in content/site.yml, else zh)",
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from None


def _site_url(text: str) -> str | None:
    from .site import check_site_url

    try:
        return check_site_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _check(args: argparse.Namespace) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.member is None and is_network(args.root):
        from .network_check import check_network

        network = check_network(args.root, args.lang, cores=cores())
        sys.stdout.write(report.FORMATS[fmt](network.problems))
        if fmt == "text":
            with language(network.language):
                sys.stderr.write(report.network_summary(network))
        return network.exit_code
    outcome = check_outcome(args.root, args.lang, cache=args.cache, cores=cores(), member=args.member)
    sys.stdout.write(report.FORMATS[fmt](outcome.problems))
    if fmt == "text":
        sys.stderr.write(report.summary(outcome.files_read, outcome.posts, outcome.problems))
    return outcome.exit_code


def _today(args: argparse.Namespace) -> int:
    result = check(args.root, args.lang, cache=args.cache, cores=cores(), member=args.member)
    if result.errors:
        sys.stderr.write(report.text([p for p in result.problems if p.severity == "error"]))
        sys.stderr.write(_("contentplan: the plan has errors; the checklist below may be incomplete") + "\n\n")
    from .today import plan_today, render  # here: `check` need not import it

    day = args.date or plan_today(result.plan)
    sys.stdout.write(render(result.plan, day))
    return result.exit_code


def _build(args: argparse.Namespace) -> int:
    from . import site  # MkDocs is imported only by the commands that need it

    if args.member is None and is_network(args.root):
        from .network_site import build_network

        out = Path(os.path.abspath(args.site_dir or args.root / "site"))
        return build_network(args.root.resolve(), out, args.site_url, cores(), args.lang)
    result = check(args.root, args.lang, cache=args.cache, cores=cores(), member=args.member)
    if result.errors:
        sys.stderr.write(report.text(result.problems))
        sys.stderr.write(report.summary(result.plan.files_read, len(result.plan.posts), result.problems))
        sys.stderr.write(_("contentplan: not building: the plan has errors") + "\n")
        return 1
    # Not resolve(): a --site-dir that is a symlink must be seen, and refused, by site.build.
    out = Path(os.path.abspath(args.site_dir or args.root / "site"))
    return site.build(args.root.resolve(), out, result, site_url=args.site_url, member=args.member)


def _serve(args: argparse.Namespace) -> int:
    from . import site

    try:
        _try_listening(args.dev_addr)  # before the first build: a busy port is said at once
        if is_network(args.root):
            from .network_check import check_member

            check_member(args.root, args.member)  # MemberError (said, exit 2) unless it names a member
        return site.serve(args.root.resolve(), args.dev_addr, args.member)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        host, _colon, port = args.dev_addr.rpartition(":")
        other = int(port) + 1 if port.isdigit() and int(port) < 65535 else 8001
        print(
            _(
                "contentplan serve: cannot listen on {address} ({error}): another program, perhaps an "
                "earlier contentplan serve, is using port {port}. Stop it, or choose another port: "
                "--dev-addr {host}:{other}",
                address=report.printable(args.dev_addr),
                error=exc.strerror or exc,
                port=report.printable(port),
                host=report.printable(host or "127.0.0.1"),
                other=other,
            ),
            file=sys.stderr,
        )
        return 2


def _try_listening(address: str) -> None:
    """OSError when nothing could listen on HOST:PORT now (MkDocs says it only after a build)."""
    import socket

    host, _colon, port = address.rpartition(":")
    if not port.isdigit():
        return  # MkDocs says what is wrong with the address
    host = host.strip("[]") or "127.0.0.1"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As MkDocs' server binds (http.server: SO_REUSEADDR): a port left in TIME_WAIT by the
        # serve just stopped is free; one another program listens on is not.
        if os.name != "nt":  # on Windows the option would let two programs share a port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, int(port)))


def _network_help(parser: argparse.ArgumentParser):
    """`contentplan network` without a step: its help, exit 2."""

    def run(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return run


def _network_changed(args: argparse.Namespace) -> int:
    import json

    from .network_ci import changed_members, github_output

    if not is_network(args.root):
        raise FileNotFoundError(f"no network.yml under {args.root}: `contentplan network` is for a brand's network")
    changed = changed_members(args.root, args.base)
    print(changed.reason, file=sys.stderr)
    sys.stdout.write(
        json.dumps({"members": changed.members, "every": changed.every, "matrix": changed.matrix(args.shard_size)}) + "\n"
    )
    if args.github_output is not None:
        with open(args.github_output, "a", encoding="utf-8") as out:
            out.write(github_output(changed, args.shard_size))
    return 0


def _network_assemble(args: argparse.Namespace) -> int:
    from .network_site import build_network

    if not is_network(args.root):
        raise FileNotFoundError(f"no network.yml under {args.root}: `contentplan network` is for a brand's network")
    out = Path(os.path.abspath(args.site_dir or args.root / "site"))
    return build_network(args.root.resolve(), out, args.site_url, cores(), args.lang, built=args.built, last=args.last)


def _diff(args: argparse.Namespace) -> int:
    from .diff import DiffError, json_text, markdown
    from .network_diff import NetworkDiff, diff_any, network_json, network_markdown

    try:  # a network's comparison when either side is a network (network_diff.py), else the plan's
        result = diff_any(args.base, args.head, args.root, args.member)
    except DiffError as exc:
        print(f"contentplan diff: {report.printable(str(exc))}", file=sys.stderr)
        return 2
    if isinstance(result, NetworkDiff):
        sys.stdout.write(network_json(result) if args.format == "json" else network_markdown(result))
    elif args.format == "json":
        sys.stdout.write(json_text(result))
    else:
        sys.stdout.write(markdown(result))
    return 0


def _init(args: argparse.Namespace) -> int:
    from .init import InitError, init

    kinds = tuple(k.strip() for k in args.platforms.split(",") if k.strip())
    try:
        members = tuple(m.strip() for m in args.members.split(",") if m.strip()) if args.network else None
        written = init(args.folder, args.title, kinds, args.start, args.requirement, args.wheel, members)
    except InitError as exc:
        print(f"contentplan init: {report.printable(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"contentplan init: cannot write {report.printable(str(args.folder))}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {report.printable(str(args.folder / path))}")
    shown = report.printable(str(args.folder))
    if members:
        print(f"\nnext: contentplan check --root {shown} && contentplan serve --root {shown} --member {members[0]}")
    else:
        print(f"\nnext: contentplan check --root {shown} && contentplan serve --root {shown}")
    return 0


def _rules(args: argparse.Namespace) -> int:
    from .rules import CODES
    from .rules_doc import rules_text

    if args.code and args.code not in CODES:
        print(
            _("contentplan rules: no rule '{code}'{hint}", code=report.printable(args.code), hint=did_you_mean(args.code, CODES)),
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(rules_text(args.code, args.lang))
    return 0


def _schema(args: argparse.Namespace) -> int:
    out = args.out or (args.root / "schema")
    from . import schema  # here: it imports the exports (a tenth of a second for `check`)

    for path in schema.write(out):
        print(path)
    return 0


def run() -> None:
    """Console-script entry point. After `check`, the process ends without tearing down the
    interpreter (freeing a year plan's objects one by one is 20 ms of a 0.3 s check again):
    its output is flushed, and nothing it made needs cleaning up."""
    code = main()
    if sys.argv[1:2] == ["check"]:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: as sys.exit would, say it failed
            os._exit(code or 2)
        os._exit(code)
    sys.exit(code)
