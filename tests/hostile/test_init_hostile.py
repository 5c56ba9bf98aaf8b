"""`contentplan init` with hostile input (issue 15, points 7 and 8).

7. Every value init renders lands escaped for the file it lands in: the title read back by
   `contentplan check` (and by plain YAML 1.1) is exactly the title given, the README heading shows
   it as text; a title with characters no title should carry (controls, line breaks, bidi
   overrides, ...) is refused, writing nothing. init writes only inside the folder it was given:
   a symbolic link anywhere inside it (a folder, a file, dangling or not) is refused before
   anything is written, and the writer itself refuses one that appears while it writes.
8. requirements.txt never names contentplan bare on a package index: by default it holds a
   placeholder pip refuses with a message saying what to do; `--requirement` takes only a git URL
   pinned to a tag or a commit; `--wheel` copies a wheel into the repository and points at it.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import markdown
import pytest
import yaml
from packaging.requirements import Requirement

from generator import init as init_module
from generator.check import check
from generator.cli import main

START = ["--start", "2026-12-28"]
PLACEHOLDER_MARK = "CONTENTPLAN-NOT-SET"


def listing(folder: Path) -> list[str]:
    """Every entry under `folder`, symlinks not followed."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            out.append(os.path.relpath(os.path.join(dirpath, name), folder))
    return sorted(out)


