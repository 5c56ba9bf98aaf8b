"""The tests mirror the modules: generator/<name>.py is tested in tests/test_<name>.py, and
generator/rules/<rule>.py in tests/rules/test_<rule>.py, so a module's tests are found by its
name. Private modules (_name.py) and __init__/__main__ are left out. A new module without a test
file fails here: write the file (a few tests of its public functions will do)."""

from __future__ import annotations

from tests.support import PROJECT, TESTS

# Modules whose tests live in another file, and that file. Keep this short: a small test file
# of its own is better than an entry here.
ELSEWHERE = {
    "search_index": "test_search.py",  # the index's fixes, with the search they are for, on a built site
    "site_dir": "hostile/test_site_dir.py",  # every way a site folder can be wrong is a hostile case
}


def _modules(folder) -> set[str]:
    return {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")}


def test_every_module_has_its_own_test_file():
    missing = sorted(
        name for name in _modules(PROJECT / "generator") if not (TESTS / f"test_{name}.py").is_file() and name not in ELSEWHERE
    )
    assert missing == [], f"no tests/test_<name>.py for generator/{{{', '.join(missing)}}}.py"


def test_the_list_of_modules_tested_elsewhere_is_true_and_short():
    modules = _modules(PROJECT / "generator")
    for name, where in ELSEWHERE.items():
        assert name in modules, f"generator/{name}.py is gone: remove it from ELSEWHERE"
        assert not (TESTS / f"test_{name}.py").is_file(), f"tests/test_{name}.py exists now: remove {name!r} from ELSEWHERE"
        assert (TESTS / where).is_file(), f"{name}: tests/{where} is gone"


def test_every_rule_module_has_its_own_test_file():
    missing = sorted(
        name for name in _modules(PROJECT / "generator" / "rules") if not (TESTS / "rules" / f"test_{name}.py").is_file()
    )
    assert missing == [], f"no tests/rules/test_<rule>.py for generator/rules/{{{', '.join(missing)}}}.py"


def test_every_rule_has_its_own_test_file():
    from pathlib import Path

    from generator.rules import RULES, SUPPRESSION

    have = {p.stem.removeprefix("test_") for p in (Path(__file__).parent / "rules").glob("test_*.py")}
    need = {rule.__name__.rsplit(".", 1)[1] for rule in RULES} | {code.replace("-", "_") for code in SUPPRESSION}
    assert need <= have, f"no tests/rules/test_<rule>.py for {sorted(need - have)}"
