"""banned-word: absolute terms that China's Advertising Law forbids, and the plan's own list.

Why: 《中华人民共和国广告法》(2021修正) 第九条第(三)项 forbids "国家级"、"最高级"、"最佳" and
similar terms in advertising; 第五十七条 fines 20万 to 100万元. 市场监管总局《关于广告中使用
绝对化用语的执法指南》(2023) sets what is not a breach, and this rule lets those pass:
usage and storage advice (最佳饮用温度, 最好一个月内喝完, 最怕受潮), steps, ordinals and
enumerations (第一步, 第一次, 第一是…), time words (最近, 最后一天, 最早, 最新), limits and
timing (每人最多限购两件, 最快后天到), argument prose (最重要的是, 最容易忽略), plain 唯一 and
绝对 that are not about the product (唯一的缺点, 绝对不会刷屏), a contest's rule (点赞最多的,
手气最佳的) and a shop's comparison of its own products (本店最受欢迎的一款, 本店销量第一的款).
The same claims in other words are found too (天花板, …之王, 无可替代, 销冠, 百分百, 第1,
TOP 1, zui低价). Scanned: every message as sent, headlines, titles, topic and campaign names.

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
    # the same claims in other words (2023 guidance: the meaning counts, not the word)
    "天花板", "之王", "无可替代", "无与伦比", "首屈一指", "巅峰", "极致", "销冠", "百分百", "独一份",
    "独一家", "无人能及", "冠绝", "没有之一", "吊打",
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
# 最 + anything but what the 2023 guidance lets pass (its articles 4–6): time words (最近, 最后,
# 最终, 最初, 最早, 最晚); limits and timing (每人最多限购, 最快明天到, 最迟, 最少两饼起发);
# advice (最好一个月内喝完, 最好用沸水, 最佳冲泡水温, 最怕受潮); argument prose (最重要的是,
# 最关键的, 最主要, 最常见, 最容易, 最大的难点). 最好的, 最好喝的, 口感最好， are claims.
_ADVICE = r"(?:饮用|赏味|品鉴|品尝|保存|储存|存放|食用|醒酒|开瓶|冷藏|温度|冲泡|水温|使用|时间|时机|方式|方法|搭配|比例)"
_MOST = (r"(?:最|zui)[ \u3000]?(?![近后终初早晚先新多少快慢迟怕忌])(?!佳" + _ADVICE + r")"
         r"(?!好(?=[放在提一别不先选趁避把是能还冷存尽赶要用喝])(?![喝用看吃]的))"
         r"(?!(?:重要|关键|主要|常见|难|大的难|担心|需要|应该|值得注意)[的是])(?!容易)\S")
# 第一 as a ranking, not 第一次 / 第一步 / 第一天 … or an enumeration (第一是…, 第一看…); 第一 and a
# comma is a ranking after a word (品质第一，), an enumeration at the start of a clause (第一，先…).
_FIRST = (r"(?:(?<=[^\s，,。！？!?：:；;、（(“\"])第一(?=[，,、\s]|$)|"
          r"第[一1](?![0-9次步天期周轮场届季章节课批时个条点件杯口位眼年顿回遍份手站波项部段月日晚瓶篇张页幕集封道种泡名号层排楼组题"
          r"是看要得就先来呢，,、:：;；\s]|$))")
# 唯一 / 绝对 about something other than the product: 唯一的缺点, 唯一要提醒的, 绝对不会, 绝对准时.
_PLAIN = re.compile(r"唯一(?:的)?(?:缺点|不足|遗憾|问题|要求|条件|区别|办法|要|能|需要|担心|麻烦|一次)"
                    r"|绝对(?:不会|不要|别|准时|守时|保密)")
# A shop comparing its own products: 本店最受欢迎的, 我们家今年回购最多的, 本店销量第一的 …
_OWN = re.compile(r"(?:本店|我们店里?|我们家|我家|店里|自家|本品牌)[^，,。！？!?；;\n]{0,8}$")
# A contest's or a game's own rule: 答对最多的, 点赞最多的, 手气最佳的, 猜得最接近的, 茶汤最亮的那一泡.
_CONTEST = re.compile(r"(?:答对|点赞|猜|手气|票数|投票|积分|斗茶|比赛|评选|打卡|喝得|抽中|拼)[^，,。！？!?；;\n]{0,6}$")

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
        parts.append(r"(?:top|no\.?)[ \u3000]?1(?![0-9])")  # TOP 1, NO 1, no.1
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
            before = text[max(0, match.start() - 12):match.start()]
            own = _OWN.search(before) and "的" in text[match.end():match.end() + 6]  # 本店销量第一的款
            if term.startswith(("最", "第一", "销量第一")) and (own or _CONTEST.search(before)):
                continue  # the shop's own range compared with itself, or a contest's rule
            if term in ("唯一", "绝对") and _PLAIN.match(text, match.start()):
                continue  # about a drawback, a request, a promise: not the product's quality
            found = published.locate(match.start(), match.end())
            if found is None:
                continue
            where, owner = found
            key = "最" if term.startswith("最") else ("第一" if term.startswith("第一") else term)
            rewrite = REWRITES.get(key) or REWRITES.get(term.lower(), "say what is true and checkable instead")
            yield where, (f"{published.context(match.start(), match.end())}: '{term}' is an absolute term "
                          f"({LAW}); {rewrite}"), owner
