"""Fuzzing loader, model and rules with hostile values, on a fixed budget.

Each example puts hostile values (control characters, line separators, dates far off, brace
storms, long strings, paths that leave the root) into random fields of a valid plan, or
mutates its bytes. Whatever comes out: no exception, exit 0/1/2 only, one output line per
problem with a position inside the file, a short message, and each example well within its
deadline. A plan that checks clean also compiles (what check passes, build can take).
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.cli import main
from generator.compile import compile_site
from tests.support import SMALL_PLAN, mutate, write_plan

HOSTILE = [
    "0001-01-01",
    "9999-12-31",
    "0226-12-03",
    "9026-12-03",
    "2026-02-30",
    "99:99",
    "24:00",
    "²",
    "١٢",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "a\rb",
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "a\x0cb",
    "\u202egnp.exe",
    "{{",
    "}}",
    "{{ x | upper }}",
    "{{}}",
    "{{x}",
    "{{" * 2000,
    "[" * 200,
    "{" * 200,
    "a" * 100_000,
    "最" * 20_000,
    "x@" * 10_000,
    "1" * 5000,
    "13800138000",
    "a@b.c" * 1000,
    "../../etc/passwd",
    "/etc/passwd",
    "assets\\x.png",
    "assets/\x00.png",
    "a" * 300,
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{: onerror=alert(1) }",
    "localtime",
    "posix/UTC",
    "right/UTC",
    "Factory",
    "asia/shanghai",
    "-1",
    "0",
    "1e309",
    "NaN",
    ".inf",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "''",
    '""',
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
FIELD = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+): .*$", re.MULTILINE)
PROBLEM = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (error|warning)\[[a-z-]+\] .+$")


def yaml_quoted(value: str) -> bytes:
    """`value` as a double-quoted YAML scalar, so it reaches the model as written."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'.encode()


def poison(text: bytes, data: st.DataObject) -> bytes:
    """Replace the value of one `key: value` line with a hostile value."""
    fields = list(FIELD.finditer(text))
    if not fields:
        return text
    field = data.draw(st.sampled_from(fields))
    value = data.draw(VALUES)
    raw = data.draw(st.booleans())
    written = value.encode("utf-8", "surrogatepass") if raw and "\n" not in value else yaml_quoted(value)
    return text[: field.start()] + field.group(1) + b": " + written + text[field.end() :]


def run(root: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--root", str(root), "--format", fmt])
    return status, out.getvalue(), err.getvalue()


@settings(
    max_examples=200, deadline=5000, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.data())
def test_hostile_values_never_break_the_checker(data):
    files = {k: v.encode() for k, v in SMALL_PLAN.items()}
    for _ in range(data.draw(st.integers(1, 4))):
        target = data.draw(st.sampled_from(sorted(files)))
        change = data.draw(st.sampled_from([poison, poison, mutate]))
        files[target] = change(files[target], data)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_plan(root, files)
        status, out, err = run(root, "text")
        assert status in (0, 1, 2)
        assert "Traceback" not in out + err
        lines = out.splitlines()
        for line in lines:
            m = PROBLEM.match(line)
            assert m, f"not one problem per line: {line[:200]!r}"
            assert len(line) < 600
            assert not any(ch in line for ch in "\x1b\x07\u2028\u2029\x85\u202e")
            source = root / m["path"]
            if source.is_file():
                count = source.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
                assert 1 <= int(m["line"]) <= count, line
        if status == 0:
            report = check(root)
            compile_site(report.plan)  # what check passes, build can take
