"""banned-word: absolute terms that China's Advertising Law forbids, and the plan's own list.

Why: 《中华人民共和国广告法》(2021修正) 第九条第(三)项 forbids "国家级"、"最高级"、"最佳" and
similar terms in advertising; 第五十七条 fines 20万 to 100万元. 市场监管总局《关于广告中使用
绝对化用语的执法指南》(2023) sets what is not a breach, and this rule lets those pass:
usage and storage advice (最佳饮用温度, 最佳赏味期), steps and ordinals (第一步, 第一次),
time words (最近, 最后一天, 最早), and a shop's comparison of its own products (本店最受欢迎的
一款). Scanned: every message as sent, headlines, titles, topic and campaign names.

Failing::

    本店酱酒全网最低价,品质第一

Passing::

    最佳饮用温度是 18–20℃；第一步，先闻香

Options in site.yml::

    rules:
      banned-word: {extra: [秒杀全网], allow: [独家]}
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..model import Plan
from ._helpers import published_texts

ID = "banned-word"
SEVERITY = "error"
LAW = "广告法第九条第三项 (fines of 20万–100万元, art. 57)"

TERMS = (
    "国家级", "世界级", "全球级", "宇宙级", "最高级", "顶级", "顶尖", "极品", "唯一", "独一无二",
    "绝无仅有", "史无前例", "空前绝后", "万能", "百分之百", "100%", "绝对", "永久", "首个",
    "首选", "首家", "全网第一", "销量冠军", "销量第一", "领导品牌", "领袖品牌", "遥遥领先",
    "无敌", "王牌", "独家", "No.1", "NO.1", "TOP1", "Top1", "best", "number one",
)
# What to write instead, where there is a usual rewrite.
REWRITES = {
    "最": "say what is true and checkable (e.g. 店里回购多的一款)",
    "第一": "give a checkable figure with its source (e.g. 2025 年本店销量前三), or drop the ranking",
    "国家级": "name the actual certificate or award, or drop it",
    "顶级": "优质 / 上乘", "顶尖": "优质 / 上乘", "极品": "上乘 / 精选", "唯一": "少有的",
    "首选": "推荐", "独家": "本店专供 (only if true)", "绝对": "drop it", "100%": "state the real share and who measured it",
    "百分之百": "state the real share and who measured it", "永久": "state the real period",
}
# 最 + anything but time words (最近 recently, 最后 last, 最终, 最初, 最早, 最晚) and usage or
# storage advice (最佳饮用温度, 最佳赏味期 …), which the 2023 guidance allows.
_ADVICE = r"(?:饮用|赏味|品鉴|品尝|保存|储存|存放|食用|醒酒|开瓶|冷藏|温度)"
_MOST = r"最(?![近后终初早晚])(?!佳" + _ADVICE + r")\S"
# 第一 as a ranking, not 第一次 / 第一步 / 第一天 … or an enumeration (第一, …)
_FIRST = r"第一(?![次步天期周轮场届季章节课批时个条点件杯口位眼年顿回遍份手站波项部段月日晚瓶篇张页幕集封道种，,、:：;；\s])"
# A shop comparing its own products: 本店最受欢迎的, 我们家卖得最好的 …
_OWN = re.compile(r"(?:本店|我们店里?|我们家|我家|店里|自家|本品牌)(?:的|里|中|卖得|今年)?$")

Term = Annotated[str, Field(max_length=40)]


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    extra: list[Term] = Field(default=[], max_length=500)
    allow: list[Term] = Field(default=[], max_length=500)


def _pattern(options: Options) -> re.Pattern:
    allow = set(options.allow)
    terms = [t for t in (*TERMS, *options.extra) if t and t not in allow]
    parts = [_trie(terms)] if terms else []
    if "最" not in allow:
        parts.append(_MOST)
    if "第一" not in allow:
        parts.append(_FIRST)
    return re.compile("|".join(parts), re.IGNORECASE)


def _trie(terms: list[str]) -> str:
    """One pattern for many literal terms, shaped as a trie (`国家级|国际` → `国(?:家级|际)`): at
    each place in a text at most one branch goes on, so matching costs the length of the
    longest term, not the sum of all terms. Longer terms win, as in a longest-first alternation."""
    tree: dict = {}
    for term in {t.lower() for t in terms}:
        node = tree
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a term ends here; a longer one may go on
        return "(?:" + body + ")?"
    return body


def check(plan: Plan, options: Options) -> Iterator[tuple]:
    pattern = _pattern(options)
    for published in published_texts(plan):
        text = published.text
        for match in pattern.finditer(text):
            term = match.group(0)
            if term.startswith("最") and _OWN.search(text[max(0, match.start() - 12):match.start()]):
                continue  # the shop's own range, compared with itself
            found = published.locate(match.start(), match.end())
            if found is None:
                continue
            where, owner = found
            key = "最" if term.startswith("最") else ("第一" if term.startswith("第一") else term)
            rewrite = REWRITES.get(key) or REWRITES.get(term.lower(), "say what is true and checkable instead")
            yield where, (f"{published.context(match.start(), match.end())}: '{term}' is an absolute term "
                          f"({LAW}); {rewrite}"), owner
