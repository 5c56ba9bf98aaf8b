"""banned-word: absolute terms (广告法第九条) with the 2023 guidance's exceptions."""
from __future__ import annotations

import pytest

from .snippets import CAL, found, say


@pytest.mark.parametrize("text, code", [
    ("全国销量第一的酱酒", "banned-word"),
    ("全网最低价", "banned-word"),
    ("极品好酒", "banned-word"),
    ("品质第一", "banned-word"),
    ("最佳饮用温度是18到20度", None),
    ("开瓶后最佳赏味期是半年", None),
    ("第一步，先闻香", None),
    ("第一次喝酱酒", None),
    ("最近天冷，最后一天报名", None),
    ("本店最受欢迎的一款", None),
])
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", code)] if code else [])


def test_a_bad_template_is_reported_once_at_its_line(problems_of):
    playbook = "---\nkind: script\ntitle: 话术\nvars:\n  text: 正文\n---\n```message\n全网最低价，{{text}}\n```\n"
    calendar = "posts:\n" + say("早上好") + say("晚上好", day="2026-12-04") + say("中午好", day="2026-12-05")
    got = found(problems_of(calendar, playbook=playbook))
    assert got == [("playbooks/say.md", 8, "error", "banned-word")]


def test_headlines_titles_topics_and_campaign_names_are_scanned(problems_of):
    calendar = ("posts:\n  - date: 2026-12-03\n    time: \"20:00\"\n    channel: official\n    playbook: title\n"
                "    headline: 国家级工艺\n    title: 极品推荐\n")
    got = found(problems_of(calendar))
    assert got == [(CAL, 6, "error", "banned-word"), (CAL, 7, "error", "banned-word")]


def test_banned_word_extra_and_allow(problems_of):
    calendar = "posts:\n" + say("秒杀全网，独家供应")
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "banned-word")]  # 独家
    got = found(problems_of(calendar, site_extra="rules:\n  banned-word: {extra: [秒杀全网], allow: [独家]}\n"))
    assert got == [(CAL, 7, "error", "banned-word")]  # now 秒杀全网, not 独家


# Spellings that dodge a plain match (issue 15): the rule reads a folded copy (invisible
# characters out, compatibility forms plain) and reports at the value as written.
@pytest.mark.parametrize("text", [
    "全网\u200b最低价",        # zero-width space inside the term
    "全网最\u200c低价",        # zero-width non-joiner
    "全网最\u200d低价",        # zero-width joiner
    "全网最\u2060低价",        # word joiner
    "全网最\ufeff低价",        # byte-order mark
    "全网最\u00ad低价",        # soft hyphen
    "全网最\u034f低价",        # combining grapheme joiner
    "品质第\u2f00",            # Kangxi radical one (⼀) for 一
    "全国销量Ｎｏ.１",           # full-width letters and digits
    "全网第\u17b4一",            # a Khmer inherent vowel: shows as nothing
    "全网第\u180b一",            # a Mongolian variation selector
    "這款絕對是極品",            # traditional characters (OpenCC t2s)
    "頂級好酒，全網最低價",
])
def test_a_term_spelt_to_dodge_is_still_found(problems_of, text):
    codes = [p[4] for p in problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n")]
    assert "banned-word" in codes


@pytest.mark.parametrize("text", ["最終還是選了這款", "最近天冷，最後一天報名"])
def test_traditional_spellings_of_lawful_words_pass(problems_of, text):
    codes = [p[4] for p in problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n")]
    assert "banned-word" not in codes


# The 2023 guidance's families (issue 16), each with a look-alike that passes.
@pytest.mark.parametrize("text, code", [
    ("开封后最好一个月内喝完", None),                # advice
    ("最好用沸水冲泡", None),
    ("口感全网最好，没有之一", "banned-word"),
    ("最好喝的凤凰单丛", "banned-word"),
    ("每人最多限购两件", None),                      # limits and timing
    ("今天下单最快后天到，最迟周五", None),
    ("第一是观色，第二是闻香", None),                # enumerations
    ("品质第一，服务至上", "banned-word"),           # a ranking before a comma
    ("本店销量第一的还是这款五年陈", None),          # the shop's own range
    ("我们家白茶品质第一", "banned-word"),
    ("选酒最重要的是看工艺", None),                  # argument prose
    ("唯一的缺点是包装难拧开", None),                # plain 唯一 / 绝对
    ("唯一一款24小时不脱妆的粉底液", "banned-word"),
    ("我们绝对不会在群里刷屏", None),
    ("这款奶瓶绝对不胀气", "banned-word"),
    ("答对题最多的三位送分酒器", None),              # a contest's rule
    ("岩茶天花板，懂茶的都知道", "banned-word"),     # other words for the same claim
    ("性价比之王", "banned-word"),
    ("全网第1的吸奶器", "banned-word"),
    ("TOP 1 不解释", "banned-word"),
    ("全网zui低价", "banned-word"),
    ("最　强遮瑕", "banned-word"),                   # an ideographic space after 最
])
def test_the_guidance_families(problems_of, text, code):
    got = [c for *_, c in found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))]
    assert ("banned-word" in got) == bool(code)
