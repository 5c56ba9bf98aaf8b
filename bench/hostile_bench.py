"""How the compliance rules' time grows on hostile text: a run of one unit (the ones that once
made a pattern backtrack, from tests/rules/) at SIZE and at 10 x SIZE characters.

    .venv/bin/python bench/hostile_bench.py              # 10,000 and 100,000 characters
    .venv/bin/python bench/hostile_bench.py --small      # 1,000 and 10,000 (CI: does it run?)
    .venv/bin/python bench/hostile_bench.py --markdown

A rule in linear time takes about ten times as long on ten times the text; a backtracking one
takes a hundred times or more. The tests count the work instead of timing it (tests/support/guard.py);
this is where the growth is measured. Each time is the best of three. Prints, per rule, the
worst unit: its times and their ratio. Exit status 0 (the figures are reported, not judged),
1 if a rule raised.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def cases():
    """(rule, unit, find) for every hostile unit the rule tests hold."""
    from generator.rules import alcohol_ad, banned_word, induced_sharing, personal_data
    from tests.rules import test_alcohol_ad, test_induced_sharing, test_personal_data

    banned = banned_word._pattern(banned_word.Options())

    def judge_all(text: str) -> list:
        judged = banned_word._Text(text)
        return [banned_word._judge(m.group(0), judged, m.start(), m.end(), set()) for m in banned.finditer(text)]

    for unit in test_alcohol_ad.HOSTILE_UNITS:
        yield "alcohol-ad", unit, alcohol_ad.findings
    for unit in test_personal_data.HOSTILE_UNITS:
        yield "personal-data", unit, lambda text: personal_data.findings(text, test_personal_data.ALLOWED)
    for unit in ("最", "最大的问题", "第一次", "营销最X", "zui", "醉好", "这几"):
        yield "banned-word", unit, judge_all
    for unit in test_induced_sharing.HOSTILE_UNITS:
        yield "induced-sharing", unit, induced_sharing.candidates


def seconds(find, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        list(find(text))
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="1,000 and 10,000 characters")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    from tests.support.guard import hostile_text

    size = 1_000 if args.small else 10_000
    worst: dict[str, tuple[float, str, float, float]] = {}
    for rule, unit, find in cases():
        try:
            small, large = seconds(find, hostile_text(unit, size)), seconds(find, hostile_text(unit, size * 10))
        except Exception as exc:  # a rule that raises is a bug: say which
            print(f"{rule} on {unit!r}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        ratio = large / max(small, 1e-6)
        if rule not in worst or ratio > worst[rule][0]:
            worst[rule] = (ratio, unit, small, large)
    head = ("rule", "worst unit", f"{size:,} chars s", f"{size * 10:,} chars s", "x10 text: x time")
    rows = [
        (rule, repr(unit), f"{small:.4f}", f"{large:.4f}", f"{ratio:.1f}")
        for rule, (ratio, unit, small, large) in sorted(worst.items())
    ]
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("| --- | --- | ---: | ---: | ---: |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in (head, *rows):
            print("  ".join(f"{cell:>18}" for cell in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
