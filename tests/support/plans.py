"""The fixture plans and what tests write into them: tests/fixtures/valid, with one
tests/fixtures/broken/<code>/ laid over it and the files a test adds."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent.parent
PROJECT = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
NETWORK = FIXTURES / "network"  # a brand's network (generator/network.py): broken/<code>/ with `over: network` lays over it
VALID_SITE = (VALID / "content" / "site.yml").read_text(encoding="utf-8")  # valid's site.yml, to edit


def broken_codes(network: bool | None = None) -> list[str]:
    """The codes with a broken fixture; `network` True: only those laid over the network
    fixture (`over: network`), False: only those laid over a plan on its own."""
    codes = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
    if network is None:
        return codes
    return [code for code in codes if (expectation(code).get("over") == "network") == network]


def expectation(code: str) -> dict:
    return yaml.safe_load((BROKEN / code / "expect.yml").read_text(encoding="utf-8"))


def build_plan(dest: Path, code: str | None = None, files: dict[str, str | bytes] | None = None) -> Path:
    """Copy valid/ (network/ for a code whose expect.yml says `over: network`) to `dest`, lay
    broken/<code>/ over it (expect.yml left out), then write `files`."""
    over = expectation(code).get("over") if code is not None and (BROKEN / code / "expect.yml").exists() else None
    shutil.copytree(NETWORK if over == "network" else VALID, dest, dirs_exist_ok=True, symlinks=True)
    if code is not None:
        overlay = BROKEN / code
        assert overlay.is_dir(), f"no broken fixture for {code}"
        shutil.copytree(overlay, dest, dirs_exist_ok=True, symlinks=True, ignore=shutil.ignore_patterns("expect.yml"))
    for rel, data in (files or {}).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return dest


def problems_in(root: Path) -> list[tuple]:
    """(path, line, col, severity, code) of each problem `check` finds in the plan at `root`."""
    from generator.check import check

    return [(p.path, p.line, p.col, p.severity, p.code) for p in check(root).problems]


def codes_in(root: Path) -> list[str]:
    """The code of each problem `check` finds in the plan at `root`."""
    from generator.check import check

    return [p.code for p in check(root).problems]


def with_rules(rules: str) -> dict[str, str]:
    """valid's site.yml with a `rules:` section (`rules`: its indented lines), as files for build_plan."""
    return {"content/site.yml": VALID_SITE + "rules:\n" + rules}


def headline_post(headline: str) -> dict[str, str]:
    """A post on the 公众号 (channel official) with `headline` on its 6th line, as files for build_plan."""
    return {
        "content/calendar/extra.yml": (
            "posts:\n"
            "  - date: 2026-12-03\n"
            '    time: "20:00"\n'
            "    channel: official\n"
            "    playbook: winter-headline\n"
            f'    headline: "{headline}"\n'
        )
    }


# Three problems in two files: two errors and a warning, written out of order on purpose.
SEVERAL = {
    "content/calendar/broken.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"  # 2
        '    time: "23:15"\n'  # 3  quiet-hours (error)
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
        "  - date: 2026-12-04\n"  # 7
        '    time: "09:00"\n'
        "    channel: official\n"
        "    playbook: welcome-script\n"  # 10 platform-mismatch (warning)
        "    vars: {product: 酱香53度}\n"
    ),
    "content/calendar/a-first.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"
        '    time: "10:00"\n'
        "    channel: vip-grop\n"  # 4 unknown-channel (error)
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
    ),
}
# ... as `check` reports them: sorted by path, line and column
SEVERAL_PROBLEMS = [
    ("content/calendar/a-first.yml", 4, 14, "error", "unknown-channel"),
    ("content/calendar/broken.yml", 3, 11, "error", "quiet-hours"),
    ("content/calendar/broken.yml", 10, 15, "warning", "platform-mismatch"),
]
