"""`contentplan diff`: tests/fixtures/diff/base → head holds one change of each kind.

The Markdown is pinned by tests/golden/diff/fixture.md; when a change to it is meant, write it with
    python3 tasks.py regen
and review the diff of the golden file (tests/support/generated.py makes it).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from generator.check import check
from generator.cli import main
from generator.diff import compare, markdown, word_diff
from tests.support import DIFF_BASE, DIFF_GOLDEN, DIFF_HEAD, diff_markdown, diff_result, git

BASE, HEAD = DIFF_BASE, DIFF_HEAD


@pytest.fixture(scope="module")
def result():
    return diff_result()


def test_added_and_removed_posts(result):
    assert [p.id for p in result.added] == ["added-post"]
    # removed-post, and the repeat's occurrence that its shorter range drops
    assert [p.id for p in result.removed] == ["removed-post", "nightly-2026-12-06"]


def test_moved_posts_by_id_by_repeat_and_date_and_without_an_id(result):
    moved = {c.head.id: [(x.field, x.before, x.after) for x in c.changes] for c in result.moved}
    assert moved == {
        "moving": [("time", "10:00", "11:00"), ("channel", "品鉴VIP群", "新客群")],
        "late": [("time", "23:00", "21:00")],
        "nightly-2026-12-05": [("time", "20:00", "20:30")],
        # no id: its derived id changed with its date; paired by playbook and message
        "2026-12-05-new-group-0900": [("date", "2026-12-04", "2026-12-05")],
    }
    assert {c.base.id for c in result.moved} >= {"2026-12-04-new-group-0900"}


def test_copy_changes_are_short_word_diffs(result):
    changed = {(c.post.id, c.field): c.diff for c in result.text_changed}
    assert changed == {
        ("reworded", "message"): "…聊聊：冬天怎么存{+酱+}酒",
        ("retitled", "headline"): "冬天喝酱酒的[-三-]{+四+}个讲究",
    }


def test_status_and_owner_changes(result):
    assert [(c.head.id, c.changes[0].before, c.changes[0].after) for c in result.status_changed] == [
        ("approving", "draft", "approved")
    ]
    assert [(c.head.id, [(x.field, x.before, x.after) for x in c.changes]) for c in result.other_changed] == [
        ("handed-over", [("owner", "小李", "老王")])
    ]


def test_problems_introduced_and_fixed_ignore_lines_that_only_moved(result):
    assert [(p.code, p.where) for p in result.problems_introduced] == [("banned-word", "content/calendar/2026-12.yml:7:19")]
    assert [(p.code, p.where) for p in result.problems_fixed] == [("quiet-hours", "content/calendar/2026-12.yml:52:11")]


def test_a_plan_compared_with_itself_has_no_change():
    same = compare(check(HEAD), check(HEAD), "a", "b")
    assert same.empty and "No post and no problem changed." in markdown(same)


def test_every_change_to_a_post_is_reported():
    # a change of title, note, attachments, campaign or topic alone is a change, never "no change"
    from tests.support import FIXTURES, build_plan

    calendar = (FIXTURES / "valid" / "content" / "calendar" / "2026-12.yml").read_text(encoding="utf-8")
    campaigns = (FIXTURES / "valid" / "content" / "campaigns.yml").read_text(encoding="utf-8")
    campaigns += "- {id: spring, name: 春季上新, start: 2026-12-01, end: 2026-12-31}\n"
    edits = {
        "title: 新人欢迎": "title: 新人欢迎会\n    campaign: spring",
        "note: 提前备好红包封面": "note: 备好红包",
        "attach: [assets/tasting.png]": "attach: []",
        "name: 初雪\n": "name: 第一场雪\n",
    }
    for old, new in edits.items():
        assert old in calendar, old
        calendar = calendar.replace(old, new, 1)
    with tempfile.TemporaryDirectory() as folder:
        changed = build_plan(Path(folder), files={"content/calendar/2026-12.yml": calendar, "content/campaigns.yml": campaigns})
        assert check(changed).problems == []
        result = compare(check(FIXTURES / "valid"), check(changed), "a", "b")
    assert not result.empty
    other = {(c.head.id, x.field, x.before, x.after) for c in result.other_changed for x in c.changes}
    assert other == {
        ("welcome-dec-01", "title", "新人欢迎", "新人欢迎会"),
        ("welcome-dec-01", "campaign", "冬季品鉴月", "春季上新"),
        ("2026-12-05-moments-1200", "attachments", "assets/tasting.png", ""),
        ("2026-12-05-moments-1200", "topic", "初雪 https://example.com/news/1", "第一场雪 https://example.com/news/1"),
    }
    assert [(c.post.id, c.field, c.diff) for c in result.text_changed] == [("welcome-dec-01", "note", "[-提前-]备好红包[-封面-]")]
    assert "· 2 other changed ·" in markdown(result)


def test_the_markdown_matches_the_golden_file(result):
    text = diff_markdown(result)
    assert text == DIFF_GOLDEN.read_text(encoding="utf-8"), "the diff's Markdown differs from tests/golden/diff/fixture.md"


def test_the_cli_prints_markdown_and_json(capsys):
    assert main(["diff", f"path:{BASE}", f"path:{HEAD}"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 计划改动 Plan changes") and "`added-post`" in out
    assert main(["diff", f"path:{BASE}", f"path:{HEAD}", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "base",
        "head",
        "added",
        "removed",
        "moved",
        "text_changed",
        "status_changed",
        "other_changed",
        "settings_changed",
        "problems_introduced",
        "problems_fixed",
    }
    assert data["added"][0] == {
        "id": "added-post",
        "date": "2026-12-01",
        "time": "08:30",
        "channel": "vip-group",
        "channel_name": "品鉴VIP群",
        "title": "群内问候",
        "status": "draft",
    }


def _commit(repo: Path, plan: Path, message: str, into: str = "") -> None:
    target = repo / into if into else repo
    for folder in ("content", "playbooks"):
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(plan / folder, target / folder)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo)


def test_git_revisions_and_the_working_tree(tmp_path, capsys, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    _commit(repo, BASE, "base")
    _commit(repo, HEAD, "head")
    assert main(["diff", "HEAD~1", "HEAD", "--root", str(repo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["added"]] == ["added-post"] and data["base"].startswith("HEAD~1 (")
    # HEAD defaults to the working tree: an uncommitted edit shows
    calendar = repo / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("20:30", "20:45"), encoding="utf-8")
    assert main(["diff", "HEAD", "--root", str(repo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"] == "working tree" and [c["head"]["id"] for c in data["moved"]] == ["nightly-2026-12-05"]
    assert not list(scratch.iterdir())  # the revisions' copies are removed


def test_a_plan_in_a_subfolder_of_the_repository(tmp_path, capsys):
    repo = tmp_path / "repo"
    (repo / "plan").mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=repo)
    _commit(repo, BASE, "base", into="plan")
    _commit(repo, HEAD, "head", into="plan")
    assert main(["diff", "main~1", "main", "--root", str(repo / "plan"), "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)["added"]] == ["added-post"]


def test_a_symlink_in_a_revision_is_not_followed(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    _commit(repo, BASE, "base")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nkind: script\ntitle: SECRET-TOKEN\n---\n```message\nSECRET-TOKEN\n```\n", encoding="utf-8")
    (repo / "playbooks" / "leak.md").symlink_to(secret)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "link", cwd=repo)
    assert main(["diff", "HEAD~1", "HEAD", "--root", str(repo)]) == 0
    assert "SECRET-TOKEN" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "spec, said",
    [
        ("no-such-branch", "'no-such-branch' is not a git revision of "),
        ("--output=/tmp/x", "'--output=/tmp/x' is not a git revision"),
        ("", "'' is not a git revision"),
        ("path:", "'' is not a folder"),
        ("path:no-such-folder", "'no-such-folder' is not a folder"),
    ],
)
def test_a_bad_side_is_a_clear_error(tmp_path, capsys, spec, said):
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    _commit(repo, BASE, "base")
    assert main(["diff", "--root", str(repo), "--", spec]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_bare_side_is_always_a_revision_and_a_folder_says_how_to_write_it(tmp_path, capsys, monkeypatch):
    # Which of a folder and a revision exists never decides: `contentplan diff main HEAD` reads git
    # even where a folder is named HEAD, and a folder written bare is told to say path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    _commit(repo, BASE, "base")
    shutil.copytree(HEAD, repo / "plans" / "head")
    monkeypatch.chdir(repo)
    assert main(["diff", "main", "plans/head"]) == 2
    assert capsys.readouterr().err == (
        "contentplan diff: 'plans/head' is not a git revision; for a plan folder write path:plans/head\n"
    )
    assert main(["diff", "main", "path:plans/head", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"] == "path:plans/head" and [p["id"] for p in data["added"]] == ["added-post"]
    # outside a repository too
    assert main(["diff", "--root", str(tmp_path), str(BASE), str(HEAD)]) == 2
    assert capsys.readouterr().err == f"contentplan diff: '{BASE}' is not a git revision; for a plan folder write path:{BASE}\n"


def test_a_revision_without_a_plan_is_a_clear_error(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / "README.md").write_text("x", encoding="utf-8")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "empty", cwd=repo)
    _commit(repo, BASE, "base")
    assert main(["diff", "HEAD~1", "--root", str(repo)]) == 2
    assert "has no content/site.yml" in capsys.readouterr().err


def test_word_diff_is_bounded():
    assert word_diff("a" * 10_000, "b" * 10_000).startswith("[-aaaa")  # replaced whole, not diffed
    many = word_diff("一二三四五六七八九十甲乙丙丁", "1二3四5六7八9十甲乙丙丁")
    assert many.count("{+") == 4 and "more changes" in many
    assert word_diff("早上好\n今天", "早上好！\n今天") == "早上好{+！+}⏎今天"  # one line, breaks shown


def test_every_broken_fixture_compares_both_ways(tmp_path):
    # a plan under review is often broken: the diff still reports, and says what is new
    from tests.support import FIXTURES, broken_codes, build_plan

    valid = check(FIXTURES / "valid")
    for code in broken_codes():
        broken = check(build_plan(tmp_path / code, code))
        forward = compare(valid, broken, "valid", code)
        assert code in {p.code for p in forward.problems_introduced} or not broken.problems, code
        markdown(compare(broken, valid, code, "valid"))
