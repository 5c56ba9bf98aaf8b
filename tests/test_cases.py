"""Cases that matter to users: repeats, YAML 1.1 traps, severity configuration, duplicate keys,
files that are broken in ways people really break them, and attachments escaping content/."""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from conftest import VALID, build_plan, run_subprocess
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check

SITE = (VALID / "content" / "site.yml").read_text(encoding="utf-8")
SITE_LINES = SITE.count("\n")


def problems(root: Path) -> list[tuple]:
    return [(p.path, p.line, p.col, p.severity, p.code) for p in check(root).problems]


def codes(root: Path) -> list[str]:
    return [p.code for p in check(root).problems]


# --- a problem in a repeat occurrence stands at the repeat's first line ---------------------

REPEAT_CONFLICT = (
    "posts:\n"
    "  - date: 2026-12-12\n"
    "    time: \"21:00\"\n"
    "    channel: vip-group\n"
    "    playbook: welcome-script\n"
    "    vars: {product: 酱香53度}\n"
    "repeats:\n"
    "  - id: late-tasting\n"          # line 8
    "    every: day\n"
    "    from: 2026-12-11\n"
    "    until: 2026-12-13\n"
    "    time: \"21:00\"\n"
    "    channel: vip-group\n"
    "    playbook: welcome-script\n"
    "    vars: {product: 酱香53度}\n"
)


def test_slot_conflict_of_a_repeat_with_a_written_post(make_plan, run_cli):
    root = make_plan(files={"content/calendar/extra.yml": REPEAT_CONFLICT})
    result = run_cli("check", "--root", str(root))
    rows = [(p["path"], p["line"], p["code"]) for p in result.problems()]
    assert rows == [("content/calendar/extra.yml", 8, "slot-conflict")]
    assert "2026-12-12" in result.problems()[0]["message"]
    assert result.status == 1


def test_slot_conflict_of_a_written_post_with_a_repeat_elsewhere(make_plan):
    # the written post comes later in path order, so it is the one reported, at its own line
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-12\n"
        "    time: \"20:00\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
    )})
    assert problems(root) == [("content/calendar/extra.yml", 2, 5, "error", "slot-conflict")]


def test_outside_campaign_of_a_repeat(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "campaign: winter-tasting\n"
        "repeats:\n"
        "  - id: pre-season\n"             # line 3
        "    every: day\n"
        "    from: 2026-11-29\n"
        "    until: 2026-12-02\n"
        "    time: \"11:00\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
    )})
    found = problems(root)
    assert found, "expected outside-campaign for 2026-11-29 and 2026-11-30"
    assert {(p[0], p[1], p[3], p[4]) for p in found} == {
        ("content/calendar/extra.yml", 3, "warning", "outside-campaign")
    }
    assert check(root).exit_code == 0


def test_quiet_hours_of_a_repeat_reported_once(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "repeats:\n"
        "  - id: midnight\n"
        "    every: day\n"
        "    from: 2026-12-01\n"
        "    until: 2026-12-05\n"
        "    time: \"23:30\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
    )})
    assert problems(root) == [("content/calendar/extra.yml", 6, 11, "error", "quiet-hours")]


def test_quiet_hours_boundaries(make_plan):
    def at(hhmm: str) -> list[str]:
        root = make_plan(files={"content/calendar/extra.yml": (
            "posts:\n"
            f"  - {{date: 2026-12-03, time: \"{hhmm}\", channel: vip-group, playbook: welcome-script, vars: {{product: 酒}}}}\n"
        )})
        return codes(root)

    assert at("08:00") == []
    assert at("21:59") == []
    assert at("22:00") == ["quiet-hours"]
    assert at("00:00") == ["quiet-hours"]
    assert at("07:59") == ["quiet-hours"]


# --- YAML 1.1 traps ---------------------------------------------------------------------------


def test_unquoted_times_and_a_no_id(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
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
    )})
    report = check(root)
    assert report.problems == []
    posts = {p.id: p for p in report.plan.posts}
    assert "no" in posts
    assert posts["no"].time == dt.time(10, 30)
    assert posts["2026-12-04-vip-group-0930"].time == dt.time(9, 30)
    # vars are filled in as written: 1.50 stays 1.50, yes stays yes
    assert "体验价1.50元" in report.plan.message_of(posts["no"])
    assert "本周品鉴yes" in report.plan.message_of(posts["2026-12-04-vip-group-0930"])


