"""YAML that does not parse: the problem stands on the line to fix and says what to do.

PyYAML reports where it gave up, which is often a line or more below the mistake (a key that
runs into its value, an unclosed quote or bracket); load.py finds the line to fix. And a file
that defines channels, people, campaigns or playbooks and did not load is reported once: the
references to what it defines are not reported as unknown as well."""

from __future__ import annotations

import string

import pytest

from generator.check import check
from generator.load import SYNTAX_MESSAGES
from tests.support import VALID

SITE = (VALID / "content" / "site.yml").read_text(encoding="utf-8")
CAMPAIGNS = (VALID / "content" / "campaigns.yml").read_text(encoding="utf-8")
FIRST_SNOW = (VALID / "playbooks" / "first-snow.md").read_text(encoding="utf-8")
CALENDAR = "content/calendar/extra.yml"

POST = (
    "posts:\n"
    "  - date: 2026-12-03\n"  # 2
    '    time: "09:00"\n'  # 3
    "    channel: vip-group\n"  # 4
    "    playbook: welcome-script\n"  # 5
    "    vars: {product: 酱香53度}\n"  # 6
)


def swap(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# case: (file, its text, line, col, words of the message that say what to do)
CASES = {
    # --- a key indented one space less or more than its siblings inside a list item
    "site-key-one-less": (
        "content/site.yml",
        swap(SITE, "    platform: wechat-moments", "   platform: wechat-moments"),
        13,
        4,
        "line it up with 'name:'",
    ),
    "site-key-one-more": (
        "content/site.yml",
        swap(SITE, "    platform: wechat-moments", "     platform: wechat-moments"),
        13,
        6,
        "line it up with 'name:'",
    ),
    "post-key-one-less": (CALENDAR, swap(POST, "    channel:", "   channel:"), 4, 4, "line it up with 'time:'"),
    "post-key-one-more": (CALENDAR, swap(POST, "    channel:", "     channel:"), 4, 6, "line it up with 'time:'"),
    "post-first-key-more": (CALENDAR, swap(POST, "    time:", "     time:"), 3, 6, "line it up with 'date:'"),
    "campaign-key-one-less": ("content/campaigns.yml", swap(CAMPAIGNS, "  start:", " start:"), 3, 2, "line it up with 'name:'"),
    "campaign-key-one-more": ("content/campaigns.yml", swap(CAMPAIGNS, "  start:", "   start:"), 3, 4, "line it up with 'name:'"),
    "site-top-key-indented": ("content/site.yml", swap(SITE, "timezone:", " timezone:"), 2, 2, "line it up with 'title:'"),
    "site-top-key-one-less": ("content/site.yml", swap(SITE, "people:", " people:"), 19, 2, "line it up with 'channels:'"),
    "topic-key-one-less": (
        CALENDAR,
        POST + "    topic:\n      name: 初雪\n     expires: 2026-12-07\n",
        9,
        6,
        "line it up with 'name:'",
    ),
    # --- a key under a post dedented to the list's '-'
    "post-key-at-dash": (
        CALENDAR,
        swap(POST, "    channel:", "  channel:"),
        4,
        3,
        "move it to column 5 to belong to the item above (like 'time:'), or to column 1",
    ),
    "site-key-at-dash": (
        "content/site.yml",
        swap(SITE, "people:", "  people:"),
        19,
        3,
        "move it to column 5 to belong to the item above (like 'owner:'), or to column 1 to stand beside 'channels:'",
    ),
    "campaign-key-at-dash": (
        "content/campaigns.yml",
        swap(CAMPAIGNS, "  start:", "start:"),
        3,
        1,
        "move it to column 3 to belong to the item above (like 'name:'), or write '- start:'",
    ),
    # --- a list item's '-' mis-aligned
    "post-dash-one-less": (
        CALENDAR,
        POST + ' - date: 2026-12-04\n   time: "10:00"\n',
        7,
        2,
        "the '-' of the list items above at column 3: line it up",
    ),
    "post-dash-one-more": (
        CALENDAR,
        POST + '   - date: 2026-12-04\n     time: "10:00"\n',
        7,
        4,
        "the '-' of the list items above at column 3: line it up",
    ),
    "post-dash-at-key": (CALENDAR, POST + "    - date: 2026-12-04\n", 7, 5, "line it up"),
    "people-dash-one-more": (
        "content/site.yml",
        swap(SITE, "  - {id: amei", "   - {id: amei"),
        21,
        4,
        "the '-' of the list items above at column 3",
    ),
    # --- a value that goes on to the next line
    "continuation-at-key": (
        CALENDAR,
        swap(POST, "    vars:", "    note: 提前备好\n    红包封面\n    vars:"),
        7,
        5,
        "join it to that line",
    ),
    "continuation-left-of-key": (
        CALENDAR,
        swap(POST, "    vars:", "    note: 提前备好\n   红包封面\n    vars:"),
        7,
        4,
        "join it to that line or indent it further",
    ),
    "colon-in-value": (
        CALENDAR,
        swap(POST, "    vars:", "    note: 提醒: 明天带酒\n    vars:"),
        6,
        13,
        "put the whole value in quotes",
    ),
    # --- no space after ':' (YAML reads `time:09:00` as text: the error shows on the next line)
    "no-space-time": (CALENDAR, swap(POST, 'time: "09:00"', "time:09:00"), 3, 9, "write 'time: 09:00'"),
    "no-space-last-key": (CALENDAR, POST + "    note:提前备好\n", 7, 9, "write 'note: 提前备好'"),
    "no-space-first-key": (CALENDAR, swap(POST, "date: 2026-12-03", "date:2026-12-03"), 2, 9, "write 'date: 2026-12-03'"),
    "no-space-site-top": ("content/site.yml", swap(SITE, "title: ", "title:"), 1, 6, "write 'title: 汤家老坊"),
    "no-space-after-dash": (CALENDAR, swap(POST, "  - date:", "  -date:"), 2, 3, "write '- date:'"),
    # --- an unclosed quote or bracket: reported where it opens
    "unclosed-double-quote": (CALENDAR, swap(POST, '"09:00"', '"09:00'), 3, 11, 'add a closing " at the end of the value'),
    "unclosed-single-quote-late": (
        CALENDAR,
        swap(POST, '"09:00"', "'09:00") + POST.replace("posts:\n", "").replace('"09:00"', "'10:00'"),
        3,
        11,
        "closed only on line 8",
    ),
    "unclosed-quote-closed-by-the-next": (
        CALENDAR,
        swap(POST, "    vars:", '    title: "新人欢迎\n    note: "备好"\n    vars:'),
        6,
        12,
        "closed only on line 7",
    ),
    "unclosed-brace": (
        CALENDAR,
        swap(POST, "酱香53度}", "酱香53度") + "  - date: 2026-12-04\n",
        6,
        11,
        "add '}' at the end of the value",
    ),
    "unclosed-brace-at-end": (CALENDAR, swap(POST, "酱香53度}", "酱香53度"), 6, 11, "add '}' at the end of the value"),
    "unclosed-bracket": (
        CALENDAR,
        swap(POST, "    vars:", "    attach: [assets/tasting.png\n    vars:"),
        6,
        13,
        "add ']' at the end of the value",
    ),
    "unclosed-brace-people": (
        "content/site.yml",
        swap(SITE, "name: 小李, role: 群主}", "name: 小李, role: 群主"),
        20,
        5,
        "add '}' at the end of the value",
    ),
    "missing-comma": (
        CALENDAR,
        swap(POST, "{product: 酱香53度}", "{product: 酱香53度 price: 199}"),
        6,
        32,
        "separate the entries",
    ),
    "text-after-quote": (CALENDAR, swap(POST, '"09:00"', '"09:00" 开始'), 3, 19, "put the whole value inside the quotes"),
    "text-after-bracket": (CALENDAR, swap(POST, "酱香53度}", "酱香53度}}"), 6, 27, "remove it"),
    # --- a stray tab
    "tab-indent": (CALENDAR, swap(POST, "    channel:", "\tchannel:"), 4, 1, "replace the tab with spaces"),
    "tab-after-spaces": (CALENDAR, swap(POST, "    channel:", "    \tchannel:"), 4, 5, "replace the tab with spaces"),
    "tab-after-dash": (CALENDAR, swap(POST, "  - date:", "  -\tdate:"), 2, 4, "replace the tab with spaces"),
    "tab-in-campaigns": ("content/campaigns.yml", swap(CAMPAIGNS, "  start:", "\tstart:"), 3, 1, "replace the tab"),
    # --- neighbours
    "value-starts-with-at": (
        CALENDAR,
        swap(POST, "    vars:", "    note: @小李 备酒\n    vars:"),
        6,
        11,
        "put the whole value in quotes",
    ),
    "unknown-escape": (
        CALENDAR,
        swap(POST, "    vars:", '    note: "C:\\新建"\n    vars:'),
        6,
        14,
        "write '\\\\' for a backslash",
    ),
    # --- front matter: lines are the file's
    "front-matter-key-one-less": (
        "playbooks/first-snow.md",
        swap(FIRST_SNOW, "  scene:", "   scene:\n  other: x"),
        7,
        3,
        "line it up with 'scene:'",
    ),
    "front-matter-no-space": (
        "playbooks/first-snow.md",
        swap(FIRST_SNOW, "title: 初雪借势", "title:初雪借势"),
        3,
        6,
        "write 'title: 初雪借势'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_yaml_error_names_the_line_to_fix(case, make_plan):
    rel, text, line, col, what_to_do = CASES[case]
    root = make_plan(files={rel: text})
    found = [p for p in check(root).problems if p.code == "yaml-syntax"]
    assert [(p.path, p.line, p.col) for p in found] == [(rel, line, col)], [p.message for p in found]
    message = found[0].message
    assert message.startswith("YAML does not parse: ")
    assert what_to_do in message


def test_the_fixture_of_the_code_is_one_of_the_family(make_plan):
    # broken/yaml-syntax/: a post's key one space left of its siblings
    (problem,) = check(make_plan("yaml-syntax")).problems
    assert (problem.line, problem.col) == (4, 4)
    assert problem.message.endswith("'channel:' starts at column 4, but 'time:' above it at column 5: line it up with 'time:'")


def test_anything_else_keeps_pyyamls_words_where_it_stopped(make_plan):
    root = make_plan(files={CALENDAR: "posts: *nowhere\n"})
    (problem,) = check(root).problems
    assert (problem.line, problem.col, problem.code) == (1, 8, "yaml-syntax")
    assert problem.message == "YAML does not parse: found undefined alias"


def test_messages_are_one_table_with_named_values():
    # the table moves into the message catalogue as it is: each value has a name
    for kind, template in SYNTAX_MESSAGES.items():
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        assert all(name.isidentifier() for name in names), kind


def test_a_broken_line_far_below_a_long_plan_is_found(make_plan):
    posts = POST + "".join(POST.replace("posts:\n", "").replace("2026-12-03", f"2026-12-{d:02}") for d in range(4, 29))
    text = posts + '  - date: 2026-12-30\n    time: "09:00"\n   channel: vip-group\n'
    root = make_plan(files={CALENDAR: text})
    (problem,) = check(root).problems
    assert (problem.line, problem.col) == (text.count("\n"), 4)


# --- a file that did not load: its problem, and not the references to what it defines ----


def problems(root) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in check(root).problems]


def test_broken_site_yml_is_one_problem_not_every_channel_and_owner(make_plan):
    root = make_plan(files={"content/site.yml": swap(SITE, "    platform: wechat-moments", "   platform: wechat-moments")})
    assert problems(root) == [("content/site.yml", 13, "yaml-syntax")]


def test_channels_and_people_that_are_not_lists_are_not_unknown_at_each_post(make_plan):
    site = SITE.split("channels:")[0] + "channels: vip-group\npeople: xiaoli\n"
    root = make_plan(files={"content/site.yml": site})
    assert problems(root) == [("content/site.yml", 5, "bad-value"), ("content/site.yml", 6, "bad-value")]


def test_people_not_a_list_leaves_channels_checked(make_plan):
    site = SITE.split("people:")[0] + "people: xiaoli\n"
    root = make_plan(
        files={
            "content/site.yml": site,
            CALENDAR: swap(POST, "channel: vip-group", "channel: vip-grop"),
        }
    )
    assert problems(root) == [(CALENDAR, 4, "unknown-channel"), ("content/site.yml", 19, "bad-value")]


def test_broken_campaigns_yml_does_not_make_the_campaign_unknown(make_plan):
    root = make_plan(files={"content/campaigns.yml": swap(CAMPAIGNS, "  name: 冬季品鉴月", '  name: "冬季品鉴月')})
    codes = [p[2] for p in problems(root)]
    assert codes.count("yaml-syntax") == 1
    assert "unknown-campaign" not in codes


def test_campaigns_that_are_not_a_list_do_not_make_the_campaign_unknown(make_plan):
    root = make_plan(files={"content/campaigns.yml": "winter-tasting: {start: 2026-12-01}\n"})
    assert "unknown-campaign" not in [p[2] for p in problems(root)]


def test_an_empty_campaigns_yml_still_leaves_campaigns_unknown(make_plan):
    # an empty file means "no campaigns": a post that names one names one that is not there
    root = make_plan(files={"content/campaigns.yml": ""})
    assert ("content/calendar/2026-12.yml", 1, "unknown-campaign") in problems(root)


def test_broken_playbook_front_matter_does_not_make_its_posts_unknown(make_plan):
    root = make_plan(files={"playbooks/first-snow.md": swap(FIRST_SNOW, "title: 初雪借势", "title:初雪借势")})
    assert problems(root) == [("playbooks/first-snow.md", 3, "yaml-syntax")]


def test_a_typo_is_still_unknown_when_everything_loads(make_plan):
    root = make_plan(
        files={
            CALENDAR: swap(
                swap(POST, "channel: vip-group", "channel: vip-grop"), "playbook: welcome-script", "playbook: welcom-script"
            )
        }
    )
    assert problems(root) == [(CALENDAR, 4, "unknown-channel"), (CALENDAR, 5, "unknown-playbook")]
