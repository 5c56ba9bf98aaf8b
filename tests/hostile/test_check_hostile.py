"""A hostile plan against `contentplan check`: no traceback, nothing read outside the root,
bounded time and memory, right positions, nothing forged in the terminal.

Each test is one class of attack from the issue "Safe with any plan"; the plans are written
here, on top of tests/fixtures/valid, so each shows its input.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.check import check
from generator.load import MAX_FILE_BYTES
from tests.support import no_hang, run_subprocess

POST = '  - {{date: {date}, time: "{time}", channel: {channel}, playbook: welcome-script, vars: {{product: 酒}}{extra}}}\n'


def calendar(*rows: str, repeats: str = "") -> dict[str, str]:
    return {"content/calendar/extra.yml": "posts:\n" + "".join(rows) + (("repeats:\n" + repeats) if repeats else "")}


def post(date: str = "2026-12-03", time: str = "09:00", extra: str = "", channel: str = "vip-group") -> str:
    return POST.format(date=date, time=time, extra=extra, channel=channel)


def problems(root: Path) -> list[tuple]:
    return [(p.path, p.line, p.col, p.code) for p in check(root).problems]


# --- tracebacks, and what check passed but build could not take -------------------------------


@pytest.mark.parametrize(
    "files, code, col",
    [
        (calendar(post("0226-12-03")), "bad-value", 12),  # a year typo
        (calendar(post("9999-12-31")), "bad-value", 12),  # the last day there is
        (calendar(post("9026-12-03")), "bad-value", 12),  # 84,000 month pages before
        (calendar(post(extra=", attach: ['assets\\x.png']")), "bad-value", None),
        (calendar(post(extra=', attach: ["assets/\\0.png"]')), "bad-value", None),
        (
            calendar(
                post(extra=", status: approved"),
                repeats=(
                    "  - {id: r, every: month, on: ['²'], from: 2026-12-01, until: 2026-12-31, time: '10:00', "
                    "channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
                ),
            ),
            "bad-value",
            None,
        ),
        (
            calendar(
                repeats=(
                    "  - {id: r, every: day, from: 2026-12-01, until: 9999-12-31, time: '10:00', "
                    "channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
                )
            ),
            "bad-value",
            None,
        ),
        ({"playbooks/" + "a" * 240 + ".md": "---\nkind: script\ntitle: t\n---\n```message\nhi\n```\n"}, "bad-value", 1),
        ({"playbooks/long.md": "---\nid: " + "a" * 240 + "\nkind: script\ntitle: t\n---\n"}, "bad-value", 5),
    ],
    ids=[
        "year-0226",
        "9999-12-31",
        "year-9026",
        "backslash-attach",
        "nul-attach",
        "superscript-on",
        "until-9999",
        "long-file-stem",
        "long-id",
    ],
)
def test_what_build_cannot_take_check_reports(files, code, col, make_plan, run_cli):
    root = make_plan(files=files)
    result = run_cli("check", "--root", str(root))
    assert result.status == 1, result.out
    assert "Traceback" not in result.err
    found = result.problems()
    assert code in {p["code"] for p in found}, result.out
    if col is not None:
        assert any(p["col"] == col for p in found if p["code"] == code), result.out


def test_non_utf8_stdout_is_escaped_not_crashed(make_plan):
    root = make_plan(files=calendar(post(channel="品鉴群二")))
    result = run_subprocess("check", "--root", str(root), env={"PYTHONIOENCODING": "ascii"})
    assert result.status == 1
    assert "Traceback" not in result.err
    assert "\\u54c1\\u9274" in result.out
    today = run_subprocess("today", "--root", str(root), "--date", "2026-12-03", env={"PYTHONIOENCODING": "ascii"})
    assert today.status == 1 and "Traceback" not in today.err and "\\u" in today.out


def test_a_file_far_over_the_limit_is_not_read(make_plan, monkeypatch):
    root = make_plan()
    huge = root / "content" / "calendar" / "huge.yml"
    with open(huge, "wb") as handle:  # sparse: 100 GiB on paper, nothing on disk
        handle.truncate(100 * 1024**3)
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        found = check(root).problems
    assert [(p.path, p.line, p.code) for p in found] == [("content/calendar/huge.yml", 1, "yaml-syntax")]
    assert f"over the {MAX_FILE_BYTES // 2**20} MiB limit" in found[0].message


# --- the plan stays inside its root -----------------------------------------------------------


SECRET = "root:x:0:0:SECRET-IN-A-FILE-OUTSIDE-THE-PLAN:/root:/bin/bash"


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "outside" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text(f"posts: {SECRET}\n" * 50, encoding="utf-8")
    (tmp_path / "outside" / "evil.md").write_text(
        f"---\nkind: script\ntitle: {SECRET}\n---\n```message\n{SECRET}\n```\n", encoding="utf-8"
    )
    return tmp_path / "outside"


@pytest.mark.parametrize(
    "link, target",
    [
        ("content/calendar/secret.yml", "secret.yml"),
        ("content/calendar/sub", "."),  # a folder
        ("playbooks/evil.md", "evil.md"),
        ("content/campaigns.yml", "secret.yml"),
    ],
)
def test_symlinks_are_refused_and_never_read(link, target, outside, make_plan, run_cli):
    root = make_plan()
    (root / link).unlink(missing_ok=True)
    (root / link).symlink_to(outside / target)
    for fmt in ("text", "github", "json"):
        result = run_cli("check", "--root", str(root), "--format", fmt)
        assert result.status == 1
        assert "SECRET" not in result.out + result.err
    found = problems(root)
    assert (link, 1, 1, "outside-root") in found
    # without the campaigns file, the posts of its campaign are unknown-campaign; nothing else
    # (and repeats that take their dates from it miss them)
    assert [p for p in found if p[3] not in ("outside-root", "unknown-campaign", "missing-field")] == []


def test_a_symlinked_site_yml_is_refused(outside, make_plan, run_cli):
    root = make_plan()
    (root / "content" / "site.yml").unlink()
    (root / "content" / "site.yml").symlink_to(outside / "secret.yml")
    result = run_cli("check", "--root", str(root))
    assert result.status == 1
    assert "SECRET" not in result.out + result.err
    assert "outside-root" in result.out


def test_a_symlinked_attachment_folder_is_refused(outside, make_plan):
    root = make_plan(files=calendar(post(extra=", attach: [assets/secret.png]")))
    (root / "content" / "assets").rename(root / "content" / "real-assets")
    (root / "content" / "assets").symlink_to(outside)
    found = problems(root)
    assert ("content/calendar/extra.yml", 2, 114, "outside-root") in found
    assert ("content/calendar/2026-12.yml", 29, 14, "outside-root") in found  # assets/tasting.png
    assert not any(p[3] == "missing-asset" for p in found)


def test_a_symlinked_playbook_is_not_published(outside, make_plan, tmp_path):
    from generator.cli import main

    root = make_plan()
    (root / "playbooks" / "evil.md").symlink_to(outside / "evil.md")
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 1
    assert not (tmp_path / "site").exists()


def test_problem_messages_quote_only_an_excerpt(make_plan):
    long_value = "甲" * 5000
    root = make_plan(files=calendar(post(time=long_value), post(extra=f", channel: {'x' * 5000}")))
    for p in check(root).problems:
        assert len(p.message) <= 300
        assert "甲" * 61 not in p.message


# --- bounded time ------------------------------------------------------------------------------

MEGABYTE = 1024 * 1024


@pytest.mark.parametrize(
    "value",
    [
        "a" * MEGABYTE,  # the e-mail pattern was quadratic here
        "a." * (MEGABYTE // 2),
        "1" * MEGABYTE,
        "{{" * (MEGABYTE // 2),
        "最" * (MEGABYTE // 3),
        "转发" * (MEGABYTE // 6),
        "[" * MEGABYTE,
        "集满" + " " * MEGABYTE + "x",  # two runs of spaces that could split one every way
        "转发" + " \t" * (MEGABYTE // 2),
    ],
    ids=["letters", "dots", "digits", "braces", "most", "forward", "brackets", "spaces", "tabs"],
)
def test_megabyte_values_are_checked_in_bounded_time(value, make_plan):
    root = make_plan(
        files={
            **calendar(post(extra=", headline: '" + value.replace("'", "''") + "'")),
            "playbooks/big.md": "---\nkind: script\ntitle: big\n---\n```message\n" + value + "\n```\n",
        }
    )
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        report = check(root)
    assert len(report.problems) < 5000


def test_a_century_repeat_is_capped_quickly(make_plan):
    root = make_plan(
        files=calendar(
            repeats=(
                "  - {id: r, every: day, from: 2000-01-01, until: 2099-12-31, time: '10:00', "
                "channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
            )
        )
    )
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        report = check(root)
    assert [(p.line, p.code) for p in report.problems] == [(3, "bad-value")]
    assert "more than 1,000 posts" in report.problems[0].message
    assert not any(p.repeat == "r" for p in report.plan.posts)


def test_did_you_mean_is_bounded(make_plan):
    playbooks = {f"playbooks/pb-{i:04d}-script.md": "---\nkind: script\ntitle: t\n---\n" for i in range(1500)}
    rows = "".join(
        post(date=f"2026-12-{1 + i % 28:02d}", time=f"{i % 24:02d}:{i % 60:02d}", extra=f", playbook: pb-{i:04d}-scirpt")
        for i in range(3000)
    )
    root = make_plan(files={**playbooks, "content/calendar/extra.yml": "posts:\n" + rows})
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        report = check(root)
    assert sum(p.code == "unknown-playbook" for p in report.problems) >= 1000


# --- I/O failures --------------------------------------------------------------------------------


def unreadable_calendar_folder(monkeypatch):
    """Make content/calendar unreadable (chmod cannot: the tests may run as root); return the real scandir."""
    real = os.scandir

    def scandir(path):
        if str(path).endswith("calendar"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return real


def test_an_unreadable_calendar_folder_is_an_io_failure(make_plan, run_cli, monkeypatch):
    root = make_plan()
    unreadable_calendar_folder(monkeypatch)
    result = run_cli("check", "--root", str(root))
    assert result.status == 2
    assert "cannot read the folder content/calendar" in result.err
    assert result.out == ""


def test_an_unreadable_file_is_an_io_failure(make_plan, run_cli, monkeypatch):
    root = make_plan()
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if str(path).endswith("2026-12.yml"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    result = run_cli("check", "--root", str(root))
    assert result.status == 2
    assert "cannot read content/calendar/2026-12.yml" in result.err


def test_calendars_in_subfolders_are_read_and_strays_reported(make_plan):
    root = make_plan(
        files={
            "content/calendar/2027/01.yml": "posts:\n" + post("2027-01-05", channel="moments"),
            "content/calendar/2027-02.yml.bak": "posts: []\n",
            "content/calendar/.gitkeep": "",
        }
    )
    report = check(root)
    assert any(p.date.isoformat() == "2027-01-05" for p in report.plan.posts)
    assert [(p.path, p.code, p.severity) for p in report.problems] == [
        ("content/calendar/2027-02.yml.bak", "stray-file", "warning")
    ]


@pytest.mark.parametrize("code", ["yaml-syntax", "bad-value", "missing-field", "unknown-field", "duplicate-key", "outside-root"])
@pytest.mark.parametrize("setting", ["off", "warning", "{severity: off}"])
def test_structural_codes_cannot_be_switched_off(code, setting, make_plan):
    site = (Path(__file__).parents[1] / "fixtures" / "valid" / "content" / "site.yml").read_text(encoding="utf-8")
    root = make_plan(
        files={
            "content/site.yml": site + f"rules:\n  {code}: {setting}\n",
            "content/calendar/broken.yml": "posts: [\n",
        }
    )
    found = check(root).problems
    assert ("content/calendar/broken.yml", "yaml-syntax", "error") in [(p.path, p.code, p.severity) for p in found]
    assert any(p.code == "bad-value" and "cannot be changed" in p.message for p in found)


# --- positions and output ------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_breaks_of_yaml_1_1_do_not_shift_positions(char, make_plan):
    # in a note (a title may not hold them: bad-value), where YAML 1.1 would break the line
    text = "# a comment\nposts:\n" + post(extra=f", note: 'a{char}b'") + post("2026-12-04", channel="vip-grop")
    root = make_plan(files={"content/calendar/extra.yml": text})
    assert problems(root) == [("content/calendar/extra.yml", 4, 48, "unknown-channel")]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_odd_characters_in_a_playbook_do_not_shift_lines(char, make_plan):
    playbook = f"---\nkind: script\ntitle: t\nvars: {{a: b}}\n---\nguide {char} text\n```message\n{{{{ a | upper }}}}\n```\n"
    root = make_plan(files={"playbooks/odd.md": playbook})
    assert ("playbooks/odd.md", 8, 1, "bad-value") in problems(root)


@pytest.mark.parametrize("char", ["\x0c", "\x0b", "\x1c", "\x7f"])
def test_a_control_character_in_yaml_is_reported_where_it_is(char, make_plan):
    text = "posts:\n" + post(extra=f", title: 'a{char}b'")
    root = make_plan(files={"content/calendar/extra.yml": text})
    assert problems(root) == [("content/calendar/extra.yml", 2, 114, "yaml-syntax")]


def test_lone_carriage_returns_count_as_lines(make_plan):
    text = "posts:\r" + post(channel="vip-grop").replace("\n", "\r")
    root = make_plan(files={"content/calendar/extra.yml": text})
    assert problems(root) == [("content/calendar/extra.yml", 2, 48, "unknown-channel")]


def test_brackets_in_quotes_and_comments_are_not_nesting(make_plan):
    deep = "[" * 150
    text = f"# {deep}\nposts:\n" + post(extra=f", title: '{deep}', note: \"{deep}\"")
    root = make_plan(files={"content/calendar/extra.yml": text})
    assert problems(root) == []
    root = make_plan(files={"content/calendar/extra.yml": "posts: " + deep + "]" * 150 + "\n"})
    assert [p[3] for p in problems(root)] == ["yaml-syntax"]


def test_the_column_of_a_nul_is_its_column(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": b"posts:\n  - date: 2026\x00-12-03\n"})
    assert problems(root) == [("content/calendar/extra.yml", 2, 15, "yaml-syntax")]


def test_control_characters_cannot_forge_lines(make_plan, run_cli):
    forged = "\\e[2K\\rcontent/site.yml:1:1: error[fake] forged\\n\\e]0;title\\a\\u202e"
    root = make_plan(files=calendar(post(channel=f'"{forged}"')))
    result = run_cli("check", "--root", str(root))
    assert result.status == 1
    assert len(result.lines) == 1
    assert not any(ch in result.out for ch in "\x1b\r\x07\u202e")
    assert "\\x1b" in result.out
    github = run_cli("check", "--root", str(root), "--format", "github")
    assert len(github.lines) == 1 and "\x1b" not in github.out
    today = run_cli("today", "--root", str(root), "--date", "2026-12-03")
    assert "\x1b" not in today.out


# --- identities and placeholders -----------------------------------------------------------------


def test_a_written_id_equal_to_a_derived_id_is_a_duplicate(make_plan):
    root = make_plan(
        files=calendar(
            post("2026-12-03", "09:00"),  # derived id 2026-12-03-vip-group-0900
            post("2026-12-04", "09:00", extra=", id: 2026-12-03-vip-group-0900"),
        )
    )
    assert ("content/calendar/extra.yml", 3, 109, "duplicate-id") in problems(root)


def test_a_written_id_equal_to_an_occurrence_id_is_a_duplicate(make_plan):
    root = make_plan(files=calendar(post("2026-12-03", "09:00", extra=", id: nightly-tasting-2026-12-12")))
    assert any(p[3] == "duplicate-id" for p in problems(root))


@pytest.mark.parametrize(
    "zone", ["localtime", "posix/Asia/Shanghai", "right/UTC", "asia/shanghai", "Factory", "Asia/Shang hai", "../../etc/passwd"]
)
def test_only_canonical_zones(zone, make_plan):
    site = (Path(__file__).parents[1] / "fixtures" / "valid" / "content" / "site.yml").read_text(encoding="utf-8")
    root = make_plan(files={"content/site.yml": site.replace("Asia/Shanghai", zone)})
    assert "bad-value" in {p[3] for p in problems(root)}


@pytest.mark.parametrize(
    "message, col",
    [
        ("{{ product | upper }}", 1),
        ("好 {{x}", 3),
        ("{{}}", 1),
        ("{{1st}}", 1),
        ("{{ product }}{{", 14),
    ],
)
def test_malformed_placeholders_are_errors_at_their_line(message, col, make_plan):
    playbook = f"---\nkind: script\ntitle: t\nvars: {{product: p}}\n---\n```message\n{message}\n```\n"
    root = make_plan(files={"playbooks/odd.md": playbook})
    assert ("playbooks/odd.md", 7, col, "bad-value") in problems(root)


def test_well_formed_placeholders_pass(make_plan):
    playbook = (
        "---\nkind: script\ntitle: t\nvars: {product: p, 产品: q}\n---\n```message\n{{product}} {{ 产品 }} {{{product}}}\n```\n"
    )
    root = make_plan(files={"playbooks/odd.md": playbook})
    assert [p for p in problems(root) if p[0] == "playbooks/odd.md" and p[3] == "bad-value"] == []


@pytest.mark.parametrize(
    "files",
    [
        {"playbooks/index.md": "---\nkind: script\ntitle: t\n---\n"},
        {"playbooks/x.md": "---\nid: index\nkind: script\ntitle: t\n---\n"},
        {"content/campaigns.yml": "- {id: index, name: n, start: 2026-12-01, end: 2026-12-31}\n"},
    ],
    ids=["playbook-file", "playbook-id", "campaign"],
)
def test_an_id_cannot_take_the_list_page(files, make_plan):
    """playbooks/index.md would overwrite the list of playbooks on the site."""
    root = make_plan(files=files)
    assert "bad-value" in {p[3] for p in problems(root)}


def test_an_unreadable_plan_replaces_no_site(make_plan, tmp_path, monkeypatch):
    """An unreadable calendar folder once checked as "0 posts" and built an empty site over the good one."""
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    root = make_plan()
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 0
    before = sorted((p.relative_to(out).as_posix(), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    real = unreadable_calendar_folder(monkeypatch)
    assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 2
    monkeypatch.setattr(os, "scandir", real)
    after = sorted((p.relative_to(out).as_posix(), p.read_bytes()) for p in out.rglob("*") if p.is_file())
    assert after == before


def test_the_plans_own_banned_words_are_bounded(make_plan):
    site = (Path(__file__).parents[1] / "fixtures" / "valid" / "content" / "site.yml").read_text(encoding="utf-8")
    terms = ", ".join(f"'{chr(0x4E00 + i)}{'好' * 39}'" for i in range(500))
    text = "".join(chr(0x4E00 + (i % 500)) + "好" * 5 for i in range(15_000))
    root = make_plan(
        files={
            "content/site.yml": site + f"rules:\n  banned-word: {{extra: [{terms}]}}\n",
            "playbooks/big.md": "---\nkind: script\ntitle: big\n---\n```message\n" + text + "\n```\n",
        }
    )
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        assert check(root).exit_code == 0
    too_many = make_plan(files={"content/site.yml": site + "rules:\n  banned-word: {extra: ['" + "a" * 41 + "']}\n"})
    assert "bad-value" in {p[3] for p in problems(too_many)}


@pytest.mark.parametrize("text", ['id: "welcome-dec-01\\n"', 'channel: "vip-group\\n"'])
def test_an_id_cannot_end_in_a_new_line(text, make_plan):
    """`$` also matches before a final new line: ids are matched whole."""
    root = make_plan(
        files=calendar(post("2026-12-05", extra=", " + text).replace(", channel: vip-group", "", text.startswith("channel")))
    )
    assert "bad-value" in {p[3] for p in problems(root)}


@pytest.mark.parametrize("value", ["abc", "", "²", "1e9", "-1", "99999999999", "253402300800"])
def test_a_bad_source_date_epoch_is_a_usage_error(value, make_plan, tmp_path, monkeypatch, capsys):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["build", "--root", str(make_plan()), "--site-dir", str(tmp_path / "site")]) == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "note",
    [
        "- " * 1200 + "x",  # Python-Markdown recursed once per level and crashed the build
        "\n".join("  " * i + "- x" for i in range(60)),
        "\n".join("    " * i + "!!! note" for i in range(40)),
        "[" * 16_000,  # link parsing is quadratic: a minute to build
        "![" * 4_000,
        "x" * 150_000,
    ],
    ids=["markers", "indented-list", "admonitions", "brackets", "images", "long"],
)
def test_markdown_too_deep_or_too_big_is_reported_at_check(note, make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": "posts:\n" + post(extra=", note: " + yaml_quoted(note)),
            "playbooks/deep.md": "---\nkind: script\ntitle: t\n---\nintro\n\n" + note + "\n",
            "content/campaigns.yml": "- {id: deep, name: n, start: 2026-12-01, end: 2026-12-31, description: "
            + yaml_quoted(note)
            + "}\n",
        }
    )
    found = problems(root)
    assert ("content/calendar/extra.yml", 2, 111, "bad-value") in found
    assert any(p[0] == "playbooks/deep.md" and p[3] == "bad-value" for p in found)
    assert any(p[0] == "content/campaigns.yml" and p[3] == "bad-value" for p in found)


def yaml_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.mark.parametrize("name", ["guide.md", "page.html", "pic.svg", "app.js", "style.css", "noext"])
def test_only_media_and_documents_can_be_attached(name, make_plan):
    """A .md attachment became a page of the site, an .html or .svg one ran its script."""
    root = make_plan(
        files={f"content/assets/{name}": "<script>alert(1)</script>\n", **calendar(post(extra=f", attach: [assets/{name}]"))}
    )
    assert ("content/calendar/extra.yml", 2, 114, "bad-value") in problems(root)


@pytest.mark.parametrize(
    "note",
    ["a\n=\n" * 3000, "# a\n" * 3000, "* * *\n" * 3000, "<" * 19_000, ">" * 19_000],
    ids=["setext", "atx", "rules", "lt", "gt"],
)
def test_markdown_that_builds_in_quadratic_time_is_reported(note, make_plan):
    """Each heading or rule re-splits its block, each < > & is stashed: minutes for one note."""
    root = make_plan(files={"content/calendar/extra.yml": "posts:\n" + post(extra=", note: " + yaml_quoted(note))})
    assert ("content/calendar/extra.yml", 2, 111, "bad-value") in problems(root)


def test_the_hang_guard_trips_on_a_hang():
    """The stop the hostile tests use against a hang (tests/support/guard.py) does stop a loop."""
    from tests.support.guard import Hang

    with pytest.raises(Hang):
        with no_hang(0.2):
            while True:
                pass


# --- the work count the hostile-text tests use (tests/support/guard.py) sees what it is for -------


def _patterns(**patterns: str):
    """A namespace of compiled patterns, counted as the rules' are."""
    import re
    import types

    return types.SimpleNamespace(**{name: re.compile(source) for name, source in patterns.items()})


