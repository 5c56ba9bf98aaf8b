"""load.py: reading plan files into documents that remember every position. The plain walk (a
document with no alias) gives exactly what the full converter gives, positions and problems
included; the YAML 1.1 traps cannot bite; a duplicate key, a file broken the way people break
them (an encoding, a tab, an alias bomb, no front matter) or written on Windows is a problem at
its line, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load
from generator.check import check
from tests.support import VALID, VALID_SITE, build_plan, problems_in, run_subprocess

ROOT = Path(__file__).resolve().parent.parent


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, load.Mapping):
        return (a.start, a.key_at, a.value_at, list(a)) == (b.start, b.key_at, b.value_at, list(b)) and all(
            _same(a[key], b[key]) for key in a
        )
    if isinstance(a, load.Sequence):
        return (a.start, a.item_at, len(a)) == (b.start, b.item_at, len(b)) and all(map(_same, a, b))
    return a == b


def _both(text: str, offset: int, monkeypatch) -> tuple[load.Document, load.Document]:
    plain, full = load.Document("x.yml"), load.Document("x.yml")
    load.parse_yaml(text, plain, offset)
    with monkeypatch.context() as patch:
        patch.setattr(load._Converter, "plain", load._Converter.convert)
        load.parse_yaml(text, full, offset)
    return plain, full


CASES = {
    "nested": "a: 1\nb:\n  - x\n  - {c: d, e: [1, 2]}\n  -\n    f: ''\n    g: ~\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "non-scalar key": "? [a, b]\n: 1\nc: 2\n",
    "merge without alias": "a: 1\nb:\n  <<: {c: 1, d: 2}\n  c: 3\n",
    "merge and a duplicate": "a: 1\na: 2\nb:\n  <<: {c: 1}\n",
    "null forms": "a:\nb: null\nc: ~\nd: ''\ne: 'null'\n",
    "chinese": "标题: 最好的茶\n话术:\n  - 第一条\n  - 第二条\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("offset", [0, 2])
def test_the_plain_walk_gives_what_the_full_converter_gives(name, offset, monkeypatch):
    plain, full = _both(CASES[name], offset, monkeypatch)
    assert _same(plain.data, full.data)
    assert plain.problems == full.problems


def test_the_plain_walk_on_every_yaml_file_shipped_and_in_the_fixtures(monkeypatch):
    files = sorted([*ROOT.glob("content/**/*.yml"), *(ROOT / "tests" / "fixtures").glob("**/*.yml")])
    assert len(files) > 20
    for path in files:
        try:
            text = load._normalise(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # a broken fixture that is not UTF-8 on purpose
        plain, full = _both(text, 0, monkeypatch)
        assert _same(plain.data, full.data), path
        assert plain.problems == full.problems, path


# --- YAML 1.1 traps ----------------------------------------------------------------------------------


def test_unquoted_times_and_a_no_id(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - id: no\n"
                "    date: 2026-12-03\n"
                "    time: 10:30\n"
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度, price: 1.50}\n"
                "  - date: 2026-12-04\n"
                "    time: 9:30\n"
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: yes}\n"
            )
        }
    )
    report = check(root)
    assert report.problems == []
    posts = {p.id: p for p in report.plan.posts}
    assert "no" in posts
    assert posts["no"].time == dt.time(10, 30)
    assert posts["2026-12-04-vip-group-0930"].time == dt.time(9, 30)
    # vars are filled in as written: 1.50 stays 1.50, yes stays yes
    assert "体验价1.50元" in report.plan.message_of(posts["no"])
    assert "本周品鉴yes" in report.plan.message_of(posts["2026-12-04-vip-group-0930"])


# --- duplicate keys ----------------------------------------------------------------------------------


def test_duplicate_key_in_site_yml(make_plan):
    root = make_plan(files={"content/site.yml": VALID_SITE.replace("language: zh\n", "language: zh\ntitle: 又一个标题\n")})
    assert problems_in(root) == [("content/site.yml", 4, 1, "error", "duplicate-key")]


def test_duplicate_key_in_front_matter_is_at_the_file_line(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("title: 初雪借势\n", "title: 初雪借势\nkind: hot-topic\n")
    root = make_plan(files={"playbooks/first-snow.md": text})
    assert problems_in(root) == [("playbooks/first-snow.md", 4, 1, "error", "duplicate-key")]


def test_duplicate_key_in_campaigns(make_plan):
    root = make_plan(
        files={
            "content/campaigns.yml": (
                "- id: winter-tasting\n  name: 冬季品鉴月\n  start: 2026-12-01\n  end: 2026-12-31\n  end: 2027-01-31\n"
            )
        }
    )
    assert problems_in(root) == [("content/campaigns.yml", 5, 3, "error", "duplicate-key")]


# --- files broken the way people break them: problems, never a traceback -----------------------------


BAD_FILES = {
    "gbk": ("content/calendar/extra.yml", "posts:\n  - date: 2026-12-03\n    note: 提前备好\n".encode("gbk"), "yaml-syntax", 3),
    "tab": ("content/calendar/extra.yml", "posts:\n\t- date: 2026-12-03\n", "yaml-syntax", 2),
    "empty": ("content/calendar/extra.yml", "", "bad-value", 1),
    "only-comment": ("content/calendar/extra.yml", "# nothing yet\n", "bad-value", 1),
    "list": ("content/calendar/extra.yml", '- date: 2026-12-03\n  time: "09:00"\n', "bad-value", 1),
    "alias-bomb": (
        "content/calendar/extra.yml",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
        "yaml-syntax",
        1,
    ),
    "nul": ("content/calendar/extra.yml", "posts: []\n\x00\n", "yaml-syntax", 2),
    "deep": ("content/calendar/extra.yml", "posts: " + "[" * 5000 + "]" * 5000 + "\n", "yaml-syntax", 1),
    "no-front-matter": ("playbooks/extra.md", "# 没有 front matter\n\n正文\n", "yaml-syntax", 1),
    "unclosed-front-matter": ("playbooks/extra.md", "---\nkind: script\ntitle: 没有结尾\n", "yaml-syntax", 1),
    "front-matter-syntax": (
        "playbooks/extra.md",
        "---\nkind: script\ntitle: [没有结尾\n---\n正文\n",
        "yaml-syntax",
        3,
    ),  # the end of the unclosed line
    "site-is-a-list": ("content/site.yml", "- title: x\n", "bad-value", 1),
    "campaigns-gbk": ("content/campaigns.yml", "- id: x\n  name: 冬季\n".encode("gbk"), "yaml-syntax", 2),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_broken_file_gives_a_problem(case, make_plan, run_cli):
    rel, data, code, line = BAD_FILES[case]
    root = make_plan(files={rel: data})
    result = run_cli("check", "--root", str(root))  # an exception here fails the test
    assert result.status == 1
    rows = result.problems()
    assert (rel, line, code) in [(p["path"], p["line"], p["code"]) for p in rows], result.out


def test_tab_message_says_tab(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": BAD_FILES["tab"][1]})
    (problem,) = check(root).problems
    assert "tab" in problem.message


def test_non_utf8_position(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": BAD_FILES["gbk"][1]})
    (problem,) = check(root).problems
    assert (problem.line, problem.col) == (3, 11)
    assert "UTF-8" in problem.message


def test_bom_is_fine(make_plan):
    root = make_plan(files={"content/campaigns.yml": b"\xef\xbb\xbf" + (VALID / "content" / "campaigns.yml").read_bytes()})
    assert problems_in(root) == []


@pytest.mark.parametrize("case", ["gbk", "tab", "empty", "list", "alias-bomb", "deep", "unclosed-front-matter"])
def test_broken_file_no_traceback_subprocess(case, make_plan):
    rel, data, code, line = BAD_FILES[case]
    root = make_plan(files={rel: data})
    result = run_subprocess("check", "--root", str(root), "--format", "json")
    assert result.status == 1, result.err
    assert "Traceback" not in result.err
    rows = json.loads(result.out)
    assert (rel, line, code) in [(r["path"], r["line"], r["code"]) for r in rows]


# --- no input, however broken, produces a traceback --------------------------------------------------


_yamlish = st.text(
    alphabet=st.sampled_from(list("posts:-[]{}&*!|>'\"#\t\n ,date2026-12-0309:30channelvip-groupplaybook酱%@`?")),
    max_size=200,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_yamlish)
def test_fuzzed_calendar_never_raises(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = build_plan(Path(tmp) / "plan", files={"content/calendar/extra.yml": text})
        report = check(root)
        for p in report.problems:
            assert p.line >= 1 and p.col >= 1
            assert p.path.startswith(("content/", "playbooks/"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=_yamlish, body=st.text(max_size=100))
def test_fuzzed_playbook_never_raises(front, body):
    with tempfile.TemporaryDirectory() as tmp:
        root = build_plan(Path(tmp) / "plan", files={"playbooks/extra.md": f"---\n{front}\n---\n{body}"})
        check(root)


# --- files written on Windows ------------------------------------------------------------------------


def crlf_plan(dest: Path) -> Path:
    build_plan(dest)
    for path in [*dest.rglob("*.yml"), *dest.rglob("*.md")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return dest


def test_crlf_plan_checks_clean_with_the_same_lines(tmp_path):
    root = crlf_plan(tmp_path / "plan")
    assert problems_in(root) == []
    (root / "content" / "calendar" / "extra.yml").write_bytes(
        b'posts:\r\n  - date: 2026-12-03\r\n    time: "23:00"\r\n    channel: vip-group\r\n'
        b"    playbook: welcome-script\r\n    vars: {product: x}\r\n"
    )
    assert problems_in(root) == [("content/calendar/extra.yml", 3, 11, "error", "quiet-hours")]


def test_crlf_playbook_message_has_no_carriage_return(tmp_path):
    root = crlf_plan(tmp_path / "plan")
    plan = check(root).plan
    post = next(p for p in plan.posts if p.id == "welcome-dec-01")
    assert plan.message_of(post) == "欢迎新朋友!本周品鉴酱香53度,群内体验价199元。"


# --- the event reader (load._from_events) reads what the composer reads ------------------------

_SCALARS = st.sampled_from(
    [
        "a",
        "~",
        "null",
        "Null",
        "NULL",
        "''",
        "'null'",
        '"~"',
        "!!null x",
        "!!null ''",
        "!!str ~",
        "! null",
        "!foo bar",
        "10:30",
        "no",
        "1",
        "<<",
        "'<<'",
        "&x v",
        "|\n  block\n  text",
        "-",
        "é 中文",
        "",
    ]
)
_KEYS = st.sampled_from(["a", "b", "a", "'a'", "<<", "? [k]", "null", "~", "1", "&k a", "中"])


@st.composite
def _yaml_text(draw, depth: int = 0) -> str:
    """A small YAML document: block and flow mappings and sequences, odd scalars and keys,
    duplicate keys, merge keys, anchors; sometimes broken or with a second document."""

    def node(level: int, indent: str) -> str:
        kind = draw(st.sampled_from(["scalar", "map", "seq", "flow"] if level < 3 else ["scalar"]))
        if kind == "scalar":
            return " " + draw(_SCALARS).replace("\n", "\n" + indent)
        if kind == "flow":
            items = draw(st.lists(st.tuples(_KEYS, _SCALARS), max_size=3))
            return " {" + ", ".join(f"{k}: {v}" for k, v in items if "\n" not in v and not k.startswith("?")) + "}"
        lines = []
        for _ in range(draw(st.integers(0, 3))):
            if kind == "map":
                lines.append(f"\n{indent}{draw(_KEYS)}:{node(level + 1, indent + '  ')}")
            else:
                lines.append(f"\n{indent}-{node(level + 1, indent + '  ')}")
        return "".join(lines) or " {}"

    text = node(0, "").lstrip()
    if draw(st.booleans()):
        text = "posts:" + (" " if not text.startswith("\n") else "") + node(1, "  ")
    extra = draw(st.sampled_from(["", "", "", "\n---\nb: 1", "\n[", "\na: *x", "\n  bad: indent", "\n# comment", "\n..."]))
    return text + extra + "\n"


@given(_yaml_text())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_event_reader_reads_what_the_composer_reads(text):
    def read(fast: bool):
        doc = load.Document("content/calendar/x.yml")
        with patch.object(load, "_FAST", fast):
            load.parse_yaml(text, doc, 2)
        return _shape(doc.data), doc.problems, doc.empty

    assert read(True) == read(False)


def _shape(value):
    """A value with every position it remembers, for comparing two readings."""
    if isinstance(value, load.Mapping):
        return ("map", value.start, [(k, value.key_at[k], value.value_at[k], _shape(v)) for k, v in value.items()])
    if isinstance(value, load.Sequence):
        return ("seq", value.start, [(at, _shape(v)) for at, v in zip(value.item_at, value)])
    return value
