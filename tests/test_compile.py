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
