"""Bad-input properties: whatever is done to a valid plan (tests/support/mutations.py), the checker
reports, never raises."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.support import SMALL_PLAN, mutate, write_plan


def run_check(root: Path, fmt: str = "json") -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--root", str(root), "--format", fmt])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code


def test_the_unmutated_plan_is_clean():
    with tempfile.TemporaryDirectory() as tmp:
        write_plan(Path(tmp), {k: v.encode() for k, v in SMALL_PLAN.items()})
        assert run_check(Path(tmp), "text") == 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_plans_never_raise(data):
    files = {k: v.encode() for k, v in SMALL_PLAN.items()}
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(sorted(files)))
        files[target] = mutate(files[target], data)
    with tempfile.TemporaryDirectory() as tmp:
        write_plan(Path(tmp), files)
        assert run_check(Path(tmp)) in (0, 1, 2)