def run_init(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["init", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.out, captured.err


# --- 7. the title: every value escaped for the file it lands in ---------------------------------------

TITLES = [
    "赤岭酱坊: 冬季计划",
    "a:b",
    "key: value",
    "# 不是注释",
    "计划 #1",
    "it's",
    "'单引号'",
    '"双引号"',
    'a "b" c',
    "{a: 1}",
    "[1, 2]",
    "&anchor x",
    "*alias",
    "!!python/object:os.system",
    "!tag",
    "| block",
    "> folded",
    "%YAML 1.2",
    "@mention",
    "`code`",
    "- item",
    "-",
    "? key",
    "?",
    ":",
    "---",
    "...",
    "--- a",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "1e3",
    "0x10",
    "0o17",
    "012",
    ".inf",
    "-.nan",
    "1_000",
    "12:30",
    "2026-12-28",
    "null",
    "Null",
    "~",
    "a\\nb",
    "C:\\Users\\x",
    "\\",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "&amp; &lt;",
    "_em_ *strong* ~~del~~",
    "a | b | c",
    "{{ jinja }}",
    "{% raw %}",
    "${{ github.token }}",
    "100%",
    "  前后有空格  ",
    "👨‍👩‍👧 家庭",
    "🍶" * 50,
    "长" * 200,
    "x" * 200,
    "مرحبا",
    "\u00a0不换行空格",
    "零宽\u200b空格",
    "=",
    "+",
    "a # b",
    "a #b",
    "'",
    '"',
    "\"'\"'",
]


@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
def test_a_title_round_trips_exactly_through_check_and_yaml(tmp_path, capsys, title):
    folder = tmp_path / "plan"
    code, _, err = run_init(capsys, str(folder), f"--title={title}", *START)
    assert code == 0, err
    report = check(folder)
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.plan.site.title == title
    site = yaml.safe_load((folder / "content" / "site.yml").read_text(encoding="utf-8"))  # YAML 1.1 types
    assert site["title"] == title and isinstance(site["title"], str)
    assert set(site) == {"title", "timezone", "language", "reminder_minutes", "channels", "people"}  # no key added
    # The README heading shows the title as text: one <h1>, no link, image, emphasis or HTML.
    readme = (folder / "README.md").read_text(encoding="utf-8")
    heading = readme.split("\n", 1)[0]
    rendered = markdown.markdown(heading)
    assert re.fullmatch(r"<h1>[^<>]*</h1>", rendered), rendered
    assert html.unescape(rendered[4:-5]) == " ".join(title.split())


REFUSED_TITLES = {
    "newline": "标题\nindustry: alcohol",
    "newline-key": "x\ntimezone: UTC",
    "cr": "标题\rx",
    "crlf": "标题\r\nx",
    "nul": "标题\x00x",
    "tab": "a\tb",
    "escape": "\x1b[31m红\x1b[0m",
    "del": "a\x7fb",
    "bell": "\x07",
    "nel": "a\x85b",
    "c1": "a\x9bb",
    "line-separator": "a\u2028b",
    "paragraph-separator": "a\u2029b",
    "bidi-override": "abc\u202eexe.txt",
    "bidi-isolate": "a\u2066b\u2069",
    "rtl-mark": "a\u200fb",
    "bom": "\ufeff标题",
    "surrogate": "a\udc80b",
    "noncharacter": "a\uffffb",
    "noncharacter-fdd0": "a\ufdd0b",
    "empty": "",
    "blank": "   ",
    "only-zero-width": "\u200b\u200d",
    "only-blank-marks": "\u3000\u00a0",
    "too-long": "长" * 201,
}


@pytest.mark.parametrize("title", REFUSED_TITLES.values(), ids=REFUSED_TITLES.keys())
def test_a_title_no_title_should_carry_is_refused_and_nothing_is_written(tmp_path, capsys, title):
    folder = tmp_path / "plan"
    code, out, err = run_init(capsys, str(folder), f"--title={title}", *START)
    assert code == 2 and out == ""
    assert err.startswith("contentplan init: the title") and err.count("\n") == 1  # one printable line
    assert not any(ch in err[:-1] for ch in "\x00\r\x1b\x85\u2028\u202e")
    assert not folder.exists()


def test_a_refused_title_names_the_character(tmp_path, capsys):
    _, _, err = run_init(capsys, str(tmp_path / "p"), "--title", "标题\nindustry: alcohol")
    assert "U+000A" in err
    _, _, err = run_init(capsys, str(tmp_path / "p"), "--title", "长" * 201)
    assert "201" in err and "200" in err


@pytest.mark.parametrize("start", ["9999-12-31", "2099-12-30", "0001-01-01", "1999-12-31"])
def test_a_start_day_outside_the_years_a_plan_may_use_is_refused(tmp_path, capsys, start):
    # the sample week must check clean; a day past 9999-12-25 would also overflow the date
    code, out, err = run_init(capsys, str(tmp_path / "plan"), "--start", start)
    assert code == 2 and out == "" and err.startswith(f"contentplan init: --start {start}")
    assert not (tmp_path / "plan").exists()


def test_every_yaml_and_json_file_init_writes_parses(tmp_path, capsys):
    folder = tmp_path / "plan"
    assert run_init(capsys, str(folder), "--title", "a: b #c", *START)[0] == 0
    for path in folder.rglob("*"):
        if path.suffix in (".yml", ".yaml"):
            yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


# --- 7. symlinks: write only inside the folder asked for ------------------------------------------------

LINKED_FOLDERS = [
    ".github",
    ".github/workflows",
    ".vscode",
    "content",
    "content/calendar",
    "playbooks",
    "playbooks/scripts",
    "playbooks/headlines",
    "schema",
]


@pytest.mark.parametrize("linked", LINKED_FOLDERS)
@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-folder", "dangling"])
def test_a_symlinked_folder_inside_the_target_is_refused_before_anything_is_written(tmp_path, capsys, linked, dangling):
    folder, outside = tmp_path / "plan", tmp_path / "outside"
    outside.mkdir()
    link = folder / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "missing" if dangling else outside, target_is_directory=True)
    before = listing(folder)
    code, out, err = run_init(capsys, str(folder), *START)
    assert code == 2 and out == ""
    assert linked in err and "symbolic link" in err and "nothing was written" in err
    assert listing(outside) == [] and listing(folder) == before


@pytest.mark.parametrize(
    "linked",
    ["README.md", "requirements.txt", "content/site.yml", ".github/workflows/contentplan.yml", "schema/site.schema.json"],
)
def test_a_symlinked_file_is_refused_and_its_target_untouched(tmp_path, capsys, linked):
    folder, outside = tmp_path / "plan", tmp_path / "outside"
    outside.mkdir()
    (folder / linked).parent.mkdir(parents=True, exist_ok=True)
    (folder / linked).symlink_to(outside / "written-through")
    code, _, err = run_init(capsys, str(folder), *START)
    assert code == 2 and linked in err
    assert listing(outside) == []


def test_the_target_itself_being_a_symlink_is_refused(tmp_path, capsys):
    # The folder named on the command line must be the real one: init says where the link points.
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    link.symlink_to(real, target_is_directory=True)
    code, _, err = run_init(capsys, str(link), *START)
    assert code == 2 and "symbolic link" in err and str(real.resolve()) in err
    assert listing(real) == []
    assert run_init(capsys, str(real), *START)[0] == 0  # the real folder is fine


def test_folders_above_the_target_may_be_symlinks(tmp_path, capsys):
    # e.g. /tmp -> /private/tmp on macOS: what is above the folder asked for is the user's own layout
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    assert run_init(capsys, str(tmp_path / "link" / "plan"), *START)[0] == 0
    assert (real / "plan" / "content" / "site.yml").is_file()


def test_a_file_where_a_folder_goes_is_refused(tmp_path, capsys):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "content").write_text("not a folder", encoding="utf-8")
    code, _, err = run_init(capsys, str(folder), *START)
    assert code == 2 and "content" in err and "not a folder" in err
    assert listing(folder) == ["content"]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="O_NOFOLLOW: POSIX")
