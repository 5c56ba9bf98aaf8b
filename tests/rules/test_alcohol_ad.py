"""alcohol-ad: 广告法第二十三条 for liquor, on with industry: alcohol or when named."""

from __future__ import annotations

import pytest

from generator.rules import alcohol_ad
from generator.rules._folding import fold
from tests.support import CAL, assert_linear, found, say

ALCOHOL = "industry: alcohol\n"

# (text, the family it breaches): a sample of each family, in several wordings.
BREACHES = [
    # minors and students (未成年人保护法 too)
    ("暑假到了，带孩子来店里尝尝新到的桂花米酒", "minors"),
    ("学生党也能喝的低度果酒，毕业聚会必备", "minors"),
    ("这款甜酒酿才3度，小朋友也可以尝一口", "minors"),
    ("中考结束了，让孩子喝一杯庆祝一下", "minors"),
    ("满月宴上给宝宝沾一筷子酒，图个吉利", "minors"),
    ("大学生凭学生证买精酿打八折", "minors"),
    ("十六岁生日，爸爸开了一瓶红酒陪女儿喝", "minors"),
    ("初中生也能喝？能！这款酒精度才2度", "minors"),  # a question answered yes
    ("这款果酒老少皆宜，全家都能喝", "minors"),
    # relief of fatigue, worry, sleeplessness
    ("下班整两口，一天的累全没了", "relief"),
    ("一杯下肚，什么压力都没了", "relief"),
    ("失恋了就来喝两杯，借酒消愁", "relief"),
    ("何以解忧，唯有杜康", "relief"),
    ("每晚睡前来一小杯，睡得特别香", "relief"),
    ("心情不好的时候喝点小酒，烦恼全忘", "relief"),
    ("再大的烦恼，一壶老酒都能化开", "relief"),
    ("睡不着就来一杯，比安眠药管用", "relief"),
    ("喝一杯解乏", "relief"),
    ("生活太难，就来一口！什么不开心都没了", "relief"),  # the drinking is in the sentence before
    ("解乏神器！好喝的米酒，下班来一杯", "relief"),  # a headline fragment, then the drinking
    ("难过的时候别憋着，喝一杯就好了", "relief"),
    # effects on the body
    ("每天一小杯酱酒，养胃又护肝", "health"),
    ("老酒友都知道，喝酱酒不伤肝", "health"),
    ("冬至喝黄酒驱寒暖胃", "health"),
    ("天冷了来一口，浑身上下都暖和了", "health"),
    ("纯粮酒越喝越健康", "health"),
    ("这款人参酒延年益寿，送长辈正合适", "health"),
    ("红酒软化血管，中老年人每天喝点好处多", "health"),
    ("每晚一杯葡萄酒，皮肤越来越好", "health"),
    ("适量饮用红酒能降血压、护心脏", "health"),
    ("喝点酒，感冒好得快", "health"),
    ("应酬多的老板都爱这款，喝多了第二天也不难受", "urging"),
    # urging, and pressure to drink
    ("今晚不醉不归", "urging"),
    ("今晚不喝不是兄弟，整箱搬上桌", "urging"),
    ("酒量都是练出来的", "urging"),
    ("酒是粮食精，越喝越年轻", "urging"),
    ("感情深一口闷，今晚谁也别想躲", "urging"),
    ("好酒喝多少都不上头，放开了喝", "urging"),
    ("来，干了！谁不干谁买单", "urging"),
    ("兄弟情深，一口干了这杯", "urging"),
    ("干杯！", "urging"),
    ("会喝的多喝，不会喝的也得喝一杯", "urging"),
    ("今晚的局，不喝趴一个不许散", "urging"),
    ("喝起来！今晚群里拼酒", "urging"),
    ("兄弟们，今天不把这箱喝完谁也不许走", "urging"),  # pressure, whatever 不 stands before it
    ("男人不喝酒，白在世上走", "urging"),
    ("喝酒拍视频，奖励代言人", "urging"),
    # drinking with driving
    ("喝完这杯再开车回家", "driving"),
    ("开车来喝也没事，两小杯不影响", "driving"),
    ("喝两杯再上路", "driving"),
    ("自驾游带上这款冰啤，边开边喝", "driving"),
    ("骑电瓶车来的也能喝两杯，没事", "driving"),
    ("喝完酒开车？没事，一瓶啤酒散得快", "driving"),  # a question answered yes
    ("开车来的也没事，咱这是低度酒", "driving"),
]