def test_repeat_on_weekdays(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "repeats:\n"
        "  - id: twice-weekly\n"
        "    every: week\n"
        "    on: [mon, thu]\n"
        "    from: 2026-12-01\n"
        "    until: 2026-12-14\n"
        "    time: 11:15\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
        "  - id: monthly\n"
        "    every: month\n"
        "    on: [1, 15]\n"
        "    from: 2026-12-01\n"
        "    until: 2026-12-31\n"
        "    time: \"11:45\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: 酱香53度}\n"
    )})
    report = check(root)
    assert report.problems == []
    weekly = sorted(p.date for p in report.plan.posts if p.repeat == "twice-weekly")
    assert weekly == [dt.date(2026, 12, d) for d in (3, 7, 10, 14)]
    assert all(p.time == dt.time(11, 15) for p in report.plan.posts if p.repeat == "twice-weekly")
    monthly = sorted(p.date for p in report.plan.posts if p.repeat == "monthly")
    assert monthly == [dt.date(2026, 12, 1), dt.date(2026, 12, 15)]


def test_valid_fixture_on_sat_reads_as_weekday():
    plan = check(VALID).plan
    saturdays = sorted(p.date for p in plan.posts if p.repeat == "saturday-moments")
    assert saturdays == [dt.date(2026, 12, d) for d in (5, 12, 19, 26)]


def test_bad_time_is_bad_value(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - {date: 2026-12-03, time: 24:00, channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
        "  - {date: 2026-12-32, time: \"10:00\", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
    )})
    found = problems(root)
    assert [(p[1], p[4]) for p in found] == [(2, "bad-value"), (3, "bad-value")]


# --- severity configuration in site.yml rules: -------------------------------------------------


def with_rules(rules: str) -> dict[str, str]:
    return {"content/site.yml": SITE + "rules:\n" + rules}


@pytest.mark.parametrize(
    "fixture, setting, severity, status",
    [
        ("slot-conflict", "{severity: warning}", "warning", 0),  # an error turned into a warning
        ("quiet-hours", "warning", "warning", 0),  # the shorthand
        ("platform-mismatch", "{severity: error}", "error", 1),  # a warning turned into an error
        ("unused-var", "error", "error", 1),  # a warning turned into an error, shorthand
    ],
)
def test_severity_can_be_configured(fixture, setting, severity, status, make_plan, run_cli):
    root = make_plan(fixture, files=with_rules(f"  {fixture}: {setting}\n"))
    result = run_cli("check", "--root", str(root))
    assert [(p["code"], p["severity"]) for p in result.problems()] == [(fixture, severity)]
    assert result.status == status


@pytest.mark.parametrize("setting", ["off", "{severity: off}", '"off"'])
def test_severity_off(setting, make_plan, run_cli):
    root = make_plan("quiet-hours", files=with_rules(f"  quiet-hours: {setting}\n"))
    result = run_cli("check", "--root", str(root))
    assert result.lines == []
    assert result.status == 0


def test_unknown_rule_name_is_unknown_field(make_plan, run_cli):
    root = make_plan(files=with_rules("  slot-conflicts: warning\n"))
    result = run_cli("check", "--root", str(root))
    rows = [(p["path"], p["line"], p["col"], p["severity"], p["code"]) for p in result.problems()]
    assert rows == [("content/site.yml", SITE_LINES + 2, 3, "error", "unknown-field")]
    assert "slot-conflict" in result.problems()[0]["message"]  # did you mean
    assert result.status == 1


def test_unknown_rule_option_is_unknown_field(make_plan):
    root = make_plan(files=with_rules("  banned-word: {extar: [秒杀全网]}\n"))
    assert [(p[0], p[1], p[4]) for p in problems(root)] == [
        ("content/site.yml", SITE_LINES + 2, "unknown-field")
    ]


def test_bad_severity_is_a_problem(make_plan):
    root = make_plan(files=with_rules("  quiet-hours: {severity: loud}\n"))
    found = problems(root)
    assert found and all(p[0] == "content/site.yml" and p[1] == SITE_LINES + 2 for p in found)
    assert check(root).exit_code == 1


def test_bad_severity_is_one_problem_at_the_value(make_plan):
    root = make_plan(files=with_rules("  quiet-hours: {severity: loud}\n"))
    found = check(root).problems
    assert [(p.path, p.line, p.col, p.code) for p in found] == [("content/site.yml", SITE_LINES + 2, 27, "bad-value")]
    assert "loud" in found[0].message
    assert "RuleSetting" not in found[0].message


def test_rule_options_banned_word_extra(make_plan):
    root = make_plan(
        files={
            **with_rules("  banned-word: {severity: error, extra: [秒杀全网]}\n"),
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - {date: 2026-12-03, time: \"20:00\", channel: official, playbook: winter-headline,"
                " headline: 冬季酱酒秒杀全网}\n"
            ),
        }
    )
    assert [(p[0], p[1], p[4]) for p in problems(root)] == [
        ("content/calendar/extra.yml", 2, "banned-word")
    ]


