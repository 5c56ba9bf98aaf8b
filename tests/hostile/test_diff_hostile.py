"""`contentplan diff` as a pull-request comment, written from a plan anyone may have sent.

- between the valid plan and one with a payload in every field: its Markdown is text only (no
  HTML, link, image or @mention from the plan), and its JSON parses;
- it tells the truth: a committed folder named like a revision never stands in for it;
- only the workflow's own comment is edited (its script, run with a fake `gh`);
- it fits GitHub's 65,536 characters whatever the plan holds, and says what it cut;
- what shows as nothing (bidi controls, zero-width characters, tags, controls) is shown as an
  escape, in the text, the code and the JSON; nothing in plan text hides or restyles the rest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.check import check
from generator.cli import main
from generator.diff import Change, PlanDiff, PostChange, PostRef, ProblemRef, TextChange, compare
from generator.diff import markdown as diff_markdown
from tests.support import FIXTURES, build_plan, git
from tests.support import hostile as hostile_plan

ALLOWED = {"h2", "h3", "p", "ul", "li", "code", "strong"}  # what the diff's own template writes


def test_the_diff_of_a_hostile_plan_is_text_only(tmp_path):
    files = hostile_plan.plan_files()
    files["content/calendar/2026-11.yml"] = (  # a mention, in a field the diff prints as text
        "posts:\n  - {date: 2026-11-30, time: '10:00', channel: moments, playbook: welcome-script,"
        " title: '@octocat cpX99 <b>看这里</b>'}\n"
    )
    hostile = build_plan(tmp_path / "hostile", files=files)
    result = compare(check(FIXTURES / "valid"), check(hostile), "base", "head")
    assert result.added and result.removed  # the payloads are in the output
    text = diff_markdown(result)
    assert "cpX" in text and "@\u2060octocat cpX99" in text
    html = python_markdown.markdown(text)
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name in ALLOWED, element
        assert not element.attrs, element
    for code in soup.find_all("code"):
        code.decompose()  # inside code GitHub makes no mention, link or tag
    assert not re.search(r"@\w", soup.get_text()), "an @mention would ping someone"
    # each item stays one line: no payload starts a heading, list item or fence of its own
    for line in text.splitlines():
        assert line == "" or line.startswith(("## ", "### ", "- ", "`", "Cut to fit a comment (")) or line[0].isdigit(), line
    data = json.loads(json.dumps(result.as_json()))
    assert {p["id"] for p in data["added"]}


# --- the comment tells the truth, and only the bot writes it --------------------------------------

DIFF_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"
WORKFLOW = Path(__file__).resolve().parents[2] / "generator" / "init_files" / "contentplan.yml"
GITHUB_LIMIT = 65_536  # characters in a comment's body
MARKER_LINE = "<!-- contentplan diff -->\n"  # the workflow puts it before the Markdown


def _lay(plan: Path, target: Path) -> None:
    for folder in ("content", "playbooks"):
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(plan / folder, target / folder)


def test_a_committed_folder_named_like_a_revision_does_not_shadow_it(tmp_path, capsys, monkeypatch):
    # The pull request sends two approved posts back to draft, and commits the base's plan in
    # folders named HEAD/, main/ and the base's commit id: the diff must still compare revisions.
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    _lay(DIFF_FIXTURES / "head", repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "base", cwd=repo)
    base = git("rev-parse", "HEAD", cwd=repo).strip()
    git("switch", "-q", "-c", "pr", cwd=repo)
    calendar = repo / "content" / "calendar" / "2026-12.yml"
    text = calendar.read_text(encoding="utf-8")
    for topic in ("不变的一条", "等审核的一条"):
        text = text.replace(f"{{topic: {topic}}}\n    status: approved", f"{{topic: {topic}}}\n    status: draft")
    calendar.write_text(text, encoding="utf-8")
    for name in ("HEAD", "main", base, base[:10]):
        _lay(DIFF_FIXTURES / "head", repo / name)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "two posts back to draft, and decoys", cwd=repo)
    monkeypatch.chdir(repo)  # as in CI: the workflow runs in the repository's root
    for spec in (base, base[:10], "main"):
        assert main(["diff", spec, "HEAD", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert sorted((c["head"]["id"], c["changes"][0]["before"], c["changes"][0]["after"]) for c in data["status_changed"]) == [
            ("approving", "approved", "draft"),
            ("stays", "approved", "draft"),
        ], spec
    assert main(["diff", base, "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "No post and no problem changed" not in out and "2 status changed" in out


def _workflow_comment_step() -> tuple[str, dict[str, str]]:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["plan-diff-comment"]
    step = job["steps"][-1]
    return step["run"], step.get("env", {})


# `gh api`: logs its arguments; a listing prints the pages as --paginate does (one JSON array per
# page, back to back), through `jq -r` when given --jq, as gh applies it to each page.
FAKE_GH = """\
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if "-X" not in args:
    pages = open(os.environ["FAKE_GH_PAGES"], encoding="utf-8").read().splitlines()
    for page in pages:
        if "--jq" in args:
            program = args[args.index("--jq") + 1]
            sys.stdout.write(subprocess.run(["jq", "-r", program], input=page, capture_output=True, text=True,
                                            check=True).stdout)
        else:
            sys.stdout.write(page)
