"""banned-word: absolute terms that China's Advertising Law forbids, and the plan's own list.

Why: 《中华人民共和国广告法》(2021修正) 第九条第(三)项 forbids "国家级"、"最高级"、"最佳" and
similar terms in advertising; 第五十七条 fines 20万 to 100万元. 市场监管总局《关于广告中使用
绝对化用语的执法指南》(2023) sets what is not a breach, and this rule lets those pass:
usage and storage advice (最佳饮用温度, 最好冷藏, 最好一个月内喝完, 最怕受潮), limits and
timing (每人最多限购两件, 满299最高减60, 最快后天到), time words (最近, 最初, 最后一天, 最早),
ordinals and enumerations (第一次, 第一泡, 我们的第一家店, 第一是…, 第一，先…), a priority
(安全第一), plain 唯一 and 绝对 that are not about the product (唯一的不足是…, 绝对不能用开水),
a shop's comparison of its own products (本店今年卖得最好的, 本店销量第一的款), a contest's
rule (答对最多的, 手气最佳的, 大赛第一名送…), grades of a national standard (特级, 一级: not
absolute terms) and argument prose, where the superlative is about a point of the argument,
a method or people rather than the goods (最重要的是, 最大的难点, 最有效的方式, 群里最活跃的
几位宝妈, 成本最低, and sentences about marketing itself).

What is found: a superlative about the product, the shop or the price (最好的酒, 全网最低价,
最正宗, 口感最好, 性价比最高, 宝宝最爱的…, 没有之一), a ranking (品质第一, 第一 before a
comma or a line break, 第1, 第一名, TOP 1, NO.1, 全国第壹), the same claims in other words
(天花板, …之王, 无可替代, 无与伦比, 首屈一指, 巅峰, 极致, 销冠, 百分百, 找不到第二家) and
spellings that dodge a plain match (醉好, 蕞, zui低价; traditional characters are folded). A
最 the rule cannot place is reported too, with the exceptions to check in its message.
Scanned: every message as sent, headlines, titles, topic and campaign names.

Failing::

    本店酱酒全网最低价,品质第一
    最适合新生儿的纸尿裤；岩茶天花板；醉好喝的米酒

Passing::

    最佳饮用温度是 18–20℃；开封后最好冷藏；第一步，先闻香
    本店今年卖得最好的还是这款；选茶最重要的是看工艺；每人最多限购两件

Options in site.yml::

    rules:
      banned-word: {extra: [秒杀全网], allow: [独家]}

`extra` adds terms that are always reported; `allow` drops built-in ones (`最` or `第一`
drops those families).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import N_, _
from ..model import Plan
from ..plan_index import PlanIndex

ID = "banned-word"
SEVERITY = "error"
LAW = N_("广告法第九条第三项 (fines of 20万–100万元, art. 57)")

# Literal terms, always a claim wherever they stand (but see _SOFT). 最… and 第一 are not here:
# they are found by their own patterns below and judged by their context.
TERMS = (
    "国家级",
    "世界级",
    "全球级",
    "宇宙级",
    "顶级",
    "顶尖",
    "极品",
    "唯一",
    "独一无二",
    "绝无仅有",
    "史无前例",
    "空前绝后",
    "万能",
    "百分之百",
    "100%",
    "绝对",
    "永久",
    "首个",
    "首选",
    "首家",
    "全网第一",
    "销量冠军",
    "销量第一",
    "领导品牌",
    "领袖品牌",
    "遥遥领先",
    "无敌",
    "王牌",
    "独家",
    "best",
    "number one",
    # the same claims in other words (2023 guidance: the meaning counts, not the word)
    "天花板",
    "之王",
    "无可替代",
    "无与伦比",
    "首屈一指",
    "巅峰",
    "极致",
    "销冠",
    "百分百",
    "独一份",
    "独一家",
    "无人能及",
    "冠绝",
    "没有之一",
    "吊打",
    "无出其右",
    "找不到第二家",
    "找不到第二款",
    "没有第二家",
    "别无二家",
    "独此一家",
    "仅此一家",
    "别无分号",
)
# What to write instead, where there is a usual rewrite ("最" and "第一" stand for their families).
REWRITES = {
    "最": N_("say what is true and checkable (e.g. 店里回购多的一款)"),
    "第一": N_("give a checkable figure with its source (e.g. 2025 年本店销量前三), or drop the ranking"),
    "国家级": N_("name the actual certificate or award, or drop it"),
    "顶级": N_("write 优质 / 上乘"),
    "顶尖": N_("write 优质 / 上乘"),
    "极品": N_("write 上乘 / 精选"),
    "唯一": N_("write 少有的"),
    "首选": N_("write 推荐"),
    "独家": N_("write 本店专供 (only if true)"),
    "绝对": N_("drop it"),
    "100%": N_("state the real share and who measured it"),
    "百分之百": N_("state the real share and who measured it"),
    "百分百": N_("state the real share and who measured it"),
    "永久": N_("state the real period"),
}
REWRITE_DEFAULT = N_("say what is true and checkable instead")
# The two findings, each worded once: a claim (an error), and a 最 the rule cannot place, a
# warning that names the exceptions a reviewer should check (2023 guidance, arts. 4-6).
MESSAGES = {
    "claim": N_("{context}: '{term}' is an absolute term ({law}); {rewrite}"),
    "unplaced": N_(
        "{context}: '{term}' reads as a superlative ({law}); lawful only as usage advice, a limit, "
        "the shop's own range, a contest's rule or a point of an argument: if it is one, allow it "
        "with that reason; else {rewrite}"
    ),
}
SEVERITY_OF = {"claim": None, "unplaced": "warning"}  # None: the rule's own severity

# --- 最 and its dodges -----------------------------------------------------------------------
# Adjectives that make 最 a claim about the product, the shop or the price (最好的, 最正宗,
# 最适合, 最爱, 最低价, 性价比最高); a 最 followed by none of these, and not placed as lawful,
# is "unplaced". 醉 counts as 最 only before one of the first few (醉好, 醉低价).
# 醉 is not a dodge after a word it belongs to (喝醉, 不醉, 陶醉, 微醉) or before 好几 / 好久 / 好多.
_DRUNK_BEFORE = frozenset("喝不陶沉微宿麻灌半易会大酣心迷买先没未装烂酒")
_DRUNK_AFTER = re.compile(r"好(?:几|久|多|些|一阵)")
_DODGE_EVAL = r"(?:好|佳|低价|便宜|正宗|地道|强|牛|棒|火|适合|受欢迎|畅销|划算|实惠|安全|温和|有效|高端)"
_EVAL = re.compile(
    r"(?:多人|好|佳|优|强|棒|牛|赞|顶|正宗|地道|纯正|正|纯|安全|温和|有效|管用|适合|合适|受|欢迎|畅销|热销|火|热|红|爱|"
    r"低|便宜|实惠|划算|值|超值|省|高|贵|香|醇|甜|鲜|新鲜|嫩|靠谱|专业|权威|先进|科学|健康|天然|舒适|舒服|柔|软|耐|"
    r"持久|保湿|清爽|滋润|全|齐|美|白|亮|薄|轻|透气|放心|安心|省心|接近|懂|厉害|出色|优秀|完美|极|精|稳|实在|"
    r"优惠|方便|干净|营养|环保|时尚|流行|经典|正品|真|潮|值得(?!注意|一提|一说))"
)
# Scope words that make any superlative or ranking after them a claim against all others.
_SCOPE = re.compile(
    r"全网|全国|全城|全市|全省|全县|全球|全世界|世界上?|史上|业内|业界|行业|同类|同价位|同级|"
    r"市面上?|天下(?<![今明昨后前当每几半整白这那两三四五]天下)|宇宙|地表|国内|国际|亚洲|本市|本地|"
    r"全行业|江浙沪"
)
# Lawful whatever comes before: time words, and a limit with its number (最高减60, 最低5折,
# 最多两件, 最快48小时, 最大承重25公斤).
_TIME_CHARS = frozenset("近后终初先末")
_NUMBER = re.compile(
    r"[多少高低长短大小快慢晚迟早重](?:可|能|不超过|只|仅|也就|也|为|达|减|返|省|抵|享|承重|载重|容量|"
    r"可达|可减|可省|可返|可享|能减|[ \u3000])?[\d一二两三四五六七八九十百千万几半]"
)
# Lawful 最 by the words right after it (the 2023 guidance's arts. 4-6): timing and limits
# (最多, 最少, 最快, 最迟, 最晚, 最早, 最新), advice (最怕, 最忌, 最好 + a verb, 最佳 + a use),
# argument prose (最重要的是, 最关键, 最主要, 最常见, 最容易, 最难, 最需要, 最值得注意).
_ADVICE = (
    r"(?:饮用|赏味|品鉴|品尝|保存|储存|存放|食用|醒酒|开瓶|冷藏|温度|冲泡|水温|使用|时间|时机|方式|方法|"
    r"搭配|比例|适饮|状态|时期|期|季节|时候|位置|距离|姿势|频率|剂量|用量|年龄|月龄)"
)
_GOOD_VERB = r"[喝用吃看穿玩听闻]"  # 最好用沸水 is advice, 最好用的 / 最好喝。 a claim
_CLAIM_END = r"(?:[的了啦呀哦吧，。！？,.!?、；;：:~～…\s]|$)"
_NEXT_LAWFUL = re.compile(
    r"多(?!人)|[少快慢迟晚早怕忌]|新(?!鲜)"
    r"|好(?:不(?!过)|" + _GOOD_VERB + r"(?!" + _CLAIM_END + r")|[放在提一别先选趁避把是能还冷存尽赶要每等做再当及马立密"
    r"储装可控保留挑买换找问试分隔拧盖倒摇醒静常阴通晚早睡饭空开半两三四五六七八九十带戴洗涂擦泡煮温加去来让给出清单"
    r"配跟和与备搭遮竖横平直少多0-9])"
    r"|佳(?:" + _ADVICE + r"|[做在于放存饮赏])"
    r"|(?:重要|关键|主要|核心|根本|基本|常见|普遍|容易|难|需要|应该|值得注意|值得一提|担心|头疼|典型)"
)
# Nouns that make the superlative a point of an argument, a method, a feature of the thing
# compared with itself, or a cost (最大的难点是, 最大痛点无非, 最有效的方式, 最大的区别在于,
# 最高级别的是), when they end the phrase.
_ARG_NOUN = (
    r"问题|难点|难处|痛点|关键|核心|重点|要点|区别|差别|差异|不同|误区|坑|原因|理由|因素|目的|意义|"
    r"方式|方法|办法|途径|手段|形式|做法|策略|思路|模式|路径|级别|层次|层级|境界|阶段|实践|挑战|风险|障碍|"
    r"矛盾|特点|亮点|卖点|优势|优点|缺点|不足|遗憾|感受|体会|收获|心得|变化|规律|道理|原则|前提|考验|成本|效率|"
    r"地方|事情|一点|季节|时节|时候|时光"
)
_END = "(?:之一|(?=的?是|就是|在于|无非|莫过于|了|都|也|还|往往|其实|便|就|[，。！？,.!?;；：:、…\\s”\"’'）)】」』》}\\]]|$))"
# Each such noun list is searched for in a short window after the 最 (the clause, at most
# `gap` characters before the noun): every alternative starts with a plain character, so the
# search skips in C to the places where one could start.
_ARG = (re.compile(_ARG_NOUN), re.compile(_END), 10)
# Customers and members, not the goods (群里最活跃的几位宝妈, 你需要找到最正确的人).
_PEOPLE = re.compile(
    r"([^，。！？,.!?;；：:\n的]{1,6})的(?:[那这]?[一二两三四五六七八九十几\d]{0,3}[位个名])?"
    r"(?:宝妈|妈妈|宝爸|爸爸|姐妹|茶友|酒友|群友|朋友|顾客|客人|老客|会员|粉丝|小伙伴|伙伴|同学|人)"
)
_SERVICE_EVAL = re.compile(r"专业|权威|资深|懂|好|棒|强|牛|优秀|厉害|靠谱|贴心|用心")
# The post's own content, not the goods (史上最全的运营解析, 最详细的冲泡攻略).
_CONTENT = (re.compile(r"攻略|教程|解析|干货|合集|清单|科普|笔记|总结|文章|问答|讲解|盘点"), None, 9)
# A cost or an effort before the superlative (成本最低, 效率最高, 投入最少).
_COST_BEFORE = re.compile(r"(?:成本|效率|投入|难度|门槛|风险|概率|损耗|工作量|耗时)$")
# 没有之一 and its kin after a superlative make it a claim whatever else the clause says.
_NONE_ELSE = re.compile(r"没有之一|没有第二|无出其右|独一无二")
# A sentence about marketing itself (an essay, not an ad): its superlatives are argument.
_ANALYSIS = re.compile(r"营销|商业化|商业模式|新商业|变现|赋能|供应链|链路|私域|新零售|转化率|方法论|用户画像|社群运营")

# A finding about 最 shows the word it is about (最好, 最适合), up to two characters.
_SHOWN = re.compile(r"[^\s，,。！？!?；;：:、的]{0,2}")

# --- the shop's own range, a contest --------------------------------------------------------
# A shop comparing its own products: 本店最受欢迎的, 我们家今年回购最多的, 本店销量第一的,
# 这几款里我最推荐的 …
_OWN = re.compile(
    r"(?:本店|我们店里?|我们家|我家|店里|店内|全店|自家|本品牌|[这那][几两三四五六七八九十]+[款瓶种饼支样个罐])"
    r"[^，,。！？!?；;\n]{0,8}$"
)
# A contest's or a game's own rule: 答对最多的, 点赞最多的, 手气最佳的, 猜得最接近的, 茶汤最亮的那一泡.
_CONTEST = re.compile(
    r"(?:答对|点赞|猜|手气|票数|投票|积分|斗茶|比赛|大赛|评选|打卡|喝得|抽中|拼|盲品|竞猜|爬得|跑得)"
    r"[^，,。！？!?；;\n]{0,8}$"
)
_PRIZE_AFTER = re.compile(r"[^，,。！？!?；;\n]{0,4}?(?:送|奖|获得|可得|得到|拿|赢)")

# --- 第一 -------------------------------------------------------------------------------------
# 第一 + a measure word is an ordinal (第一次, 第一泡, 第一家店, 第一双鞋) unless a scope word
# makes it a first-ever claim (全国第一家, 业内第一款); + 是/看/要 … an enumeration (第一是…).
_ORDINAL = re.compile(
    r"[次步天期周轮场届季章节课批时个条点件杯口位眼年顿回遍份手站波项部段月日晚瓶篇张页幕集封道种泡"
    r"号层排楼组题家款双辆台只把支盒罐袋包片块粒颗株棵代任印感]"
)
_ENUMERATION = re.compile(r"[是看要得就先来呢]")
_PUNCT_AFTER = re.compile(r"[，,、\s]|$")
_CLAUSE_BREAKS = frozenset(' \t\n\u3000，,。！？!?：:；;、（(“"{[【「『《')
# X第一 meaning "X comes first", not a ranking of goods.
_PRIORITY = re.compile(r"(?:安全|健康|友谊|顾客|客户|用户|孩子|宝宝|身体|家人)$")
# No.1 as the name of a shade or model (色号是No.1裸粉).
_RANK_ASCII = re.compile(r"(?:top|no\.?)[ \u3000]?1", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:色号|型号|编号|款号|系列|号)[是为：:\s]{0,2}$")

# --- 唯一, 绝对, 巅峰, 极致 ---------------------------------------------------------------------
# 唯一 / 绝对 about something other than the product: 唯一的缺点, 唯一要提醒的, 绝对不会, 绝对不能.
_PLAIN = re.compile(
    r"唯一(?:的)?(?:缺点|不足|遗憾|问题|要求|条件|区别|办法|要|能|需要|担心|麻烦|一次)"
    r"|绝对(?:不会|不要|别|不能|不可|不许|禁止|准时|守时|保密)"
)
_NEGATED = re.compile(r"(?:没有|没|并非|不是|不存在|无所谓)$")  # 没有绝对的刚需
_IDIOM_BEFORE = {"巅峰": re.compile(r"(?:人生|事业)$")}  # 走上人生巅峰: about a life, not the goods
# Terms that a sentence about marketing itself may use in argument (极致性价比 as a topic).
_SOFT = frozenset({"绝对", "唯一", "巅峰", "极致", "没有之一"})

Term = Annotated[str, Field(max_length=40)]


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    extra: list[Term] = Field(default=[], max_length=500)
    allow: list[Term] = Field(default=[], max_length=500)


def _pattern(options: Options) -> re.Pattern:
    """One pattern for every candidate, each alternative starting with a plain character: the
    regex engine then skips, in C, every position whose character cannot start one (the year
    plan's text is almost all such positions). Case is matched by the pattern itself
    ([oO]), not by re.IGNORECASE, which would turn that skipping off."""
    allow = {_fold_case(t) for t in options.allow}
    terms = [t for t in (*TERMS, *options.extra) if t and _fold_case(t) not in allow]
    parts = [_trie(terms)] if terms else []
    if "最" not in allow:
        # time words (最近, 最后, 最终, 最初, 最先, 最末) are never a claim: not even a candidate
        parts += [
            "最(?![近后终初先末])[ \u3000]?",
            "蕞(?![尔近后终初先末])[ \u3000]?",
            "醉(?=" + _DODGE_EVAL + ")",
            "z[uU][iI][ \u3000]?",
            "Z[uU][iI][ \u3000]?",
        ]
    if "第一" not in allow:
        parts.append("第[一1壹](?![0-9])")
    if "第一" not in allow and not allow & {"top1", "top 1"}:
        for first in "tT":
            parts.append(first + r"[oO][pP][ \u3000]?1(?![0-9])")  # TOP 1, top1
    if "第一" not in allow and not allow & {"no.1", "no1", "no 1"}:
        for first in "nN":
            parts.append(first + r"[oO]\.?[ \u3000]?1(?![0-9])")  # NO.1, no 1
    return re.compile("|".join(p for p in parts if p))


def _trie(terms: list[str]) -> str:
    """Many literal terms as alternatives shaped like a trie (`国家级|国际` → `国(?:家级|际)`): at
    each place in a text at most one branch goes on, so matching costs the length of the
    longest term, not the sum of all terms. Longer terms win, as in a longest-first alternation.
    The top level is left bare (joined into the caller's alternation); an ASCII letter matches
    either case."""
    tree: dict = {}
    for term in {_fold_case(t) for t in terms}:
        node = tree
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = []
    for ch, child in sorted(tree.items()):
        rest = _trie_pattern(child)
        for first in {ch, ch.upper()} if ch.isascii() and ch.isalpha() else {ch}:
            branches.append(re.escape(first) + rest)
    return "|".join(sorted(branches))


def _trie_pattern(node: dict) -> str:
    branches = [_char(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a term ends here; a longer one may go on
        return "(?:" + body + ")?"
    return body


def _fold_case(term: str) -> str:
    """`term` with its ASCII letters in lower case (only those match either case)."""
    return term.translate(_LOWER)


_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _char(ch: str) -> str:
    if ch.isascii() and ch.isalpha():
        return f"[{ch}{ch.upper()}]"
    return re.escape(ch)


_BREAK = re.compile(r"[，,。！？!?；;：:\n]")
_STOP = re.compile(r"[。！？!?\n]")


class _Text:
    """One text being judged, with what the judging asks of it more than once, each found
    once and only when asked: where its clauses break (for the words before a candidate) and
    where it speaks about marketing itself (_ANALYSIS). Each question is then a bisection and
    at most one bounded search, so a text full of candidates costs in proportion to its size."""

    __slots__ = ("text", "breaks", "markers")

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks: list[int] | None = None
        self.markers: list[int] | None = None

    def before(self, start: int, size: int = 12) -> str:
        """Up to `size` characters before `start`, from the last clause break on."""
        if self.breaks is None:
            self.breaks = [m.start() for m in _BREAK.finditer(self.text)]
        k = bisect_left(self.breaks, start)
        begin = max(0, start - size, self.breaks[k - 1] + 1 if k else 0)
        return self.text[begin:start]

    def clause_end(self, end: int, size: int = 24) -> int:
        """Where the clause that goes on at `end` stops, at most `size` characters on."""
        if self.breaks is None:
            self.breaks = [m.start() for m in _BREAK.finditer(self.text)]
        k = bisect_left(self.breaks, end)
        return min(end + size, self.breaks[k] if k < len(self.breaks) else len(self.text))

    def sentence_end(self, end: int, size: int = 24) -> int:
        stop = _STOP.search(self.text, end, end + size)
        return stop.start() if stop else min(end + size, len(self.text))

    def about_marketing(self, start: int, end: int) -> bool:
        """Whether text[start:end] is in a sentence about marketing itself: a marker within 80
        characters and no sentence end between."""
        if self.markers is None:
            self.markers = [m.start() for m in _ANALYSIS.finditer(self.text)]
        markers = self.markers
        if not markers:
            return False
        k = bisect_left(markers, end)
        if k < len(markers) and markers[k] <= end + 80 and not _STOP.search(self.text, end, markers[k]):
            return True
        return k > 0 and markers[k - 1] >= start - 80 and not _STOP.search(self.text, markers[k - 1], start)


def _most(ctx: _Text, start: int, end: int, allow: set[str]) -> str | None:
    """What a 最 (or 蕞, zui, 醉) at text[start:end] is: "claim", "unplaced", or None when lawful.
    The order matters: a scope word outweighs advice and limits (全网最快), the post's own
    content outweighs a scope word (史上最全的攻略), 没有之一 outweighs all but a point of an
    argument."""
    text = ctx.text
    if allow and any(text.startswith(term, start) for term in allow):
        return None
    stop = end + 24
    if text[end : end + 1] in _TIME_CHARS or _NUMBER.match(text, end, stop):
        return None
    before = ctx.before(start)
    if _SCOPE.search(before):  # 全网最低价, 史上最强, 同价位里口感最好
        return None if _head(ctx, end, _CONTENT) else "claim"
    if _NEXT_LAWFUL.match(text, end, stop) or _COST_BEFORE.search(before) or _own_or_contest(text, before, end):
        return None
    if _head(ctx, end, _ARG) or _head(ctx, end, _CONTENT):
        return None
    people = _PEOPLE.match(text, end, stop)
    if people and not _SERVICE_EVAL.search(people.group(1)):
        return None
    if _NONE_ELSE.search(text, end, ctx.sentence_end(end, 16)):
        return "claim"
    if ctx.about_marketing(start, end):
        return None
    return "claim" if _EVAL.match(text, end, stop) else "unplaced"


def _own_or_contest(text: str, before: str, end: int) -> bool:
    if "的" in text[end : end + 6] and _OWN.search(before):  # 本店销量第一的款
        return True
    return bool(_CONTEST.search(before))


def _head(ctx: _Text, end: int, nouns: tuple) -> bool:
    """Whether one of `nouns` (pattern, what must follow it or None, most characters before
    it) heads the phrase after text[:end], within its clause: 最大的【难点】是, 最全的【攻略】."""
    pattern, after, gap = nouns
    text, limit = ctx.text, ctx.clause_end(end)
    pos = end
    for _turn in range(gap + 1):  # each turn moves on by at least one character
        match = pattern.search(text, pos, limit)
        if match is None or match.start() - end > gap:
            return False
        if after is None or after.match(text, match.end()):
            return True
        pos = match.start() + 1
    return False


def _first(ctx: _Text, start: int, end: int) -> str | None:
    """What a 第一 / 第1 / 第壹 at text[start:end] is: "claim" or None when lawful."""
    text, before = ctx.text, ctx.before(start)
    if _own_or_contest(text, before, end):
        return None
    nxt = text[end : end + 1]
    if nxt == "名":  # 第一名: a ranking, unless it is a contest's prize (大赛第一名送…)
        return None if _PRIZE_AFTER.match(text, end + 1) else "claim"
    if _ORDINAL.match(nxt):
        return "claim" if _SCOPE.search(before) else None  # 全国第一家 / 我们的第一家店
    if _ENUMERATION.match(nxt):
        return None
    if _PUNCT_AFTER.match(text, end):
        if start == 0 or text[start - 1] in _CLAUSE_BREAKS or _PRIORITY.search(before):
            return None  # 第一，先闻香 / 安全第一，…
    return "claim"


def _other(term: str, ctx: _Text, start: int, end: int) -> bool:
    """Whether a literal term (唯一, 绝对, 巅峰, 极致, …) is lawful here."""
    text = ctx.text
    if term in ("唯一", "绝对"):
        if _PLAIN.match(text, start) or _NEGATED.search(text, max(0, start - 4), start):
            return True  # about a drawback, a request, a promise; or negated
    idiom = _IDIOM_BEFORE.get(term)
    if idiom is not None and idiom.search(text, max(0, start - 4), start):
        return True
    if term.startswith("销量第一") and _own_or_contest(text, ctx.before(start), end):
        return True
    if term in _SOFT and ctx.about_marketing(start, end):
        return True
    return False


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple]:
    pattern = _pattern(options)
    allow_most = {t for t in options.allow if t.startswith("最")}
    extra = {_fold_case(t) for t in options.extra}  # always reported, whatever their context
    kind: str | None
    key: str | None
    for published in index.published:
        text = published.text
        ctx = _Text(text)
        for match in pattern.finditer(text):
            start, end = match.span()
            term = match.group(0)
            if _fold_case(term) in extra:
                kind, key = "claim", term
            else:
                kind, key = _judge(term, ctx, start, end, allow_most)
            if kind is None:
                continue
            if key == "最":  # show the word the 最 is about: 最好, 最适合
                end += len(_SHOWN.match(text, end).group(0))  # type: ignore[union-attr]  # it matches ""
                term = text[start:end]
            found = published.locate(start, end)
            if found is None:
                continue
            where, owner = found
            rewrite = REWRITES.get(key) or REWRITES.get(key.lower(), REWRITE_DEFAULT)
            message = _(MESSAGES[kind], context=published.context(start, end), term=term, law=_(LAW), rewrite=_(rewrite))
            yield where, message, owner, SEVERITY_OF[kind]


def _judge(term: str, ctx: _Text, start: int, end: int, allow_most: set[str]) -> tuple[str | None, str]:
    """(kind, key): kind is "claim", "unplaced" or None (lawful here); key picks the rewrite."""
    text = ctx.text
    first = term[:1]
    if first in "最蕞醉" or term[:3].lower() == "zui":
        if first in "zZ" and start and text[start - 1].isascii() and text[start - 1].isalpha():
            return None, "最"  # zui inside a longer word
        if first == "醉" and ((start and text[start - 1] in _DRUNK_BEFORE) or _DRUNK_AFTER.match(text, end)):
            return None, "最"  # 喝醉好难受, 醉好几天: drunk, not 最
        return _most(ctx, start, end, allow_most), "最"
    if first == "第":
        return _first(ctx, start, end), "第一"
    if _RANK_ASCII.fullmatch(term):
        if _NAME_BEFORE.search(text, max(0, start - 6), start):
            return None, "第一"  # a shade's name, not a ranking
        return "claim", "第一"
    return (None if _other(term, ctx, start, end) else "claim"), term
