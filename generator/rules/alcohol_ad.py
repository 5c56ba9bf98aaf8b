"""alcohol-ad: liquor copy that urges drinking, claims a health effect, or pairs drinking with
driving.

Why: 《中华人民共和国广告法》 第二十三条: a liquor advertisement must not (一) induce or egg on
drinking or promote drinking without restraint, (二) show drinking, (三) show driving a car,
ship or plane, (四) state or imply that drinking relieves tension or anxiety, adds strength,
or has other effects. Fines under 第五十八条. On when `site.yml` says `industry: alcohol`, or
when `rules:` names the rule. Scanned: every message as sent, headlines, titles, topic and
campaign names.

Failing::

    今晚不醉不归，喝一杯解乏驱寒
    喝完这杯再开车回家

Passing::

    小口慢慢品，喝酒不开车，回家叫代驾

Options in site.yml::

    rules:
      alcohol-ad: {severity: error}   # on for a plan without `industry: alcohol`
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ..model import Plan
from ._helpers import published_texts

ID = "alcohol-ad"
SEVERITY = "error"
LAW = "广告法第二十三条"

URGING = {
    "干杯": "举杯 / 小酌", "一醉方休": "尽兴就好", "不醉不归": "慢慢聊", "喝个痛快": "慢慢品",
    "痛饮": "品尝", "畅饮": "品尝", "豪饮": "品尝", "一饮而尽": "小口品", "一口闷": "小口品",
    "干了这杯": "尝一尝", "再来一杯": "慢慢品", "多喝几杯": "尝一尝", "喝到尽兴": "聊到尽兴",
    "满上": "倒上一点", "走一个": "尝一口", "喝起来": "品起来", "续杯": "慢慢品",
}
EFFECTS = {
    "解乏": "a scene instead (下班后的一小杯)", "解压": "a scene instead", "减压": "a scene instead",
    "助眠": "drop it", "安眠": "drop it", "驱寒": "天冷了，约朋友围炉", "暖身": "天冷了，约朋友围炉",
    "暖胃": "drop it", "养生": "drop it", "壮阳": "drop it", "补肾": "drop it", "活血": "drop it",
    "延年益寿": "drop it", "强身": "drop it", "健体": "drop it", "提神": "drop it",
    "消除疲劳": "drop it", "缓解疲劳": "drop it", "缓解压力": "drop it", "缓解紧张": "drop it",
    "缓解焦虑": "drop it", "增加体力": "drop it", "有益健康": "drop it", "保健": "drop it",
    "养胃": "drop it", "降血压": "drop it", "降血脂": "drop it", "治病": "drop it",
}
_URGING = re.compile("|".join(sorted(map(re.escape, URGING), key=len, reverse=True)))
_EFFECT = re.compile("|".join(sorted(map(re.escape, EFFECTS), key=len, reverse=True)))
_DRIVE = re.compile(r"开车|驾车|自驾|驾驶|开回家|开回去|握方向盘")
_DRINK = re.compile(r"喝|饮|酒|干杯|小酌")
# Saying not to drive after drinking is the responsible message, not the breach.
_SAFE = re.compile(r"代驾|不开车|别开车|勿酒驾|不要酒驾|禁止酒驾|酒后不驾|酒驾|不驾车|开车不喝|不喝酒")
_SENTENCE = re.compile(r"[^。！？!?\n]+")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool | None = None  # default: on when site.yml says `industry: alcohol`


def enabled(plan: Plan, options: Options) -> bool:
    on = options.enabled
    if on is None:
        return bool(plan.site and plan.site.industry == "alcohol")
    return bool(on)


def check(plan: Plan, options: Options) -> Iterator[tuple]:
    if not enabled(plan, options):
        return
    for published in published_texts(plan):
        text = published.text
        for pattern, table, what in ((_URGING, URGING, "urges drinking or drinking without restraint"),
                                     (_EFFECT, EFFECTS, "claims drinking has an effect on body or mind")):
            for match in pattern.finditer(text):
                found = published.locate(match.start(), match.end())
                if found is not None:
                    yield found[0], (f"{published.context(match.start(), match.end())}: {what} ({LAW}); "
                                     f"instead: {table[match.group(0)]}"), found[1]
        if _SAFE.search(text):
            continue  # the text says not to drive after drinking: the responsible message
        for sentence in _SENTENCE.finditer(text):
            words = sentence.group(0)
            drive = _DRIVE.search(words)
            if drive and _DRINK.search(words):
                start, end = sentence.start() + drive.start(), sentence.start() + drive.end()
                found = published.locate(sentence.start(), sentence.end())
                if found is not None:
                    yield found[0], (f"{published.context(start, end)}: shows drinking together with driving ({LAW}); "
                                     "say 喝酒不开车 / 叫代驾 or leave driving out"), found[1]