LAWFUL = [
    # negations, myth-busting, warnings
    "别靠喝酒解压，心里有事找朋友聊聊",
    "白酒不是保健品，身体不舒服请去医院",
    "喝酒能暖身？千万别信，酒精反而让身体散热更快",
    "黄酒养胃是个误区，胃不好的朋友请少喝",
    "适量饮酒，理性饮酒，本店从不劝酒",
    "未成年人请勿饮酒，本店不向未成年人售酒",
    "借酒消愁愁更愁，心情不好还是早点休息",
    "喝酒并不能解乏，累了就好好睡一觉",
    "有人说喝酱酒不伤肝，这话不靠谱",
    "喝之前先闻香，再小口品，别一口干了",
    "很多人以为喝酒能解乏，其实越喝越累",
    # effect words where nobody drinks liquor
    "这款紫砂酒具很暖手，冬天拿着舒服",
    "冬天泡脚驱寒，睡前泡二十分钟",
    "这款礼盒很有面子，送长辈体面",
    "买两箱送保温杯，冬天喝热水暖胃",
    "店里新到一批养生茶具，买酒满千元可加购",
    "提神的咖啡我们也有，不喝酒的朋友可以点",
    "祝大家新年快乐，身体健康，万事如意",
    "冬季养生：少喝酒、多喝水、早点睡",
    "这款酒的香气很提神，是那种清新的果香",
    "喝酒解不了愁，有事找人说说",
    "喝酒后身上发热，其实是血管扩张，热量在流失",
    # children and students where nobody offers them liquor
    "孩子的升学宴用酒，可以找我们定制酒标",
    "带孩子来品鉴会的家长，孩子可以在休息区喝果汁",
    "春节家宴，大人小酌两杯，孩子们喝饮料",
    "大年初一，来店里喝一杯",
    "学生时代喝的第一瓶啤酒，你还记得吗",
    "孩子们在门口玩，大人们在里面品酒",
    "本店所有酒品不向18岁以下人群出售",
    # storage and tasting advice
    "开瓶后醒酒十分钟，香气更舒展",
    "小口慢慢品",
    "干杯之前先吃点东西垫垫肚子",
    "这款米酒喝起来甜丝丝的，度数只有8度",
    "干白配海鲜，干红配牛排",
    "干货来了：三招教你辨别真假酱酒",
    "满上一小杯，慢慢品",
    "酒桌上有人劝酒，可以直接说不能喝",
    "干了这么多年酒行，我们只卖纯粮酒",
    "不醉不归的年代过去了，现在讲究微醺",
    "喝完的空瓶送回店里可以换购",
    # driving safety
    "喝酒不开车，叫代驾",
    "喝酒不开车，开车不喝酒",
    "品鉴会结束后，我们统一帮大家叫代驾",
    "开车来提酒的话，店门口有两个车位",
    "酒后请勿驾车，平安到家比什么都重要",
    "满上之前先问一句：今天谁开车？开车的换茶",
    "喝了两杯，打开车窗兜兜风",
    "自驾游的朋友，可以把酒带回去再喝",
    "喝完酒能开车吗？放心，我们有代驾",
    "驾驶员朋友今天喝的是无醇啤酒",
]


def alcohol_problems(problems_of, text):
    return problems_of("posts:\n" + say(text), site_extra=ALCOHOL)


@pytest.mark.parametrize("text, family", BREACHES)
def test_a_breach_is_found_with_its_family(problems_of, text, family):
    problems = alcohol_problems(problems_of, text)
    assert problems and set(found(problems)) == {(CAL, 7, "error", "alcohol-ad")}
    assert family in {found_family for found_family, _, _ in alcohol_ad.findings(fold(text)[0])}
    assert any(alcohol_ad.message(family, "") in p[5] for p in problems)  # what, the law, what instead


@pytest.mark.parametrize("text", LAWFUL)
def test_lawful_copy_passes(problems_of, text):
    assert found(alcohol_problems(problems_of, text)) == []


