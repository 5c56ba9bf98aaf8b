"""One source per fact: the plan's words (generator/vocabulary.py) and platforms (platforms.py)
are written once; a copy anywhere else in the package fails here, naming the file and line.

A "copy" is what drifted before: a literal list of two or more statuses, kinds or weekdays
(names or labels), a label written as its own string, or a platform id compared by hand.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

from generator import vocabulary as v
from generator.model import Channel, PostFields
from generator.platforms import PLATFORMS
from tests.support import VALID

PACKAGE = Path(v.__file__).resolve().parent
SOURCES = ("vocabulary.py", "platforms.py")  # where the facts live
GROUPS = {
    "status": set(v.STATUSES) | set(v.STATUS_LABEL.values()),
    "kind": set(v.KINDS) | set(v.KIND_LABEL.values()),
    "weekday": set(v.WEEKDAYS) | set(v.WEEKDAY_LABEL),
}
LABELS = set(v.STATUS_LABEL.values()) | set(v.KIND_LABEL.values()) | set(v.WEEKDAY_LABEL)
# platform ids compared or listed by hand, each with why it is not a copy of a platform fact
PLATFORM_WORDS = set(PLATFORMS) - {"other"}  # "other" is also an ordinary word in code
PLATFORM_ID_ALLOWED = {
    # init's sample week gives a Moments channel its own script (a sample's content, not a fact)
    ("init.py", "wechat-moments"),
}


def _python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in SOURCES)


def _copies_in_python(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = {n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)}
            for group, names in GROUPS.items():
                if len(words & names) >= 2:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: a list of {group} words")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in LABELS:
                found.append(f"{path.relative_to(root)}:{node.lineno}: the label {node.value!r}")
            if node.value in PLATFORM_WORDS and (path.name, node.value) not in PLATFORM_ID_ALLOWED:
                found.append(f"{path.relative_to(root)}:{node.lineno}: the platform id {node.value!r}")
    return found


def _copies_in_text(path: Path) -> list[str]:
    """Templates and scripts: two or more words of one group quoted on one line, or a label
    list (the browser reads labels from the page JSON)."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        quoted = set(re.findall(r"[\"']([^\"'\n]{1,20})[\"']", line))
        bare = set(re.findall(r"[\u4e00-\u9fff]+", line))
        for group, names in GROUPS.items():
            if len(quoted & names) >= 2 or len(bare & LABELS & names) >= 2:
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {group} words")
    return found


def test_no_module_keeps_its_own_copy_of_the_vocabulary_or_a_platform_fact():
    found = [c for p in _python_files() for c in _copies_in_python(p)]
    assert found == [], "read these from generator/vocabulary.py or platforms.py:\n" + "\n".join(found)


def test_no_template_or_script_keeps_its_own_list_of_statuses_kinds_or_weekdays():
    files = sorted(
        [
            *PACKAGE.glob("templates/*.j2"),
            *PACKAGE.glob("overrides/**/*.html"),
            *PACKAGE.glob("overrides/**/*.js"),
            PACKAGE / "offline_worker.js",
        ]
    )
    found = [c for p in files for c in _copies_in_text(p)]
    assert found == [], "take these from the page JSON or the templates' globals:\n" + "\n".join(found)


def test_the_drift_scan_finds_a_copy(tmp_path):
    """The scan above is not blind: a module with its own status table is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text('X = {"draft": "草稿", "approved": "已审核"}\nif p == "douyin":\n    pass\n', encoding="utf-8")
    found = _copies_in_python(sample, tmp_path)
    assert len(found) == 4, found  # the dict of names, two labels, the platform id


def test_every_status_kind_and_weekday_has_one_label():
    assert tuple(v.STATUS_LABEL) == v.STATUSES == get_args(v.Status)
    assert tuple(v.KIND_LABEL) == v.KINDS == get_args(v.Kind)
    assert len(v.WEEKDAY_LABEL) == len(v.WEEKDAY_SHORT_EN) == len(v.WEEKDAYS) == 7
    assert len(set(v.STATUS_LABEL.values())) == len(v.STATUSES)
    assert v.DONE <= set(v.STATUSES)


def test_the_model_takes_its_words_from_the_vocabulary():
    assert get_args(PostFields.model_fields["status"].annotation) == v.STATUSES
    assert PostFields.model_fields["status"].default == v.DEFAULT_STATUS
    accounts = get_args(get_args(Channel.model_fields["account"].annotation)[0])
    quotas = {q.account for p in PLATFORMS.values() for q in p.mass_send}
    assert set(accounts) == quotas, "a channel's account types and the platforms' 群发 quotas differ"


def test_the_page_json_counts_statuses_by_name_and_labels_them_in_workflow_order():
    from generator.assemble import assemble
    from generator.context import build_context
    from generator.load import load_plan

    context = build_context(assemble(load_plan(VALID))[0])
    summary = context.day_summary()
    assert summary
    for iso, counts in summary.items():
        day = next(d for d in context.days if d.isoformat() == iso)
        assert counts["posts"] == len(context.by_day[day])
        assert set(counts) - {"posts"} <= set(v.STATUSES) and all(counts[s] > 0 for s in counts)
        assert sum(n for s, n in counts.items() if s != "posts") == counts["posts"]
    words = v.browser_words()
    assert [s for s, _label in words["statuses"]] == list(v.STATUSES)
    assert words["weekdays"] == list(v.WEEKDAY_LABEL)