@pytest.mark.parametrize("linked", ["content", "content/calendar", ".github/workflows"])
def test_the_writer_refuses_a_symlink_that_appears_after_the_check(tmp_path, linked):
    # The race: the folders were checked, then someone swaps one for a link before the write.
    folder, outside = tmp_path / "plan", tmp_path / "outside"
    outside.mkdir()
    (folder / linked).parent.mkdir(parents=True, exist_ok=True)
    (folder / linked).symlink_to(outside, target_is_directory=True)
    with pytest.raises(init_module.InitError, match="symbolic link"):
        init_module.write_new(folder, f"{linked}/x.yml", b"x: 1\n")
    assert listing(outside) == []


def test_the_writer_never_replaces_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        init_module.write_new(tmp_path, "a.txt", b"theirs")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "mine"


# --- 8. requirements.txt: the tool the team meant --------------------------------------------------------


def _requirement_lines(folder: Path) -> list[str]:
    text = (folder / "requirements.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_default_requirement_is_a_placeholder_pip_refuses_with_what_to_do(tmp_path, capsys):
    folder = tmp_path / "plan"
    assert run_init(capsys, str(folder), *START)[0] == 0
    (line,) = _requirement_lines(folder)
    assert PLACEHOLDER_MARK in line and not re.fullmatch(r"contentplan\s*([=<>~!].*)?", line, re.I)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "-r", "requirements.txt"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert PLACEHOLDER_MARK in done.stderr and "README.md" in done.stderr, done.stderr
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert PLACEHOLDER_MARK in readme and "--wheel" in readme and "git+https://" in readme
    assert check(folder).problems == []  # the plan itself is fine; only the install waits for the team


REFUSED_REQUIREMENTS = {
    "bare-name": "contentplan",
    "pinned-on-index": "contentplan==0.1.0",
    "range-on-index": "contentplan>=0.1",
    "compatible": "contentplan~=0.1",
    "other-case": "ContentPlan==0.1.0",
    "other-package": "evil @ git+https://github.com/acme/contentplan@v0.1.0",
    "typosquat": "contentpIan @ git+https://github.com/acme/contentplan@v0.1.0",
    "extras": "contentplan[all] @ git+https://github.com/acme/contentplan@v0.1.0",
    "no-ref": "contentplan @ git+https://github.com/acme/contentplan",
    "no-ref-dot-git": "contentplan @ git+https://github.com/acme/contentplan.git",
    "branch": "contentplan @ git+https://github.com/acme/contentplan@main",
    "branch-master": "contentplan @ git+https://github.com/acme/contentplan.git@master",
    "head": "contentplan @ git+https://github.com/acme/contentplan@HEAD",
    "short-hash": "contentplan @ git+https://github.com/acme/contentplan@0f3e3be",
    "plain-http": "contentplan @ git+http://github.com/acme/contentplan@v0.1.0",
    "credentials": "contentplan @ git+https://user:ghp_token@github.com/acme/contentplan@v0.1.0",
    "token-only": "contentplan @ git+https://ghp_token@github.com/acme/contentplan@v0.1.0",
    "file-url": "contentplan @ file:///tmp/contentplan-0.1.0-py3-none-any.whl",
    "https-wheel": "contentplan @ https://evil.example/contentplan-0.1.0-py3-none-any.whl",
    "local-path": "./wheels/contentplan-0.1.0-py3-none-any.whl",
    "newline": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0\n--index-url https://evil.example/simple",
    "cr": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0\r--extra-index-url https://evil.example",
    "nul": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0\x00",
    "index-url": "--index-url https://evil.example/simple",
    "index-url-short": "-i https://evil.example/simple contentplan",
    "extra-index": "--extra-index-url https://evil.example/simple",
    "editable": "-e git+https://github.com/acme/contentplan@v0.1.0#egg=contentplan",
    "option-after": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0 --index-url https://evil.example",
    "hash-option": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0 --hash=sha256:00",
    "marker": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0 ; python_version > '3'",
    "comment": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0 # ok",
    "fragment": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0#egg=evil",
    "subdirectory": "contentplan @ git+https://github.com/acme/contentplan@v0.1.0#subdirectory=x",
    "include": "-r other.txt",
    "constraint": "-c constraints.txt",
    "empty": "",
    "blank": "   ",
    "space-in-url": "contentplan @ git+https://github.com/acme/content plan@v0.1.0",
    "env-var": "contentplan @ git+https://${TOKEN}@github.com/acme/contentplan@v0.1.0",
    "too-long": "contentplan @ git+https://github.com/acme/" + "a" * 2000 + "@v0.1.0",
}


@pytest.mark.parametrize("requirement", REFUSED_REQUIREMENTS.values(), ids=REFUSED_REQUIREMENTS.keys())
def test_a_requirement_that_is_not_a_pinned_git_url_is_refused(tmp_path, capsys, requirement):
    folder = tmp_path / "plan"
    code, out, err = run_init(capsys, str(folder), f"--requirement={requirement}", *START)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("contentplan init: --requirement")
    assert "contentplan @ git+https://" in err and "--wheel" in err  # says what to write instead
    assert not folder.exists()


ACCEPTED_REQUIREMENTS = {
    "tag": (
        "contentplan @ git+https://github.com/acme/contentplan@v0.1.0",
        "contentplan @ git+https://github.com/acme/contentplan@v0.1.0",
    ),
    "tag-no-v": (
        "contentplan @ git+https://github.com/acme/contentplan.git@0.1.0",
        "contentplan @ git+https://github.com/acme/contentplan.git@0.1.0",
    ),
    "commit": (
        "contentplan@git+https://gitlab.example.com/team/tools/contentplan.git@" + "0f3e3be" * 5 + "01234",
        "contentplan @ git+https://gitlab.example.com/team/tools/contentplan.git@" + "0f3e3be" * 5 + "01234",
    ),
    "ssh": (
        "contentplan @ git+ssh://git@github.com/acme/contentplan.git@v1.2.3rc1",
        "contentplan @ git+ssh://git@github.com/acme/contentplan.git@v1.2.3rc1",
    ),
    "spaces-around": (
        "  contentplan  @  git+https://github.com/acme/contentplan@v0.1.0 ",
        "contentplan @ git+https://github.com/acme/contentplan@v0.1.0",
    ),
}


@pytest.mark.parametrize(("given", "written"), ACCEPTED_REQUIREMENTS.values(), ids=ACCEPTED_REQUIREMENTS.keys())
def test_a_git_url_pinned_to_a_tag_or_commit_is_written_as_the_one_requirement(tmp_path, capsys, given, written):
    folder = tmp_path / "plan"
    assert run_init(capsys, str(folder), f"--requirement={given}", *START)[0] == 0
    assert _requirement_lines(folder) == [written]
    parsed = Requirement(written)
    assert parsed.name == "contentplan" and parsed.url and not parsed.specifier and not parsed.marker
    assert PLACEHOLDER_MARK not in (folder / "requirements.txt").read_text(encoding="utf-8")


def _wheel(folder: Path, name: str = "contentplan-0.1.0-py3-none-any.whl", dist: str = "contentplan") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{dist}-0.1.0.dist-info/METADATA", f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n")
        z.writestr(f"{dist}-0.1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n")
        z.writestr("generator/__init__.py", "")
    return path