def test_the_rules_page_examples_do_what_they_say():
    doc = alcohol_ad.__doc__
    failing = doc.split("Failing::")[1].split("Passing::")[0]
    passing = doc.split("Passing::")[1].split("Options")[0]
    for line in filter(None, map(str.strip, failing.splitlines())):
        assert list(alcohol_ad.findings(line)), line
    for line in filter(None, map(str.strip, passing.splitlines())):
        assert not list(alcohol_ad.findings(line)), line


def test_alcohol_ad_is_off_without_the_industry_and_on_when_named(problems_of):
    calendar = "posts:\n" + say("今晚不醉不归")
    assert found(problems_of(calendar)) == []
    assert found(problems_of(calendar, site_extra="rules:\n  alcohol-ad: warning\n")) == [(CAL, 7, "warning", "alcohol-ad")]
    assert found(problems_of(calendar, site_extra=ALCOHOL + "rules:\n  alcohol-ad: {enabled: false}\n")) == []


def test_a_finding_cites_the_law_shows_context_and_a_rewrite(problems_of):
    (problem,) = alcohol_problems(problems_of, "周末来店里，今晚不醉不归，名额有限")
    assert "【不醉不归】" in problem[5] and "今晚" in problem[5]
    assert "广告法第二十三条" in problem[5] and "instead: " in problem[5] and "慢慢品" in problem[5]


def test_a_finding_about_minors_cites_the_minors_law(problems_of):
    (problem,) = alcohol_problems(problems_of, "这款甜酒酿才3度，小朋友也可以尝一口")
    assert "广告法第二十三条" in problem[5] and "未成年人保护法" in problem[5] and "【小朋友也可以尝】" in problem[5]


def test_every_message_comes_from_the_one_table():
    for family, (what, law, instead) in alcohol_ad.FAMILIES.items():
        assert alcohol_ad.message(family, "【x】") == f"【x】: {what} ({law}); instead: {instead}"


def test_one_finding_per_family_and_sentence(problems_of):
    problems = alcohol_problems(problems_of, "今晚不醉不归，一醉方休！喝一杯解乏，也能解压。")
    assert len(problems) == 2
    assert alcohol_ad.FAMILIES["urging"][0] in problems[0][5] + problems[1][5]
    assert alcohol_ad.FAMILIES["relief"][0] in problems[0][5] + problems[1][5]


PLAYBOOK_WITH_TEXT = """---
kind: script
title: 周末品鉴
vars:
  text: 正文
---
周末群发。

```message
周六晚七点老地方见，先吃菜再慢慢品。
三五好友一起来，今晚不醉不归！
{{text}}
```
"""


def test_a_finding_inside_a_longer_text_is_reported_at_its_line_and_column(problems_of):
    problems = problems_of("posts:\n" + say("早上好"), site_extra=ALCOHOL, playbook=PLAYBOOK_WITH_TEXT)
    assert [(p[0], p[1], p[2], p[4]) for p in problems] == [("playbooks/say.md", 11, 11, "alcohol-ad")]
    assert "【不醉不归】" in problems[0][5]


def test_a_finding_in_a_value_is_reported_at_the_value(problems_of):
    problems = problems_of("posts:\n" + say("周末来店里坐坐，喝完这杯再开车回家"), site_extra=ALCOHOL)
    assert [(p[0], p[1], p[4]) for p in problems] == [(CAL, 7, "alcohol-ad")]
    assert "【开车】" in problems[0][5]


def test_findings_give_family_and_span():
    text = "周六品鉴会。今晚不醉不归，喝完开车也没事。"
    got = [(family, text[start:end]) for family, start, end in alcohol_ad.findings(text)]
    assert got == [("urging", "不醉不归"), ("driving", "开车")]


# Runs that once made a pattern backtrack; bench/hostile_bench.py measures them too.
HOSTILE_UNITS = [
    "孩子",
    "不干杯",
    "累",
    "解乏。",
    "不喝",
    "学生买",
    "开车喝",
    "烦恼",
    "第二天",
    "喝不解乏，",
    "心情",
    "浑身",
    "泡脚驱寒",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_input_is_checked_in_linear_work(unit):
    assert_linear(alcohol_ad.findings, unit)
