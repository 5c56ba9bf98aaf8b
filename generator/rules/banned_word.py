"""banned-word: absolute terms that China's Advertising Law forbids, and the plan's own list.

《中华人民共和国广告法》(2021修正) 第九条第(三)项: an advertisement must not use
"国家级"、"最高级"、"最佳" and similar terms; 第五十七条 sets fines of 20-100万元. SAMR's
guidance on absolute terms (市场监管总局《关于广告中使用绝对化用语的执法指南》, 2023)
lists the usual forms checked here. Common words that only look absolute (最近, 最后,
第一次, 第一时间 …) are not flagged.

Failing::

    本店酱酒全网最低价,品质第一

Passing::

    本店酱酒会员价199元,品质有保障

Options in site.yml::

    rules:
      banned-word: {extra: [秒杀全网], allow: [独家]}
"""
from __future__ import annotations

import re
from typing import Annotated, Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..model import Plan
from ..problems import Where
from ._helpers import published_texts

ID = "banned-word"
SEVERITY = "error"

TERMS = (
    "国家级", "世界级", "全球级", "宇宙级", "最高级", "顶级", "顶尖", "极品", "唯一", "独一无二",
    "绝无仅有", "史无前例", "空前绝后", "万能", "百分之百", "100%", "绝对", "永久", "首个",
    "首选", "首家", "全网第一", "销量冠军", "销量第一", "领导品牌", "领袖品牌", "遥遥领先",
    "无敌", "王牌", "独家", "No.1", "NO.1", "TOP1", "Top1", "best", "number one",
)
# 最 + anything but the everyday words 最近 (recently), 最后 (last), 最终 (finally), 最初 (at first)
_MOST = r"最(?![近后终初])\S"
# 第一 as a ranking, not 第一次 / 第一天 / 第一时间 or an enumeration (第一, …)
_FIRST = r"第一(?![次步天期周轮场届季章节课批时个条点件杯口位眼年顿回遍份手站波项部段月日晚瓶，,、:：。;；\s]|$)"


# The plan's own terms become part of one pattern run over every published text: bounded, so
# that the plan cannot make the check slow.
Term = Annotated[str, Field(max_length=40)]


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    extra: list[Term] = Field(default=[], max_length=500)
    allow: list[Term] = Field(default=[], max_length=500)


def _pattern(options: dict) -> re.Pattern:
    allow = set(options.get("allow") or [])
    terms = [t for t in (*TERMS, *(options.get("extra") or [])) if t and t not in allow]
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


def check(plan: Plan, options: dict) -> Iterator[tuple[Where, str]]:
    pattern = _pattern(options)
    for published in published_texts(plan):
        text = published.text
        for match in pattern.finditer(text):
            yield published.where(match.start()), (
                f"'{match.group(0)}' is an absolute term the Advertising Law forbids (广告法第九条); "
                "say what is true and checkable instead"
            )
