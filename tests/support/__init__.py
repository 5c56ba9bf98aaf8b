"""What the tests share, imported one way:

    from tests.support import VALID, build_plan, run_subprocess

plans.py      the fixture plans (tests/fixtures/) and what tests write into them
commands.py   the CLI in a new process and its output, git, a pinned build day
browser.py    Debian's chromium driven by Playwright, and a folder served on 127.0.0.1
snippets.py   the small plans the rule tests (tests/rules/) write
guard.py      hostile text: work counted, never timed (speed is bench/), and a stop for a hang
mutations.py  a small plan and the ways the bad-input tests break it
hostile.py    a plan with an attack in every field (tests/hostile/): `from tests.support import hostile`
scripts.py    a script of bench/ or tools/ loaded as a module, by its path
generated.py  the generated files the tests compare against, and `python3 tasks.py regen`

Fixtures (make_plan, run_cli, browser, shipped_site, ...) are in tests/conftest.py.
"""

from . import hostile
from .browser import CHROMIUM, PHONE, Served, launch, needs_chromium, running_browser, watched_phone
from .commands import CONSOLE_SCRIPT, GIT_ENV, LINE, Result, git, pinned_build_day, run_subprocess
from .generated import (
    COMPILE_PLANS,
    DIFF_BASE,
    DIFF_GOLDEN,
    DIFF_HEAD,
    RULES_PAGE,
    SCHEMAS,
    compile_golden,
    compile_output,
    diff_markdown,
    diff_result,
    rules_page,
    same_output,
    schema_files,
)
from .guard import assert_linear, hostile_text, no_hang
from .mutations import SMALL_PLAN, mutate, write_plan
from .plans import (
    BROKEN,
    FIXTURES,
    NETWORK,
    PROJECT,
    SEVERAL,
    SEVERAL_PROBLEMS,
    TESTS,
    VALID,
    VALID_SITE,
    broken_codes,
    build_plan,
    codes_in,
    expectation,
    headline_post,
    problems_in,
    with_rules,
)
from .scripts import load_script
from .snippets import CAL, RULE_HEADLINES, RULE_PLAYBOOK, RULE_SITE, article, found, greet, say

__all__ = [
    "NETWORK",
    "BROKEN",
    "CAL",
    "CHROMIUM",
    "COMPILE_PLANS",
    "CONSOLE_SCRIPT",
    "DIFF_BASE",
    "DIFF_GOLDEN",
    "DIFF_HEAD",
    "FIXTURES",
    "GIT_ENV",
    "LINE",
    "PHONE",
    "PROJECT",
    "RULES_PAGE",
    "RULE_HEADLINES",
    "RULE_PLAYBOOK",
    "RULE_SITE",
    "Result",
    "SCHEMAS",
    "SEVERAL",
    "SEVERAL_PROBLEMS",
    "SMALL_PLAN",
    "Served",
    "TESTS",
    "VALID",
    "VALID_SITE",
    "article",
    "assert_linear",
    "hostile_text",
    "no_hang",
    "broken_codes",
    "build_plan",
    "codes_in",
    "compile_golden",
    "compile_output",
    "diff_markdown",
    "diff_result",
    "expectation",
    "found",
    "git",
    "greet",
    "headline_post",
    "hostile",
    "launch",
    "load_script",
    "mutate",
    "needs_chromium",
    "pinned_build_day",
    "problems_in",
    "rules_page",
    "run_subprocess",
    "running_browser",
    "watched_phone",
    "same_output",
    "say",
    "schema_files",
    "with_rules",
    "write_plan",
]
