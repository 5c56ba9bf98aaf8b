"""`contentplan diff`: tests/fixtures/diff/base → head holds one change of each kind; the
playbook tests (issue 19, point 5) scale the valid plan up with a repeat per added channel.

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
from generator.diff import compare, json_text, markdown, word_diff
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
        "playbooks_changed",
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
    for code in broken_codes(network=False):  # (a network's diff is not a plan's)
        broken = check(build_plan(tmp_path / code, code))
        forward = compare(valid, broken, "valid", code)
        assert code in {p.code for p in forward.problems_introduced} or not broken.problems, code
        markdown(compare(broken, valid, code, "valid"))


# --- a playbook's change is one entry with its reach (issue 19, point 5) ---------------------------

WELCOME = "playbooks/welcome-script.md"
CHANNELS = 12  # group-01 … group-12, beside the valid plan's three
DAYS = 10  # 2027-01-03 … 2027-01-12: one post a day on each of them
VALID_BLOCK_ONE = 13  # the valid plan's posts of welcome-script's first block, all on vip-group


def _scaled_plan(dest: Path, channels: int = CHANNELS, days: int = DAYS, edit=None, files=None, posts: str = "") -> Path:
    """valid/ plus `channels` WeChat groups, each with a daily repeat of welcome-script's first
    block for `days` days (and `posts`, a `posts:` list, in the same file); `edit(text)` rewrites
    the playbook, `files` lays more files over it."""
    from tests.support import FIXTURES, build_plan

    site = (FIXTURES / "valid" / "content" / "site.yml").read_text(encoding="utf-8")
    extra = "".join(f"  - {{id: group-{n:02}, name: 社群{n:02}, platform: wechat-group}}\n" for n in range(1, channels + 1))
    site = site.replace("channels:\n", "channels:\n" + extra, 1)
    calendar = (
        posts
        + "repeats:\n"
        + "".join(
            f"  - id: welcome-g{n:02}\n    every: day\n    from: 2027-01-03\n    until: 2027-01-{2 + days:02}\n"
            f'    time: "10:00"\n    channel: group-{n:02}\n    playbook: welcome-script\n'
            f"    vars: {{product: 酱香53度}}\n"
            for n in range(1, channels + 1)
        )
    )
    playbook = (FIXTURES / "valid" / WELCOME).read_text(encoding="utf-8")
    laid = {"content/site.yml": site, "content/calendar/2027-01.yml": calendar, WELCOME: edit(playbook) if edit else playbook}
    return build_plan(dest, files={**laid, **(files or {})})


def _one_word(text: str) -> str:
    assert "欢迎新朋友!本周品鉴" in text
    return text.replace("欢迎新朋友!本周品鉴", "欢迎新朋友!本周试饮", 1)


def _ids(root: Path, which) -> set[str]:
    """The ids of the posts of `root` that `which(post)` picks, found without diff.py."""
    return {p.id for p in check(root).plan.posts if which(p)}


def test_a_playbook_word_used_by_many_posts_is_one_entry_with_its_reach(tmp_path):
    base = _scaled_plan(tmp_path / "base")
    head = _scaled_plan(tmp_path / "head", edit=_one_word)
    result = compare(check(base), check(head), "base", "head")
    assert result.text_changed == [] and result.other_changed == []  # no line per post
    (entry,) = result.playbooks_changed
    assert (entry.id, entry.kind, entry.changes) == ("welcome-script", "changed", ())
    assert [(t.field, t.diff) for t in entry.texts] == [("message 1", "欢迎新朋友!本周[-品鉴-]{+试饮+}{{produc…")]
    reach = entry.reach
    total = CHANNELS * DAYS + VALID_BLOCK_ONE
    assert {p.id for p in reach.post_list} == _ids(head, lambda p: p.playbook == "welcome-script" and p.variant == 1)
    assert (reach.posts, reach.channels, reach.first, reach.last) == (total, CHANNELS + 1, "2026-12-01", "2027-01-12")
    assert [(c.channel, c.posts) for c in reach.by_channel[:2]] == [("vip-group", VALID_BLOCK_ONE), ("group-01", DAYS)]
    assert sum(c.posts for c in reach.by_channel) == total and reach.fields == {"message": total}
    text = markdown(result)
    assert text.count("welcome-script") == 1 and "Copy changed" not in text
    assert "1 playbooks changed · 0 added · 0 removed · 0 moved · 0 copy changed" in text
    (line,) = [line for line in text.splitlines() if line.startswith("- ")]
    assert line == (
        "- **新人入群欢迎** `welcome-script`: message 1 `欢迎新朋友!本周[-品鉴-]{+试饮+}{{produc…`"
        f" · reaches {total} posts on 13 channels, 2026-12-01 – 2027-01-12"
        " (品鉴VIP群 ×13, 社群01 ×10, 社群02 ×10, 社群03 ×10, 社群04 ×10, and 8 more channels)"
    )
    data = json.loads(json.dumps(result.as_json()))
    assert data["text_changed"] == [] and data["playbooks_changed"][0]["reach"]["posts"] == total
    assert len(data["playbooks_changed"][0]["reach"]["post_list"]) == total  # the JSON lists every one


def test_the_shipped_plans_one_word_playbook_change_is_one_line(tmp_path, capsys):
    # issue 19's example: one word of the evening red-envelope script was 104 "copy changed" lines
    from tests.support import PROJECT

    for side in ("base", "head"):
        for folder in ("content", "playbooks"):
            shutil.copytree(PROJECT / folder, tmp_path / side / folder)
    script = tmp_path / "head" / "playbooks" / "scripts" / "red-envelope.md"
    text = script.read_text(encoding="utf-8")
    assert "我们送一只品酒杯" in text
    script.write_text(text.replace("我们送一只品酒杯", "我们送一只小酒杯", 1), encoding="utf-8")
    reached = _ids(tmp_path / "head", lambda p: p.playbook == "red-envelope" and p.variant == 1)
    assert main(["diff", f"path:{tmp_path / 'base'}", f"path:{tmp_path / 'head'}"]) == 0
    out = capsys.readouterr().out
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(items) == 1 and "`red-envelope`: message 1 `…店品鉴我们送一只[-品-]{+小+}酒杯。` · reaches " in items[0]
    assert f"reaches {len(reached)} posts on " in items[0] and len(reached) > 50


def test_a_post_only_change_is_reported_as_before(tmp_path):
    from tests.support import FIXTURES, build_plan

    calendar = (FIXTURES / "valid" / "content" / "calendar" / "2026-12.yml").read_text(encoding="utf-8")
    assert "vars: {product: 年份酒, price: 399}" in calendar
    changed = calendar.replace("vars: {product: 年份酒, price: 399}", "vars: {product: 年份酒, price: 388}")
    head = build_plan(tmp_path / "head", files={"content/calendar/2026-12.yml": changed})
    result = compare(check(FIXTURES / "valid"), check(head), "a", "b")
    assert result.playbooks_changed == []
    assert [(c.post.id, c.field, c.diff, c.playbook) for c in result.text_changed] == [
        ("2026-12-23-vip-group-1900", "message", "…份酒,群内体验价[-399-]{+388+}元。", "")
    ]
    text = markdown(result)
    assert "Playbooks changed" not in text and "plus the change of playbook" not in text
    line = (
        "- 2026-12-23 19:00 品鉴VIP群 · 新人入群欢迎 `2026-12-23-vip-group-1900` message: `…份酒,群内体验价[-399-]{+388+}元。`\n"
    )
    assert line in text


def test_the_fixtures_change_has_no_playbook_entry(result):
    assert result.playbooks_changed == [] and all(c.playbook == "" for c in result.text_changed)


# a variant-2 post that sets its own price: the price default's change does not reach it
OWN_PRICE = (
    "posts:\n  - {id: own-price, date: 2027-01-20, time: '12:00', channel: moments, playbook: welcome-script,"
    " variant: 2, vars: {product: 米酒, price: 59}}\n"
)


def test_a_post_changed_both_by_the_playbook_and_its_own_vars(tmp_path):
    # welcome-dec-01 gets a product of its own while block 1 changes a word: it is in the
    # playbook's reach, and its line says only its own change, marked with the playbook
    base = _scaled_plan(tmp_path / "base", channels=2, days=2, posts=OWN_PRICE)
    calendar = (base / "content" / "calendar" / "2026-12.yml").read_text(encoding="utf-8")
    before = "vars: {product: 酱香53度, price: 199}\n    status: approved"
    assert before in calendar
    own = calendar.replace(before, before.replace("53", "54"))

    def edit(text: str) -> str:  # and the price default changes: block 2's posts use it
        assert "default: 99}" in text
        return _one_word(text).replace("default: 99}", "default: 89}")

    head = _scaled_plan(
        tmp_path / "head", channels=2, days=2, edit=edit, files={"content/calendar/2026-12.yml": own}, posts=OWN_PRICE
    )
    result = compare(check(base), check(head), "a", "b")
    (entry,) = result.playbooks_changed
    assert [(c.field, c.before, c.after) for c in entry.changes] == [("vars.price.default", "99", "89")]
    assert [t.field for t in entry.texts] == ["message 1"]
    expected = _ids(head, lambda p: p.playbook == "welcome-script" and (p.variant == 1 or "price" not in p.vars))
    assert {p.id for p in entry.reach.post_list} == expected
    assert "welcome-dec-01" in expected and "own-price" not in expected and "saturday-moments-2026-12-05" in expected
    assert [(c.post.id, c.field, c.diff, c.playbook) for c in result.text_changed] == [
        ("welcome-dec-01", "message", "…友!本周品鉴酱香[-53-]{+54+}度,群内体验价1…", "welcome-script")
    ]
    text = markdown(result)
    line = "`welcome-dec-01` message: `…友!本周品鉴酱香[-53-]{+54+}度,群内体验价1…` · plus the change of playbook `welcome-script` above\n"
    assert line in text
    assert f"reaches {len(expected)} posts on 4 channels, 2026-12-01 – 2027-01-04" in text


def test_a_playbook_retitled_is_one_entry_not_a_title_and_playbook_line_per_post(tmp_path):
    def retitle(text: str) -> str:
        assert "title: 新人入群欢迎" in text
        return text.replace("title: 新人入群欢迎", "title: 新朋友入群欢迎")

    head = _scaled_plan(tmp_path / "head", edit=retitle)
    result = compare(check(_scaled_plan(tmp_path / "base")), check(head), "a", "b")
    assert result.other_changed == [] and result.text_changed == []
    (entry,) = result.playbooks_changed
    assert [(c.field, c.before, c.after) for c in entry.changes] == [("title", "新人入群欢迎", "新朋友入群欢迎")]
    # every post of it but welcome-dec-01, which has a title of its own
    expected = _ids(head, lambda p: p.playbook == "welcome-script" and not p.title)
    assert {p.id for p in entry.reach.post_list} == expected and "welcome-dec-01" not in expected
    assert entry.reach.fields == {"title": len(expected)}


def test_a_renamed_playbook_and_a_removed_one(tmp_path):
    from tests.support import FIXTURES

    valid = FIXTURES / "valid"
    calendar = (valid / "content" / "calendar" / "2026-12.yml").read_text(encoding="utf-8")
    playbook = (valid / WELCOME).read_text(encoding="utf-8")
    assert "id: welcome-script" in playbook and "playbook: first-snow" in calendar
    renamed = tmp_path / "renamed"
    shutil.copytree(valid, renamed)
    (renamed / WELCOME).unlink()
    new = _one_word(playbook.replace("id: welcome-script", "id: welcome"))
    (renamed / "playbooks" / "welcome.md").write_text(new, encoding="utf-8")
    calendar_file = renamed / "content" / "calendar" / "2026-12.yml"
    calendar_file.write_text(calendar.replace("playbook: welcome-script", "playbook: welcome"), encoding="utf-8")
    (renamed / "playbooks" / "first-snow.md").unlink()  # and one removed, its posts left naming it
    result = compare(check(valid), check(renamed), "a", "b")
    entries = {(c.kind, c.base_id, c.head_id): c for c in result.playbooks_changed}
    assert set(entries) == {("renamed", "welcome-script", "welcome"), ("removed", "first-snow", "")}
    moved = entries["renamed", "welcome-script", "welcome"]
    assert [(c.field, c.before, c.after) for c in moved.changes] == [
        ("id", "welcome-script", "welcome"),
        ("path", "playbooks/welcome-script.md", "playbooks/welcome.md"),
    ]
    assert [t.field for t in moved.texts] == ["message 1"] and moved.reach.posts == VALID_BLOCK_ONE
    gone = entries["removed", "first-snow", ""]
    first_snow = _ids(valid, lambda p: p.playbook == "first-snow")
    assert {p.id for p in gone.reach.post_list} == first_snow and len(first_snow) == 2
    assert gone.reach.fields == {"message": 2, "title": 2}  # they lose their copy and their title
    # no post says "playbook welcome-script → welcome": they followed their playbook
    assert not any(x.field == "playbook" for c in result.other_changed for x in c.changes)
    assert result.text_changed == [] and {p.code for p in result.problems_introduced} == {"unknown-playbook"}
    text = markdown(result)
    assert "- **新人入群欢迎** `welcome` (renamed): id welcome\\-script → welcome, path " in text
    assert "- **初雪借势** `first-snow` (removed): reaches 2 posts on 2 channels, " in text


def test_a_post_moved_to_another_playbook_is_its_own_change_whole(tmp_path):
    from tests.support import FIXTURES, build_plan

    valid = FIXTURES / "valid"
    calendar = (valid / "content" / "calendar" / "2026-12.yml").read_text(encoding="utf-8")
    before = "    playbook: welcome-script\n    title: 新人欢迎"
    snow = (valid / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    assert before in calendar and "title: 初雪借势" in snow
    files = {
        "content/calendar/2026-12.yml": calendar.replace(before, "    playbook: first-snow\n    title: 新人欢迎"),
        "playbooks/first-snow.md": snow.replace("title: 初雪借势", "title: 初雪"),
    }
    result = compare(check(valid), check(build_plan(tmp_path / "head", files=files)), "a", "b")
    # first-snow's retitle reaches its own two posts, not the one that moved to it
    (entry,) = result.playbooks_changed
    assert "welcome-dec-01" not in {p.id for p in entry.reach.post_list} and entry.reach.posts == 2
    assert [(c.post.id, c.field, c.playbook) for c in result.text_changed] == [("welcome-dec-01", "message", "")]
    assert [(c.head.id, [(x.field, x.before, x.after) for x in c.changes]) for c in result.other_changed] == [
        ("welcome-dec-01", [("playbook", "新人入群欢迎", "初雪")])
    ]


def test_huge_reaches_and_many_playbooks_are_bounded():
    # built as data: 300 playbooks, each with 40 changes, reaching 5,000 posts on 450 channels
    from generator.diff import MAX_MARKDOWN, ChannelCount, PlanDiff, PlaybookChange, PostRef, Reach, TextDiff, _length
    from generator.diff import Change as Field

    post = PostRef("p", "2027-01-01", "10:00", "c", "群", "标题", "draft")
    channels = tuple(ChannelCount(f"c{n}", f"社群{n}", 20 - n % 7) for n in range(450))
    statuses = {"published": 4_000, "draft": 1_000}
    reach = Reach(5_000, 450, "2026-01-01", "2027-12-31", channels, statuses, {"message": 5_000}, (post,) * 5_000)
    books = [
        PlaybookChange(
            f"book-{n}",
            f"book-{n}",
            f"book-{n}",
            "话" * 500,
            f"playbooks/book-{n}.md",
            "changed",
            tuple(Field(f"vars.v{i}.default", "旧" * 400, "新" * 400) for i in range(30)),
            tuple(TextDiff(f"message {i}", "[-" + "甲" * 2_000 + "-]") for i in range(10)),
            reach,
        )
        for n in range(300)
    ]
    text = markdown(PlanDiff("a", "b", playbooks_changed=books))
    assert _length(text) <= MAX_MARKDOWN
    assert "### 改话术本 Playbooks changed: each said once, with the posts it reaches (300)" in text
    listed = [line for line in text.splitlines() if line.startswith("- **")]
    assert 0 < len(listed) < 300 and f"- … and {300 - len(listed)} more (the JSON lists them all)" in text
    for line in listed:
        assert line.count("社群") == 5 and line.endswith(", and 445 more channels); 4000 of them already published")
        assert (
            line.count("vars") == 10 and ", … and 30 more · reaches 5000 posts on 450 channels, 2026-01-01 – 2027-12-31" in line
        )
    assert "Cut to fit a comment (long texts end in …; lists show" in text
    one = PlanDiff("a", "b", playbooks_changed=books[:1])
    lines = [line for line in markdown(one).splitlines() if line]
    assert len(lines) == 6 and lines[4].startswith("- **") and lines[5].startswith("Cut to fit")  # one entry, one line
    assert len(json.loads(json_text(one))["playbooks_changed"][0]["reach"]["post_list"]) == 5_000  # the JSON: all


def test_hostile_playbook_and_channel_names_are_escaped_in_the_markdown(tmp_path):
    import markdown as python_markdown
    from bs4 import BeautifulSoup

    payload = "**b** <img src=x onerror=alert(1)> [x](javascript:alert(2)) `code` @octocat ~~s~~ $x$ </details>"

    def hostile(root: Path) -> None:
        site = root / "content" / "site.yml"
        text = site.read_text(encoding="utf-8")
        site.write_text(text.replace("name: 社群01", f"name: {json.dumps(payload)}"), encoding="utf-8")

    def edit(text: str) -> str:  # names and titles refuse invisible characters; a message may hold them
        text = text.replace("title: 新人入群欢迎", f"title: {json.dumps(payload)}")
        return text.replace("欢迎新朋友!本周品鉴", "欢迎新朋友!\u2066`本周品鉴", 1)

    base = _scaled_plan(tmp_path / "base", channels=1, days=1)
    head = _scaled_plan(tmp_path / "head", channels=1, days=1, edit=edit)
    hostile(base)
    hostile(head)
    result = compare(check(base), check(head), "a", "b")
    (entry,) = result.playbooks_changed
    assert entry.title == payload and payload in {c.channel_name for c in entry.reach.by_channel}
    text = markdown(result)
    (line,) = [line for line in text.splitlines() if line.startswith("- **") and "`welcome-script`" in line]
    assert "\u2066" not in line and "{+\\u2066`+}" in line  # what shows as nothing is an escape
    assert line.count("**b**") == 0 and line.count("\\*\\*b\\*\\*") == 3  # the title, its change, the channel
    assert "@\u2060octocat" in line and "@octocat" not in line and "\\~\\~" in line and "\\$x\\$" in line
    soup = BeautifulSoup(python_markdown.markdown(line), "html.parser")
    assert {e.name for e in soup.find_all(True)} <= {"p", "ul", "li", "code", "strong"}
    assert not any(e.attrs for e in soup.find_all(True))
    assert soup.find("strong").get_text().startswith("**b** <img src=x")  # the title, whole, as text


def test_the_reach_is_said_in_the_plans_language():
    from generator.diff import ChannelCount, PlanDiff, PlaybookChange, PostRef, Reach, TextChange, TextDiff
    from generator.i18n import language

    post = PostRef("p", "2027-01-01", "10:00", "c1", "社群1", "标题", "published")
    counts = tuple(ChannelCount(f"c{n}", f"社群{n}", 10) for n in range(1, 8))
    reach = Reach(70, 7, "2027-01-01", "2027-01-10", counts, {"published": 3}, {"message": 70}, (post,) * 70)
    book = PlaybookChange("w", "w", "w", "欢迎", "playbooks/w.md", "changed", (), (TextDiff("message 1", "{+好+}"),), reach)
    result = PlanDiff("a", "b", playbooks_changed=[book], text_changed=[TextChange(post, "message", "[-甲-]", "w")])
    with language("zh"):
        text = markdown(result)
    assert "影响 7 个渠道的 70 条发布，2027-01-01 – 2027-01-10（社群1 ×10, " in text
    assert "社群5 ×10, 另有 2 个渠道）；其中 3 条已发布" in text and "另有上面话术本 `w` 的改动" in text
    with language("en"):
        text = markdown(result)
    assert "reaches 70 posts on 7 channels, 2027-01-01 – 2027-01-10 (社群1 ×10, " in text
    assert "社群5 ×10, and 2 more channels); 3 of them already published" in text