@pytest.mark.parametrize(
    "source, unit",
    [
        (r"\d+年", "1"),  # every attempt reads the whole run of digits, then fails
        (r"集赞[^。]*送", "集赞"),  # every attempt reads to the end of the sentence
        (r"(?=.*送)集赞", "集赞"),  # a lookahead that reads to the end
        (r"(?:\d )+号", "1 "),  # a group repeated without bound
    ],
)
def test_the_work_count_sees_a_pattern_that_reads_the_whole_run(source, unit):
    from tests.support.guard import assert_linear

    found = _patterns(p=source)
    with pytest.raises(AssertionError, match="characters the regex engine may read grew 1[0-9]"):
        assert_linear(lambda text: list(found.p.finditer(text)), unit, "", found)


@pytest.mark.parametrize(
    "source, unit",
    [
        (r"\d{1,12}年", "1"),  # bounded
        (r"[^。！？!?\n]+", "集赞"),  # one class alone: each character read once
        (r"集赞\d*送", "集赞"),  # a class repeated without bound, but no run of it in the text
    ],
)
def test_the_work_count_passes_a_pattern_that_reads_a_bounded_window(source, unit):
    from tests.support.guard import assert_linear

    found = _patterns(p=source)
    assert_linear(lambda text: list(found.p.finditer(text)), unit, "", found)


