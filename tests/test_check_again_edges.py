"""The edges of generator/check_again.py, found by trying to make the file-by-file check
(`check_by_files`) or the check again (`check_again`) give other problems than the whole-plan
check (`check.check`). The first five each found a difference, now mended: slot-conflict
numbered an article by the first post equal to it, a missing playbooks/ folder ended the
snapshot's walk, and a relative root was kept as it was typed. The rest held."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import check_again
from generator.check import check, check_outcome
from generator.i18n import language
from tests.support import VALID_SITE, build_plan


def _listed(problems) -> list[tuple]:
    return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in problems]


def _whole(root: Path) -> list[tuple]:
    return _listed(check(root).problems)


def _by_files(root: Path, cores: int):
    with language("en"):
        outcome = check_again.check_by_files(root, "en", cores)
    return None if outcome is None else _listed(outcome.problems)


def _again(root: Path, cores: int = 1):
    with language("en"):
        outcome = check_again.check_again(root, "en", cores)
    return None if outcome is None else _listed(outcome.problems)


def _post(day: str, at: str, channel: str = "vip-group", playbook: str = "welcome-script", extra: str = "") -> str:
    return f'  - {{date: {day}, time: "{at}", channel: {channel}, playbook: {playbook}, vars: {{product: x}}{extra}}}\n'


CAL = "content/calendar/"


# --- discrepancies ------------------------------------------------------------------------------


@pytest.mark.parametrize("cores", [1, 2])
def test_nine_identical_articles_in_one_minute_are_numbered_as_check_numbers_them(cores, tmp_path):
    """Nine articles written alike in one 公众号 minute: the ninth is "number 9" in both checks
    (slot-conflict once took the number of the first post equal to it: "number 1")."""
    post = '  - {date: 2026-12-03, time: "20:00", channel: official, playbook: winter-headline, headline: 冬天的酒}\n'
    root = build_plan(tmp_path / "plan", files={CAL + "a.yml": "posts:\n" + post * 9})
    expected = _whole(root)
    assert [p[5].rsplit(" ", 1)[-1] for p in expected if p[4] == "slot-conflict"] == ["9"]
    assert _by_files(root, cores) == expected


@pytest.mark.parametrize("cores", [1, 2])
def test_a_calendar_file_made_identical_to_another_numbers_articles_as_check(cores, tmp_path, cache_dir):
    """Checking again after a calendar file is made byte-identical to another whose 公众号 posts
    share its minute: the articles past eight are numbered by their place in the 群发."""
    articles = "".join(
        f'  - {{date: 2026-12-02, time: "20:00", channel: official, playbook: winter-headline, headline: 标题{i}}}\n'
        for i in range(5)
    )
    root = build_plan(
        tmp_path / "plan",
        files={CAL + "a.yml": "posts:\n" + articles.replace("标题", "旧标题"), CAL + "b.yml": "posts:\n" + articles},
    )
    check_outcome(root, cache=True)
    (root / CAL / "a.yml").write_bytes((root / CAL / "b.yml").read_bytes())
    expected = _whole(root)
    numbers = sorted(int(p[5].rsplit(" ", 1)[-1]) for p in expected if p[4] == "slot-conflict")
    assert numbers == list(range(9, 9 + len(numbers))) and len(numbers) >= 2  # each its own place
    assert _again(root, cores) == expected


@pytest.mark.parametrize("cores", [1, 2])
def test_a_plan_without_playbooks_folder_sees_a_new_calendar_file(cores, tmp_path, cache_dir):
    """A plan with no playbooks/ folder (load.py reads it as no playbooks) and no calendar file
    yet: Snapshot.take pops playbooks/ first, its FileNotFoundError ends the whole walk, so
    content/ is never listed nor hashed. A calendar file added after the first check (an edit
    to calendar files only) changes nothing the snapshot sees: check_again returns the last
    check's problems (none) where check.check finds the new file's."""
    root = build_plan(tmp_path / "plan")
    shutil.rmtree(root / "playbooks")
    shutil.rmtree(root / "content" / "calendar")
    check_outcome(root, cache=True)
    (root / "content" / "calendar").mkdir()
    (root / CAL / "2026-12.yml").write_text(
        'posts:\n  - {date: 2026-12-01, time: "10:00", channel: nowhere, playbook: none}\n', encoding="utf-8"
    )
    expected = _whole(root)
    assert {p[4] for p in expected} >= {"unknown-channel", "unknown-playbook"}
    assert _again(root, cores) in (None, expected)
    assert _listed(check_outcome(root, cache=True).problems) == expected


def test_a_plan_without_playbooks_folder_sees_site_yml_change(tmp_path, cache_dir):
    """The same walk that stops at the missing playbooks/ folder: site.yml changed (a channel
    renamed) is not seen either, and `contentplan check` (check_outcome with the cache) reports
    the problems of the site.yml it checked before."""
    root = build_plan(tmp_path / "plan")
    shutil.rmtree(root / "playbooks")
    shutil.rmtree(root / "content" / "calendar")
    check_outcome(root, cache=True)
    (root / "content" / "site.yml").write_text(VALID_SITE.replace("owner: xiaoli\n", "owner: nobody\n"), encoding="utf-8")
    expected = _whole(root)
    assert any(p[4] == "unknown-person" for p in expected)
    assert _listed(check_outcome(root, cache=True).problems) == expected


@pytest.mark.parametrize("cores", [1, 2])
def test_checking_again_from_another_folder_with_a_relative_root(cores, tmp_path, cache_dir, monkeypatch):
    """The kept context is the pickled Plan, whose `root` is the path as given. A first check
    with the relative root `plan` (from its parent folder), then one from inside the plan
    (root `.`; Snapshot/open_sealed key on the resolved path, so the record is the same):
    missing-asset looks for the attachments under ./plan/content/ and reports an existing
    attachment as missing in the edited calendar file."""
    parent = tmp_path / "work"
    root = build_plan(parent / "plan")
    monkeypatch.chdir(parent)
    check_outcome(Path("plan"), cache=True)
    monkeypatch.chdir(root)
    calendar = Path(CAL + "2026-12.yml")
    calendar.write_bytes(b"# saved again\n" + calendar.read_bytes())
    expected = _whole(Path("."))
    assert not any(p[4] == "missing-asset" for p in expected)
    assert _again(Path("."), cores) in (None, expected)


# --- cases that held ----------------------------------------------------------------------------

_ARTICLE = '  - {{date: {day}, time: "{at}", channel: official, playbook: winter-headline, headline: {headline}}}\n'
_QUOTA_SITE = VALID_SITE.replace(
    "    owner: amei\n", "    owner: amei\n    account: subscription\n    max_per_day: 1\n    max_per_month: 3\n", 1
)

HELD: dict[str, dict[str, str | bytes]] = {
    # a repeat from November into January, written in November's file; January's file meets it
    "repeat-over-months": {
        CAL + "2026-11.yml": "repeats:\n  - {id: r1, every: day, from: 2026-11-25, until: 2027-01-05, time: '20:00', "
        "channel: vip-group, playbook: welcome-script, vars: {product: x}, headline: 冬天温酒的三种方法}\n",
        CAL + "2027-01.yml": "posts:\n" + _post("2027-01-02", "20:00") + _post("2027-01-03", "20:10"),
    },
    "file-defaults": {
        CAL + "a.yml": "campaign: winter-tasting\nowner: nobody\nposts:\n" + _post("2027-02-01", "10:00"),
        CAL + "b.yml": "campaign: nocamp\nowner: amei\nrepeats:\n  - {id: rb, every: week, time: '11:00', channel: moments, "
        "playbook: welcome-script, vars: {product: y}}\n",
    },
    "allow-cross-and-local": {
        CAL + "a.yml": "posts:\n"
        + _post("2026-12-01", "09:30", extra=", allow: {slot-conflict: ok, quiet-hours: x, min-gap: '', nope-rule: x}")
        + _post("2026-12-01", "23:00", extra=", allow: {quiet-hours: late ok}")
    },
    "did-you-mean": {
        CAL + "a.yml": "posts:\n"
        + _post("2026-12-03", "10:00", channel="vip-grop")
        + _post("2026-12-04", "10:00", playbook="welcom-script")
    },
    "broken-files": {
        CAL + "a.yml": "- 1\n- 2\n",
        CAL + "b.yml": "",
        CAL + "c.yml": "posts: [\n",
        CAL + "d.yml": "posts: []\nposts: []\n",
        CAL + "e.yml": b"posts:\n  - {date: 2026-12-03, time: '10:00', channel: vip-group, playbook: \xff}\n",
        CAL + "f.yml": "\ufeffposts:\r\n  - {date: 2026-12-04, time: '10:00', channel: vip-grop, playbook: welcome-script}\r\n",
        CAL + "g.yml": "posts: 3\nrepeats: {a: 1}\n",
    },
    "subfolders-and-yaml": {
        CAL + "sub/x.yaml": "posts:\n" + _post("2026-12-01", "09:30"),
        CAL + "sub/deeper/y.yml": "posts:\n" + _post("2026-12-01", "09:30", extra=", id: welcome-dec-01"),
        CAL + "a.yaml": "posts:\n" + _post("2026-12-01", "09:30"),
    },
    "topics-and-cancelled": {
        CAL + "a.yml": "posts:\n"
        + _post("2026-12-20", "10:00", "moments", "first-snow", ", topic: {name: x, expires: 2026-12-10}")
        + _post("2026-12-20", "10:00", "moments", "first-snow", ", topic: {name: x, expires: 2026-12-10}, status: cancelled")
        + _post("2026-12-01", "09:30", extra=", status: cancelled")
    },
    "articles-in-two-files": {
        CAL + "a.yml": "posts:\n" + "".join(_ARTICLE.format(day="2026-12-02", at="20:00", headline=f"标题{i}") for i in range(5)),
        CAL + "b.yml": "posts:\n"
        + "".join(_ARTICLE.format(day="2026-12-02", at="20:00", headline=f"标题b{i}") for i in range(5)),
    },
    "ids-across-files": {
        CAL + "a.yml": "posts:\n"
        + _post("2026-12-03", "10:00", extra=", id: same")
        + _post("2026-12-03", "11:00", extra=", id: nightly-tasting-2026-12-11"),
        CAL + "b.yml": "posts:\n"
        + _post("2026-12-04", "10:00", extra=", id: same")
        + _post("2026-12-05", "10:00", extra=", id: 2026-12-01-vip-group-0930"),
    },
    "headline-and-silence-across-files": {
        CAL + "a.yml": "posts:\n"
        + _ARTICLE.format(day="2026-12-25", at="21:00", headline="3个冬季喝酱酒的误区,第2个很多人都犯过"),
        CAL + "2027-01.yml": "posts:\n" + _post("2027-01-10", "10:00"),
    },
    "quotas": {
        "content/site.yml": _QUOTA_SITE,
        CAL + "a.yml": "posts:\n"
        + _ARTICLE.format(day="2026-12-02", at="21:00", headline="a")
        + _ARTICLE.format(day="2026-12-03", at="20:00", headline="b"),
    },
    "rule-settings": {
        "content/site.yml": VALID_SITE + "rules:\n  slot-conflict: off\n  min-gap: {minutes: 120}\n  silent-channel: {days: 1}\n"
        "  duplicate-headline: {days: 60}\n  quiet-hours: warning\n  too-many-per-day: {wechat-group: 1}\n",
        CAL + "a.yml": "posts:\n"
        + _post("2026-12-01", "09:30", extra=", allow: {slot-conflict: x}")
        + _post("2026-12-01", "10:00")
        + _post("2026-12-30", "23:00"),
    },
    "yaml-aliases-and-merge": {
        CAL
        + "a.yml": "base: &b {time: '20:00', channel: vip-group, playbook: welcome-script, vars: {product: x}, headline: 标题}\n"
        "posts:\n  - {<<: *b, date: 2026-12-10}\n  - &p {<<: *b, date: 2026-12-11, id: x1}\n  - *p\n",
        CAL
        + "b.yml": "posts: [{id: z, date: 2026-12-04, time: '09:00', channel: vip-group, playbook: welcome-script, vars: {product: x}}, "
        "{id: z, date: 2026-12-04, time: '09:00', channel: vip-group, playbook: welcome-script, vars: {product: x}}]\n",
    },
}


@pytest.mark.parametrize("case", sorted(HELD))
def test_held_file_by_file(case, tmp_path):
    """check_by_files gives check.check's problems (or steps aside) on one core and two."""
    root = build_plan(tmp_path / "plan", files=HELD[case])
    expected = _whole(root)
    for cores in (1, 2):
        assert _by_files(root, cores) in (None, expected), f"{case}, {cores} cores"