def test_rule_options_duplicate_headline_days(make_plan):
    # valid/ has the headline on 12-02; broken/duplicate-headline repeats it on 12-20 (18 days)
    root = make_plan("duplicate-headline", files=with_rules("  duplicate-headline: {days: 14}\n"))
    assert problems(root) == []


def test_rule_options_per_platform_headline_length(make_plan):
    # valid/ has wechat-article headlines of 20 and 9 characters
    root = make_plan(files=with_rules("  headline-length: {wechat-article: {min: 1, max: 10}}\n"))
    assert [(p[0], p[1], p[4]) for p in problems(root)] == [
        ("content/calendar/2026-12.yml", 17, "headline-length")
    ]


# --- duplicate keys -----------------------------------------------------------------------------


def test_duplicate_key_in_site_yml(make_plan):
    root = make_plan(files={"content/site.yml": SITE.replace("language: zh\n", "language: zh\ntitle: 又一个标题\n")})
    assert problems(root) == [("content/site.yml", 4, 1, "error", "duplicate-key")]


def test_duplicate_key_in_front_matter_is_at_the_file_line(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("title: 初雪借势\n", "title: 初雪借势\nkind: hot-topic\n")
    root = make_plan(files={"playbooks/first-snow.md": text})
    assert problems(root) == [("playbooks/first-snow.md", 4, 1, "error", "duplicate-key")]


def test_duplicate_key_in_campaigns(make_plan):
    root = make_plan(files={"content/campaigns.yml": (
        "- id: winter-tasting\n"
        "  name: 冬季品鉴月\n"
        "  start: 2026-12-01\n"
        "  end: 2026-12-31\n"
        "  end: 2027-01-31\n"
    )})
    assert problems(root) == [("content/campaigns.yml", 5, 3, "error", "duplicate-key")]


# --- files broken the way people break them: problems, never a traceback ------------------------

BAD_FILES = {
    "gbk": ("content/calendar/extra.yml", "posts:\n  - date: 2026-12-03\n    note: 提前备好\n".encode("gbk"), "yaml-syntax", 3),
    "tab": ("content/calendar/extra.yml", "posts:\n\t- date: 2026-12-03\n", "yaml-syntax", 2),
    "empty": ("content/calendar/extra.yml", "", "bad-value", 1),
    "only-comment": ("content/calendar/extra.yml", "# nothing yet\n", "bad-value", 1),
    "list": ("content/calendar/extra.yml", "- date: 2026-12-03\n  time: \"09:00\"\n", "bad-value", 1),
    "alias-bomb": (
        "content/calendar/extra.yml",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
        ),
        "yaml-syntax",
        1,
    ),
    "nul": ("content/calendar/extra.yml", "posts: []\n\x00\n", "yaml-syntax", 2),
    "deep": ("content/calendar/extra.yml", "posts: " + "[" * 5000 + "]" * 5000 + "\n", "yaml-syntax", 1),
    "no-front-matter": ("playbooks/extra.md", "# 没有 front matter\n\n正文\n", "yaml-syntax", 1),
    "unclosed-front-matter": ("playbooks/extra.md", "---\nkind: script\ntitle: 没有结尾\n", "yaml-syntax", 1),
    "front-matter-syntax": ("playbooks/extra.md", "---\nkind: script\ntitle: [没有结尾\n---\n正文\n", "yaml-syntax", 3),  # the end of the unclosed line
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
    assert problems(root) == []


@pytest.mark.parametrize("case", ["gbk", "tab", "empty", "list", "alias-bomb", "deep", "unclosed-front-matter"])
def test_broken_file_no_traceback_subprocess(case, make_plan):
    rel, data, code, line = BAD_FILES[case]
    root = make_plan(files={rel: data})
    result = run_subprocess("check", "--root", str(root), "--format", "json")
    assert result.status == 1, result.err
    assert "Traceback" not in result.err
    rows = json.loads(result.out)
    assert (rel, line, code) in [(r["path"], r["line"], r["code"]) for r in rows]


def test_one_broken_post_does_not_hide_the_others(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - {date: 2026-12-03, time: \"25:00\", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
        "  - {date: 2026-12-04, time: \"23:00\", channel: vip-group, playbook: welcome-script, vars: {product: 酒}}\n"
        "  - {date: 2026-12-05, time: \"10:00\", channel: vip-grop, playbook: welcome-script, vars: {product: 酒}}\n"
    )})
    assert [(p[1], p[4]) for p in problems(root)] == [(2, "bad-value"), (3, "quiet-hours"), (4, "unknown-channel")]