def test_a_wheel_is_copied_into_the_repository_and_required_by_a_relative_path(tmp_path, capsys):
    wheel = _wheel(tmp_path / "dist")
    folder = tmp_path / "plan"
    code, out, _ = run_init(capsys, str(folder), "--wheel", str(wheel), *START)
    assert code == 0 and f"wrote {folder / 'wheels' / wheel.name}" in out
    assert (folder / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    assert _requirement_lines(folder) == [f"./wheels/{wheel.name}"]
    assert check(folder).problems == []


@pytest.mark.parametrize(
    "case", ["not-a-wheel-name", "other-dist", "not-a-zip", "missing", "folder", "fifo", "newline-name", "with-requirement"]
)
def test_a_wheel_that_is_not_contentplans_is_refused(tmp_path, capsys, case):
    extra: list[str] = []
    if case == "not-a-wheel-name":
        wheel = _wheel(tmp_path / "dist", "contentplan.zip")
    elif case == "other-dist":
        wheel = _wheel(tmp_path / "dist", dist="evil")
    elif case == "not-a-zip":
        wheel = tmp_path / "contentplan-0.1.0-py3-none-any.whl"
        wheel.write_text("not a zip", encoding="utf-8")
    elif case == "missing":
        wheel = tmp_path / "contentplan-0.1.0-py3-none-any.whl"
    elif case == "folder":
        wheel = tmp_path / "contentplan-0.1.0-py3-none-any.whl"
        wheel.mkdir()
    elif case == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("mkfifo: POSIX")
        wheel = tmp_path / "contentplan-0.1.0-py3-none-any.whl"
        os.mkfifo(wheel)  # opening it would wait forever
    elif case == "newline-name":
        wheel = _wheel(tmp_path / "dist", "contentplan-0.1.0-py3-none-any.whl\n--index-url x.whl")
    else:
        wheel = _wheel(tmp_path / "dist")
        extra = ["--requirement", "contentplan @ git+https://github.com/acme/contentplan@v0.1.0"]
    folder = tmp_path / "plan"
    code, out, err = run_init(capsys, str(folder), "--wheel", str(wheel), *extra, *START)
    assert code == 2 and out == "" and err.startswith("contentplan init: ") and err.count("\n") == 1
    assert not folder.exists()


def test_a_symlinked_wheels_folder_is_refused(tmp_path, capsys):
    wheel = _wheel(tmp_path / "dist")
    folder, outside = tmp_path / "plan", tmp_path / "outside"
    outside.mkdir()
    folder.mkdir()
    (folder / "wheels").symlink_to(outside, target_is_directory=True)
    code, _, err = run_init(capsys, str(folder), "--wheel", str(wheel), *START)
    assert code == 2 and "wheels" in err and "symbolic link" in err and listing(outside) == []