def _calendar_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content" / "calendar").rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml"))


@pytest.mark.parametrize("case", sorted(HELD))
def test_held_checking_again_after_swaps_and_breakage(case, tmp_path, cache_dir):
    """Checking again after a calendar file is broken and mended, and after two files swap
    their contents: check.check's problems every time it is used."""
    root = build_plan(tmp_path / "plan", files=HELD[case])
    check_outcome(root, cache=True)
    files = _calendar_files(root)
    kept = {path: path.read_bytes() for path in files}
    edits: list[dict[Path, bytes]] = []
    for path in files:
        edits += [
            {path: b"posts: [\n"},
            {path: b"\xef\xbb\xbf# moved\r\n" + kept[path].replace(b"\n", b"\r\n")},
            {path: kept[path]},
        ]
    first, second = files[0], files[-1]
    edits += [{first: kept[second], second: kept[first]}, {first: kept[first], second: kept[second]}]
    for edit in edits:
        for path, data in edit.items():
            path.write_bytes(data)
        expected = _whole(root)
        for cores in (1, 2):
            assert _again(root, cores) in (None, expected), f"{case}: {[p.name for p in edit]}"
        assert _listed(check_outcome(root, cache=True).problems) == expected


def test_a_symlinked_attachment_steps_aside(tmp_path, cache_dir, capfd):
    """An attachment that is a symbolic link (outside-root, reported once in the plan): the
    file-by-file check and the check again hand the plan to check.check, quietly (the forked
    copy stepping aside is not the copy failing)."""
    post = "  - {date: 2026-12-05, time: '13:00', channel: moments, playbook: first-snow, topic: {name: t}, attach: [assets/link.png]}\n"
    root = build_plan(
        tmp_path / "plan", files={CAL + "a.yml": "posts:\n" + post, CAL + "b.yml": "posts:\n" + post.replace("05", "06")}
    )
    (root / "content" / "assets" / "link.png").symlink_to("tasting.png")
    capfd.readouterr()
    assert _by_files(root, 1) is None and _by_files(root, 2) is None
    assert capfd.readouterr().err == ""
    check_outcome(root, cache=True)
    (root / CAL / "b.yml").write_text("posts: []\n", encoding="utf-8")
    assert _again(root) in (None, _whole(root))
    assert _listed(check_outcome(root, cache=True).problems) == _whole(root)


def test_a_cross_file_rule_past_its_cap_is_cut_where_check_cuts_it(tmp_path, cache_dir, monkeypatch):
    """slot-conflict past check.MAX_PER_RULE findings, spread over two files: the cross-file
    rules run on the summaries in the plan's order, so the cut falls where check's falls."""
    from generator import check as check_module

    monkeypatch.setattr(check_module, "MAX_PER_RULE", 2)
    monkeypatch.setattr(check_again, "MAX_PER_RULE", 2)
    files = {
        CAL + "a.yml": "posts:\n" + "".join(_post(f"2026-12-1{d}", "20:00") for d in (0, 2, 4)),
        CAL + "b.yml": "posts:\n" + "".join(_post(f"2026-12-1{d}", "20:00") for d in (1, 3)),
    }
    root = build_plan(tmp_path / "plan", files=files)
    expected = _whole(root)
    assert any("more than 2 problems" in p[5] for p in expected)
    assert _by_files(root, 1) in (None, expected) and _by_files(root, 2) in (None, expected)
    check_outcome(root, cache=True)
    (root / CAL / "b.yml").write_text("posts:\n" + _post("2026-12-16", "20:00"), encoding="utf-8")
    assert _again(root, 2) in (None, _whole(root))