# --- attachments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../../x", "../site.yml", "/etc/passwd", "assets/../../playbooks/first-snow.md"])
def test_attachment_outside_content_is_bad_value(path, make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-06\n"
        "    time: \"12:00\"\n"
        "    channel: moments\n"
        "    playbook: first-snow\n"
        "    topic: {name: 初雪, expires: 2026-12-07}\n"
        f"    attach: [\"{path}\"]\n"
    )})
    found = check(root).problems
    assert [(p.path, p.line, p.col, p.code, p.severity) for p in found] == [
        ("content/calendar/extra.yml", 7, 14, "bad-value", "error")
    ]
    assert "must be a path under content/" in found[0].message


def test_attachment_as_a_single_string(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - {date: 2026-12-06, time: \"12:00\", channel: moments, playbook: first-snow,"
        " topic: {name: 初雪}, attach: assets/tasting.png}\n"
    )})
    assert problems(root) == []


# --- no input, however broken, produces a traceback ------------------------------------------

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


# --- the rules' own docstring examples, and neighbours of them ----------------------------------


def headline_post(headline: str) -> dict[str, str]:
    return {"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"
        "    time: \"20:00\"\n"
        "    channel: official\n"
        "    playbook: winter-headline\n"
        f"    headline: \"{headline}\"\n"
    )}


@pytest.mark.parametrize(
    "headline, code",
    [
        ("本店酱酒全网最低价,品质第一", "banned-word"),
        ("本店酱酒会员价199元,品质有保障", None),
        ("国家级非遗酿造工艺", "banned-word"),
        ("最近天冷,温一壶酒", None),
        ("第一次喝酱酒要注意什么", None),
        ("转发本条到3个群,截图领取红包", "induced-sharing"),
        ("集满30个赞送酒一瓶", "induced-sharing"),
        ("本周六品鉴会,群内报名即可,名额20位", None),
        ("中奖的张先生 13812345678 请联系群主", "personal-data"),
        ("中奖的张先生(尾号5678)请联系群主", None),
        ("身份证 110105199001011232 已登记", "personal-data"),
        ("单号 110105199001011234 已登记", None),  # 18 digits, but the check digit is wrong: not an ID
        ("来信 someone@example.com 领取", "personal-data"),
    ],
)
def test_published_copy_rules(headline, code, make_plan):
    root = make_plan(files=headline_post(headline))
    found = problems(root)
    if code is None:
        assert found == []
    else:
        assert {(p[0], p[1], p[4]) for p in found} == {("content/calendar/extra.yml", 6, code)}


def test_personal_data_in_a_var_value(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"
        "    time: \"09:00\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    vars: {product: \"酱香53度,订酒电话 021-12345678\"}\n"
    )})
    assert [(p[1], p[4]) for p in problems(root)] == [(6, "personal-data")]


def test_titles_are_ad_copy_and_notes_are_checked_for_personal_data(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"
        "    time: \"09:00\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    title: 全网最低价那条\n"
        "    note: 有问题打 13812345678\n"
        "    vars: {product: 酱香53度}\n"
    )})
    assert [(p[1], p[4]) for p in problems(root)] == [(6, "banned-word"), (7, "personal-data")]


def test_undeclared_placeholder_in_a_playbook(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("来店里坐坐。", "来店里坐坐,{{shop}}等你。")
    root = make_plan(files={"playbooks/first-snow.md": text})
    found = problems(root)
    assert ("playbooks/first-snow.md", 11, "missing-var") in [(p[0], p[1], p[4]) for p in found]


def test_declared_but_unused_playbook_var(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    text = text.replace("vars:\n", "vars:\n  shop: 门店名\n")
    root = make_plan(files={"playbooks/first-snow.md": text})
    assert problems(root) == [("playbooks/first-snow.md", 6, 3, "warning", "unused-var")]
    assert check(root).exit_code == 0


def test_variant_out_of_range_is_bad_value(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-03\n"
        "    time: \"09:00\"\n"
        "    channel: vip-group\n"
        "    playbook: welcome-script\n"
        "    variant: 3\n"
        "    vars: {product: 酱香53度}\n"
    )})
    assert problems(root) == [("content/calendar/extra.yml", 6, 14, "error", "bad-value")]


def test_duplicate_channel_id(make_plan):
    site = SITE.replace(
        "people:\n",
        "  - id: moments\n    name: 第二个朋友圈\n    platform: wechat-moments\npeople:\n",
    )
    root = make_plan(files={"content/site.yml": site})
    assert problems(root) == [("content/site.yml", 19, 9, "error", "duplicate-id")]


