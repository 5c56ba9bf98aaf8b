"""Problems → text, GitHub workflow annotations, or JSON. One formatter each, nothing else.

What `contentplan check` prints for the terminal and CI: each formatter takes a check's
problems (check.CheckResult.problems, sorted) and returns the text to write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable

from .i18n import _, _n
from .problems import Problem

# Characters that would let a value write to the terminal rather than be shown: C0 and C1
# controls (ANSI/OSC escapes, a forged new line), line and paragraph separators, and the
# bidirectional overrides that reorder what is shown, and the characters that show as nothing
# (soft hyphen, zero-width space and joiners, word joiner, BOM, tag characters).
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def printable(value: object) -> str:
    """`value` with control characters shown as escapes (\\x1b, \\n), so one problem is one line."""
    return _CONTROL.sub(_escape, str(value))


def _escape(match: re.Match) -> str:
    ch = match.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    if ord(ch) < 0x100:
        return f"\\x{ord(ch):02x}"
    return f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"


def text(problems: Iterable[Problem]) -> str:
    """`path:line:col: severity[code] message`, one per line."""
    return "".join(f"{printable(p.path)}:{p.line}:{p.col}: {p.severity}[{p.code}] {printable(p.message)}\n" for p in problems)


def github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""
    lines = []
    for p in problems:
        level = "error" if p.severity == "error" else "warning"
        props = f"file={_prop(p.path)},line={p.line},col={p.col},title={_prop(p.code)}"
        lines.append(f"::{level} {props}::{_data(p.message)}\n")
    return "".join(lines)


def as_json(problems: Iterable[Problem]) -> str:
    """A list of {path, line, col, severity, code, message}."""
    rows = [
        {"path": p.path, "line": p.line, "col": p.col, "severity": p.severity, "code": p.code, "message": p.message}
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def summary(files: int, posts: int, problems: Collection[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return (
        _(
            "checked {files}, {posts}: {errors}, {warnings}",
            files=_n("{n} file", "{n} files", files),
            posts=_n("{n} post", "{n} posts", posts),
            errors=_n("{n} error", "{n} errors", errors),
            warnings=_n("{n} warning", "{n} warnings", warnings),
        )
        + "\n"
    )


def network_summary(network) -> str:
    """After a network's problems: each member's counts, then the network's (a NetworkResult)."""
    lines = []
    for member in network.members:
        lines.append(
            _(
                "  {path}: {posts}, {errors}, {warnings}",
                path=printable(f"members/{member.id}"),
                posts=_n("{n} post", "{n} posts", member.posts),
                errors=_n("{n} error", "{n} errors", member.errors),
                warnings=_n("{n} warning", "{n} warnings", member.warnings),
            )
        )
    head = _n("a network of {n} member", "a network of {n} members", len(network.members))
    return head + "\n" + "".join(line + "\n" for line in lines) + summary(network.files_read, network.posts, network.problems)


def _data(value: str) -> str:
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


FORMATS = {"text": text, "github": github, "json": as_json}
