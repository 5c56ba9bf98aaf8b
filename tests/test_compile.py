"""The compile step's output, pinned: every page (Markdown) and every file (calendar feeds, day
exports) of the fixture plans, as golden files under tests/golden/compile/<plan>/.

A change to a template or to the compile step shows here as a diff of the generated output.
When the change is meant, write the new files with
    python3 tasks.py regen
and review the diff of tests/golden/ like any other change (tests/support/generated.py makes them).
"""

from __future__ import annotations

import pytest

from tests.support import COMPILE_PLANS, compile_golden, compile_output, same_output


@pytest.mark.parametrize("name", COMPILE_PLANS)
def test_generated_pages_and_files_match_the_golden_files(name):
    output, folder = compile_output(name), compile_golden(name)
    golden = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(output) == sorted(golden)
    for path in sorted(output):
        assert same_output(path, output[path], golden[path]), f"{path} differs from tests/golden/compile/{name}/{path}"


def _compiled(root, kept=None) -> dict[str, bytes]:
    from generator.check import check
    from generator.compile import compile_site

    result = check(root)
    assert not [p for p in result.problems if p.severity == "error"]
    site = compile_site(result.plan, site_url="https://example.com/plan", kept=kept)
    return {p.path: p.markdown.encode() for p in site.pages} | {f.path: f.content for f in site.files}


def test_a_preview_compiles_what_changed_and_takes_the_rest_from_the_last_compile(make_plan):
    """serve's compile (kept.py) gives what a fresh compile gives, after any change; only the pages,
    events and exports whose data changed are made again."""
    from generator.kept import Kept

    root, kept = make_plan(), Kept()
    assert _compiled(root, kept) == _compiled(root)
    everything = kept.made
    assert _compiled(root, kept) == _compiled(root) and kept.made == 0  # nothing changed: nothing made
    calendar = root / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text("utf-8").replace("title: 新人欢迎", "title: 新人欢迎会"), "utf-8")
    assert _compiled(root, kept) == _compiled(root)
    assert 0 < kept.made < everything / 4  # the post's day, lists, feeds and exports; not the rest
    site = root / "content" / "site.yml"  # a channel's name is on every page that lists its posts
    text = site.read_text("utf-8")
    assert "name: " in text
    site.write_text(text.replace("name: ", "name: 新", 1), "utf-8")
    assert _compiled(root, kept) == _compiled(root)
