"""The generated files the tests compare against, each made here, once: docs/rules.md (the rules
page), the JSON schemas under schema/, and the golden files under tests/golden/ (the compile
step's pages and files of the fixture plans, and the diff's Markdown).

The tests compare each committed file with what these functions make (tests/test_rules_doc.py,
test_schema.py, test_compile.py, test_diff.py). When a change to the output is meant, write
the files anew with

    python3 tasks.py regen

(`main` below) and review their diff like any other change.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from .plans import FIXTURES, PROJECT, TESTS

LANGUAGE = "en"  # the language the tests read (tests/conftest.py sets CONTENTPLAN_LANG to it)
RULES_PAGE = PROJECT / "docs" / "rules.md"
SCHEMAS = PROJECT / "schema"
GOLDEN = TESTS / "golden"
COMPILE_PLANS = ("site", "phone")  # tests/fixtures/<name>, pinned under tests/golden/compile/<name>/
COMPILE_STAMP = datetime(2026, 11, 24, tzinfo=UTC)  # a fixed build time, as SOURCE_DATE_EPOCH gives
DIFF_BASE, DIFF_HEAD = FIXTURES / "diff" / "base", FIXTURES / "diff" / "head"
DIFF_GOLDEN = GOLDEN / "diff" / "fixture.md"


def rules_page() -> str:
    """docs/rules.md: the rules page, made from the rule modules."""
    from generator.rules_doc import rules_markdown

    return rules_markdown()


def schema_files() -> dict[str, str]:
    """schema/<name> → its text: the JSON Schemas, made from the model."""
    from generator import schema

    return schema.schemas()


def compile_golden(name: str) -> Path:
    return GOLDEN / "compile" / name


def compile_output(name: str) -> dict[str, bytes]:
    """The compile step's output for tests/fixtures/<name>: "pages/<path>" → the page's Markdown,
    "files/<path>" → the file (calendar feeds, day exports, thumbnails)."""
    from generator.check import check
    from generator.compile import compile_site

    report = check(FIXTURES / name)
    assert not [p for p in report.problems if p.severity == "error"], f"tests/fixtures/{name} has errors"
    content = compile_site(
        report.plan,
        site_url="https://plan.example.com/",
        stamp=COMPILE_STAMP,
        changed={"content/site.yml": 1_790_000_000, "content/calendar/2026-12.yml": 1_795_000_000},
    )
    out = {f"pages/{page.path}": page.markdown.encode("utf-8") for page in content.pages}
    out.update({f"files/{file.path}": file.content for file in content.files})
    return out


def same_output(path: str, made: bytes, pinned: bytes) -> bool:
    """Bytes for bytes, but a thumbnail's JPEG bytes depend on the libjpeg that Pillow bundles:
    a thumbnail is pinned by being a JPEG of the same size (tests/test_thumbnails.py: the rest)."""
    if not path.startswith("files/thumbnails/"):
        return made == pinned
    from PIL import Image

    made_image, pinned_image = Image.open(io.BytesIO(made)), Image.open(io.BytesIO(pinned))
    return (made_image.format, made_image.size) == (pinned_image.format, pinned_image.size) == ("JPEG", (320, 240))


def diff_result():
    """`contentplan diff` of tests/fixtures/diff/base → head."""
    from generator.check import check
    from generator.diff import compare

    return compare(check(DIFF_BASE), check(DIFF_HEAD), "base", "head")


def diff_markdown(result=None) -> str:
    """tests/golden/diff/fixture.md: the diff's Markdown (of `result`, made anew if not given)."""
    from generator.diff import markdown

    return markdown(result if result is not None else diff_result())


def regenerate() -> list[str]:
    """Write every generated file whose content differs from what is made now, and remove the
    golden files the compile step no longer makes. Returns the paths changed (project-relative)."""
    changed: list[Path] = []

    def put(path: Path, data: bytes, same=lambda made, pinned: made == pinned) -> None:
        if path.is_file() and same(data, path.read_bytes()):
            return  # left as it is: a thumbnail made by another libjpeg is no change
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(path)

    put(RULES_PAGE, rules_page().encode("utf-8"))
    for name, text in schema_files().items():
        put(SCHEMAS / name, text.encode("utf-8"))
    for plan in COMPILE_PLANS:
        folder, output = compile_golden(plan), compile_output(plan)
        for old in sorted(p for p in folder.rglob("*") if p.is_file()):
            if old.relative_to(folder).as_posix() not in output:
                old.unlink()  # shown as deleted by `git status`
                changed.append(old)
        for rel, data in sorted(output.items()):
            put(folder / rel, data, lambda made, pinned, rel=rel: same_output(rel, made, pinned))
    put(DIFF_GOLDEN, diff_markdown().encode("utf-8"))
    return [path.relative_to(PROJECT).as_posix() for path in changed]


def main(argv: list[str] | None = None) -> int:
    """`python3 tasks.py regen`: rewrite the generated files, print the ones that changed."""
    if argv:
        print("usage: python3 tasks.py regen  (no arguments)", file=sys.stderr)
        return 2
    os.environ["CONTENTPLAN_LANG"] = LANGUAGE  # as in the tests: their output is compared in it
    changed = regenerate()
    for path in changed:
        print(f"regen: {path}")
    print(f"regen: {len(changed)} file(s) changed; review them with `git diff`", file=sys.stderr)
    return 0