"""


def _run_comment_step(tmp_path: Path, pages: list[list[dict]]) -> list[list[str]]:
    """Run the workflow's comment script with a fake `gh` that lists `pages` of comments; the
    calls it made that write (PATCH or POST)."""
    jq = shutil.which("jq")
    if jq is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jq is missing (GitHub's runners have it; install it to run this test)")
        pytest.skip("jq is not installed")
    script, step_env = _workflow_comment_step()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    (work / "plan-diff.md").write_text("## 计划改动 Plan changes\n", encoding="utf-8")
    (tmp_path / "pages.json").write_text("".join(json.dumps(page) + "\n" for page in pages), encoding="utf-8")
    expressions = {"GH_TOKEN": "t0ken", "REPO": "octo/plan", "PR": "7"}
    env = {key: expressions[key] if "${{" in str(value) else str(value) for key, value in step_env.items()}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        FAKE_GH_LOG=str(tmp_path / "gh.log"),
        FAKE_GH_PAGES=str(tmp_path / "pages.json"),
        HOME=str(tmp_path),
    )
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    calls = [json.loads(line) for line in (tmp_path / "gh.log").read_text(encoding="utf-8").splitlines()]
    writes = [call for call in calls if "-X" in call]
    assert len(writes) == 1, calls
    return writes


def _comment(id: int, login: str, kind: str, body: str) -> dict:
    return {"id": id, "user": {"login": login, "type": kind}, "body": body}


MARKER = "<!-- contentplan diff -->"


def test_the_workflow_edits_only_its_own_comment(tmp_path):
    pages = [
        [
            _comment(101, "mallory", "User", f"{MARKER}\nall clear, merge it"),
            _comment(102, "github-actions[bot]", "Bot", "another workflow's comment"),
            _comment(103, "someone", "User", "looks good"),
        ],
        [
            _comment(104, "evil-app[bot]", "Bot", f"{MARKER}\nan app's comment"),
            _comment(105, "github-actions[bot]", "Bot", f"{MARKER}\nthe last run's comparison"),
            _comment(106, "github-actions[bot]", "Bot", f"{MARKER}\na later copy"),
        ],
    ]
    (write,) = _run_comment_step(tmp_path, pages)
    assert "PATCH" in write and "repos/octo/plan/issues/comments/105" in write, write


def test_the_workflow_posts_anew_when_only_others_wrote_the_marker(tmp_path):
    pages = [
        [
            _comment(201, "mallory", "User", f"{MARKER}\nall clear, merge it"),
            _comment(202, "github-actions", "User", f"{MARKER}\na user named like the bot"),
            _comment(203, "github-actions[bot]", "Bot", f"quoted: {MARKER}"),
        ]
    ]
    (write,) = _run_comment_step(tmp_path, pages)
    assert "POST" in write and "repos/octo/plan/issues/7/comments" in write, write


def _generated_plan(dest: Path, posts: int, title: str) -> Path:
    lines = ["posts:"]
    for i in range(posts):
        day = f"2026-{1 + i // 280 % 12:02d}-{1 + i // 10 % 28:02d}"
        lines.append(
            f"  - {{id: p{i}, date: {day}, time: '{8 + i % 10:02d}:00', channel: moments,"
            f" playbook: welcome-script, title: '{title} {i}', status: approved}}"
        )
    return build_plan(dest, files={"content/calendar/2026-12.yml": "\n".join(lines) + "\n"})


def _github_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2  # at most what GitHub can count: UTF-16 units


def test_the_comment_fits_github_whatever_the_plan_holds(tmp_path):
    # 2,000 posts, each with a title of 1,900 characters that escape long (& is &amp;)
    title = ("&<" * 400) + "长" * 1_100
    many = _generated_plan(tmp_path / "many", 2_000, title)
    empty = build_plan(tmp_path / "empty", files={"content/calendar/2026-12.yml": "posts: []\n"})
    result = compare(check(empty), check(many), "base", "head")
    assert len(result.added) == 2_000
    text = diff_markdown(result)
    assert _github_length(MARKER_LINE + text) <= GITHUB_LIMIT - 1_000  # with room to spare
    assert "### 新增 Added (2000)" in text  # the count is the whole
    shown = sum(1 for line in text.splitlines() if line.startswith("- 20"))
    assert 0 < shown < 2_000
    assert f"… and {2_000 - shown} more" in text  # what was cut is said
    assert "…" in next(line for line in text.splitlines() if line.startswith("- 20"))  # long titles are cut
    assert "JSON" in text.splitlines()[-1]  # where to find the rest


def _worst(n: int) -> str:
    # long, and each character escapes long: & is &amp;, a zero-width space \u200b, a tag \U000e0041
    return ("&" * 50 + "\u200b" * 50 + "\U000e0041" * 50 + "`" * 30) * n


def test_the_comment_fits_when_every_section_is_full_of_the_worst_text():
    ref = PostRef("p" * 64, "2026-12-01", "09:00", "c", _worst(20), _worst(20), "draft")
    problem = ProblemRef("error", "banned-word", _worst(5) + ":1:1", _worst(20))
    change = PostChange(ref, ref, (Change("channel", _worst(20), _worst(20)), Change("time", "09:00", "10:00")))
    result = PlanDiff("base", "head")
    for name in ("added", "removed"):
        setattr(result, name, [ref] * 5_000)
    for name in ("moved", "status_changed", "other_changed"):
        setattr(result, name, [change] * 5_000)
    result.text_changed = [TextChange(ref, "message", "[-" + _worst(40) + "-]{+" + "\n" * 5_000 + "+}")] * 5_000
    result.problems_introduced = result.problems_fixed = [problem] * 5_000
    text = diff_markdown(result)
    assert _github_length(MARKER_LINE + text) <= GITHUB_LIMIT - 1_000
    for heading in (
        "Problems introduced",
        "Added",
        "Removed",
        "Moved",
        "Copy changed",
        "Status changed",
        "Other changes",
        "Problems fixed",
    ):
        assert f"{heading} (5000)" in text
        section = text.split(f"{heading} (5000)")[1].split("\n### ")[0]
        assert section.count("\n- ") >= 3, heading  # every section still shows some items
        assert "more" in section, heading
    assert len(text.splitlines()) < 1_000  # a message of 5,000 line breaks is one line


# Every kind of character that shows as nothing or reorders what is shown: bidi embeddings,
# overrides and isolates, marks, zero-width space and joiners, word joiner, BOM, soft hyphen,
# a tag character (invisible "ASCII smuggling"), line and paragraph separators, C0 and C1 controls.
INVISIBLE = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\U000e0041",
    "\u2028",
    "\u2029",
    "\x1b",
    "\x9b",
    "\x7f",
    "\r",
    "\t",
    "\u180e",
    "\u3164",
]


def _escape(ch: str) -> str:
    named = {"\r": "\\r", "\t": "\\t", "\n": "\\n"}
    if ch in named:
        return named[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _raw_invisible(text: str) -> list[str]:
    """Invisible characters in `text`, but for the word joiner the diff puts after each @."""
    text = text.replace("@\u2060", "@")
    return sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in text
            if ch != "\n" and (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or ch == "\u3164")
        }
    )


def test_invisible_characters_in_plan_text_are_shown_escaped(tmp_path):
    payload = "".join(f"<{ch}>" for ch in INVISIBLE)
    ref = PostRef("p1", "2026-12-01", "09:00", "c", "群" + payload, "标题" + payload, "draft")
    problem = ProblemRef("warning", "invisible-char", f"content/calendar/{payload}.yml:1:1", "说" + payload)
    result = PlanDiff("base" + payload, "head")
    result.added = result.removed = [ref]
    result.moved = result.other_changed = [PostChange(ref, ref, (Change("owner", "甲" + payload, "乙" + payload),))]
    result.text_changed = [TextChange(ref, "message", "[-" + payload + "-]{+x+}")]
    result.problems_introduced = result.problems_fixed = [problem]
    text = diff_markdown(result)
    assert _raw_invisible(text) == []
    rendered = BeautifulSoup(python_markdown.markdown(text), "html.parser").get_text()
    for ch in INVISIBLE:
        assert f"<{_escape(ch)}>" in rendered, _escape(ch)


def test_invisible_characters_in_a_message_are_shown_escaped_in_the_word_diff(tmp_path, capsys):
    # Only a message may hold them (names and titles refuse controls): the plan checks with warnings.
    playbook = (FIXTURES / "valid" / "playbooks" / "welcome-script.md").read_text(encoding="utf-8")
    swapped = build_plan(
        tmp_path / "head",
        files={
            "playbooks/welcome-script.md": playbook.replace("欢迎新朋友!", "欢迎新朋友!\u202e\u2066点这里\u2069\u200b\U000e0041")
        },
    )
    assert main(["diff", f"path:{FIXTURES / 'valid'}", f"path:{swapped}"]) == 0
    text = capsys.readouterr().out
    assert _raw_invisible(text) == []
    assert "{+\\u202e\\u2066点这里\\u2069\\u200b\\U000e0041+}" in text
    assert main(["diff", f"path:{FIXTURES / 'valid'}", f"path:{swapped}", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert _raw_invisible(out) == []  # the JSON says them as \u escapes: visible, and the same data
    data = json.loads(out)
    assert any("\u202e\u2066点这里\u2069\u200b\U000e0041" in t["diff"] for c in data["playbooks_changed"] for t in c["texts"])


def test_plan_text_cannot_hide_the_rest_of_the_comment(tmp_path):
    # An HTML comment, a code span closed early, strikethrough and math: GitHub would hide or
    # restyle what follows; the reviewer must see the status change after them.
    tricks = "<!-- `` ` ``` ~~x~~ ~y~ $\\phantom{x}$ $$x$$ -->"
    ref = PostRef("p1", "2026-12-01", "09:00", "c", "群" + tricks, "标题" + tricks, "draft")
    result = PlanDiff("base", "head")
    result.added = [ref]
    result.text_changed = [TextChange(ref, "headline", "[-" + tricks + "-]{+`+}")]
    result.status_changed = [
        PostChange(
            ref, PostRef("p1", "2026-12-01", "09:00", "c", "群", "标题", "approved"), (Change("status", "approved", "draft"),)
        )
    ]
    result.problems_introduced = [ProblemRef("error", "x", "a.yml:1:1", tricks)]
    text = diff_markdown(result)
    html = python_markdown.markdown(text)
    assert "<!--" not in html
    rendered = BeautifulSoup(html, "html.parser").get_text()
    rendered = rendered.replace("\\~", "~").replace("\\$", "$")  # escapes to GitHub, not to Python-Markdown
    assert rendered.count(tricks) == 6  # channel and title twice, the headline's diff, the problem
    assert "approved → draft" in rendered
    item = next(
        line
        for line in text.splitlines()
        if line.startswith("- 2026-12-01 09:00 群<") or line.startswith("- 2026-12-01 09:00 群&lt;")
    )
    assert not re.search(r"(?<!\\)[~$]", item), "GitHub reads ~~ as strikethrough and $ as math"


def test_stacked_combining_marks_cannot_draw_over_the_lines_around(tmp_path):
    # "Zalgo": hundreds of marks on one letter are drawn far above and below it, over other items
    zalgo = "Z" + "\u0301\u0336\u20dd" * 60 + " ok"
    ref = PostRef("p1", "2026-12-01", "09:00", "c", "群" + zalgo, "标题" + zalgo, "draft")
    result = PlanDiff("base", "head")
    result.added = [ref]
    result.text_changed = [TextChange(ref, "message", "[-a-]{+" + zalgo + "+}")]
    text = diff_markdown(result)
    runs = re.findall(r"[\u0300-\u036f\u20d0-\u20ff]{5,}", text)
    assert runs == [], "a letter keeps at most 4 marks; the rest are shown as escapes"
    assert "Z\u0301\u0336\u20dd\u0301\\\\u0336\\\\u20dd" in text  # as text: the backslash escaped
    assert "Z\u0301\u0336\u20dd\u0301\\u0336\\u20dd" in text  # in the word diff's code
    assert "`a\u0301`" in diff_markdown(PlanDiff("a\u0301", "b"))  # one mark is just an accent


# --- a change that keeps every name the same -------------------------------------------------

TWIN = "  - {id: vip-group-2, name: 品鉴VIP群, platform: wechat-group, owner: xiaoli}\npeople:\n  - {id: xiaoli2, name: 小李}\n"


def _twins(root: Path, timezone: str | None = None, move: bool = False) -> Path:
    site = root / "content" / "site.yml"
    text = site.read_text(encoding="utf-8").replace("people:\n", TWIN)
    if timezone:
        text = text.replace("timezone: Asia/Shanghai", f"timezone: {timezone}")
    site.write_text(text, encoding="utf-8")
    if move:
        calendar = next(
            p
            for p in sorted((root / "content" / "calendar").glob("*.yml"))
            if "id: welcome-dec-01" in p.read_text(encoding="utf-8")
        )
        calendar.write_text(
            calendar.read_text(encoding="utf-8").replace(
                "    channel: vip-group\n    playbook: welcome-script\n    title: 新人欢迎\n",
                "    channel: vip-group-2\n    owner: xiaoli2\n    playbook: welcome-script\n    title: 新人欢迎\n",
                1,
            ),
            encoding="utf-8",
        )
    return root


def test_a_post_moved_to_a_channel_and_owner_of_the_same_names_is_a_change(tmp_path):
    base = _twins(build_plan(tmp_path / "base"))
    head = _twins(build_plan(tmp_path / "head"), move=True)
    result = compare(check(base), check(head), "base", "head")
    assert not result.empty
    [moved] = result.moved
    assert [(c.field, c.before, c.after) for c in moved.changes] == [
        ("channel", "品鉴VIP群 (vip-group)", "品鉴VIP群 (vip-group-2)")
    ]
    [other] = result.other_changed
    assert [(c.field, c.before, c.after) for c in other.changes] == [("owner", "小李 (xiaoli)", "小李 (xiaoli2)")]
    assert "No post and no problem changed" not in diff_markdown(result)


def test_a_new_time_zone_is_a_change_though_no_post_line_moved(tmp_path):
    base = build_plan(tmp_path / "base")
    head = build_plan(tmp_path / "head")
    site = head / "content" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace("timezone: Asia/Shanghai", "timezone: America/New_York")
        .replace("reminder_minutes: 10", "reminder_minutes: 0"),
        encoding="utf-8",
    )
    result = compare(check(base), check(head), "base", "head")
    assert [(c.field, c.before, c.after) for c in result.settings_changed] == [
        ("reminder_minutes", "10", "0"),
        ("timezone", "Asia/Shanghai", "America/New_York"),
    ]
    text = diff_markdown(result)
    assert "No post and no problem changed" not in text and "America/New\\_York" in text