def test_the_work_count_sees_a_rule_that_rereads_its_sentence_for_each_match(monkeypatch):
    """induced-sharing once searched a match's whole sentence again for each match (17 s on
    100,000 characters of 集赞送); the count sees it in the regex engine and in Python."""
    import bisect

    from generator.rules import induced_sharing
    from tests.support.guard import GENERATOR, assert_linear

    def again(self, index):
        at = bisect.bisect_right(self.starts, index) - 1
        start, end = self.spans[at]
        return bool(induced_sharing._NOT_ASKED.search(self.text[start:end]))

    monkeypatch.setattr(induced_sharing._Sentences, "not_asked", again)
    with pytest.raises(AssertionError, match="characters the regex engine may read grew 1[0-9]"):
        assert_linear(induced_sharing.candidates, "集赞送")

    scope: dict = {}  # the same in Python, as code of generator/ (the lines counted are those)
    source = "def again(self, index):\n    return any(self.text[i] == '用' for i in range(len(self.text)))\n"
    exec(compile(source, f"{GENERATOR}/rules/induced_sharing.py", "exec"), scope)
    monkeypatch.setattr(induced_sharing._Sentences, "not_asked", scope["again"])
    with pytest.raises(AssertionError, match="Python lines run in generator/ grew 1[0-9]"):
        assert_linear(induced_sharing.candidates, "集赞送", size=500)