def test_duplicate_playbook_id(make_plan):
    text = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
    root = make_plan(files={"playbooks/more/first-snow.md": text})
    found = problems(root)
    assert [(p[0], p[4]) for p in found] == [("playbooks/more/first-snow.md", "duplicate-id")]


def test_unknown_owner_of_a_channel_and_a_calendar_file(make_plan):
    site = SITE.replace("    owner: amei\n", "    owner: amay\n")
    root = make_plan(files={
        "content/site.yml": site,
        "content/calendar/extra.yml": "owner: xiaolee\ncampaign: winter\nposts: []\n",
    })
    rows = [(p[0], p[1], p[4]) for p in problems(root)]
    assert rows == [
        ("content/calendar/extra.yml", 1, "unknown-person"),
        ("content/calendar/extra.yml", 2, "unknown-campaign"),
        ("content/site.yml", 18, "unknown-person"),
    ]


def test_cancelled_posts_do_not_conflict_or_expire(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - {date: 2026-12-01, time: \"09:30\", channel: vip-group, playbook: welcome-script,"
        " vars: {product: 酒}, status: cancelled}\n"
        "  - {date: 2026-12-09, time: \"12:00\", channel: moments, playbook: first-snow,"
        " topic: {name: 初雪, expires: 2026-12-07}, status: cancelled}\n"
        "  - {date: 2026-12-03, time: \"23:00\", channel: vip-group, playbook: welcome-script,"
        " vars: {product: 酒}, status: cancelled}\n"
    )})
    assert problems(root) == []


def test_max_per_day_on_the_channel_raises_the_cap(make_plan):
    site = SITE.replace('    quiet_hours: "22:00-08:00"\n', '    quiet_hours: "22:00-08:00"\n    max_per_day: 7\n')
    root = make_plan("too-many-per-day", files={"content/site.yml": site})
    assert problems(root) == []


def test_topic_on_the_expiry_day_is_fine(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - {date: 2026-12-07, time: \"12:00\", channel: moments, playbook: first-snow,"
        " topic: {name: 初雪, expires: 2026-12-07}}\n"
    )})
    assert problems(root) == []


def test_headline_of_exactly_64_characters_is_fine(make_plan):
    root = make_plan(files=headline_post("冬" * 64))
    assert codes(root) == ["headline-api-length"]  # fine in the editor; a warning for publishing tools
    root = make_plan(files=headline_post("冬" * 65))
    assert codes(root) == ["headline-length"]


# --- one mistake, one problem: no misleading follow-ups -----------------------------------------


def test_a_typo_in_a_channel_does_not_make_it_unknown(make_plan):
    site = SITE.replace("    platform: wechat-moments\n", "    platfrom: wechat-moments\n")
    root = make_plan(files={"content/site.yml": site})
    assert {p[4] for p in problems(root)} <= {"unknown-field", "missing-field"}
    assert "unknown-channel" not in codes(root)


def test_a_bad_topic_source_is_not_topic_required(make_plan):
    root = make_plan(files={"content/calendar/extra.yml": (
        "posts:\n"
        "  - date: 2026-12-06\n"
        "    time: \"12:00\"\n"
        "    channel: moments\n"
        "    playbook: first-snow\n"
        "    topic: {name: 初雪, source: not-a-url}\n"
    )})
    assert problems(root) == [("content/calendar/extra.yml", 6, 31, "error", "bad-value")]


# --- files written on Windows -----------------------------------------------------------------


def crlf_plan(dest: Path) -> Path:
    build_plan(dest)
    for path in [*dest.rglob("*.yml"), *dest.rglob("*.md")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return dest


def test_crlf_plan_checks_clean_with_the_same_lines(tmp_path):
    root = crlf_plan(tmp_path / "plan")
    assert problems(root) == []
    (root / "content" / "calendar" / "extra.yml").write_bytes(
        b"posts:\r\n  - date: 2026-12-03\r\n    time: \"23:00\"\r\n    channel: vip-group\r\n"
        b"    playbook: welcome-script\r\n    vars: {product: x}\r\n"
    )
    assert problems(root) == [("content/calendar/extra.yml", 3, 11, "error", "quiet-hours")]


def test_crlf_playbook_message_has_no_carriage_return(tmp_path):
    root = crlf_plan(tmp_path / "plan")
    plan = check(root).plan
    post = next(p for p in plan.posts if p.id == "welcome-dec-01")
    assert plan.message_of(post) == "欢迎新朋友!本周品鉴酱香53度,群内体验价199元。"
