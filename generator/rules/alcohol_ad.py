"""alcohol-ad: liquor copy that urges drinking, pitches liquor at minors or students, claims that
drinking relieves fatigue or worry or does the body good, or pairs drinking with driving.

Why: 《中华人民共和国广告法》 第二十三条: a liquor advertisement must not (一) induce or egg on
drinking or promote drinking without restraint, (二) show drinking, (三) show driving a car,
ship or plane, (四) state or imply that drinking relieves tension or anxiety, adds strength,
or has other effects. Fines under 第五十八条. Offering liquor to children, or pitching it at
students, also runs against 《未成年人保护法》 (no liquor for minors).

Five families are looked for, each sentence judged on its own (a sentence ends at 。！？；
or a line break):

- minors and students: a child or student, then drinking (带孩子来尝, 小朋友也可以尝一口,
  高考完喝一杯庆祝, 给宝宝沾一筷子酒), or for students also an offer (学生党也能喝的果酒,
  凭学生证打八折); 老少皆宜;
- relief of fatigue, worry or sleeplessness: 解乏, 解忧, 忘忧, 借酒消愁, 提神, 睡得香,
  一杯下肚什么压力都没了, 烦恼全忘, 疲惫全没了, 睡不着就来一杯;
- effects on the body: 养胃, 暖身, 活血, 延年益寿, 喝酱酒不伤肝, 越喝越健康, 浑身都暖和了,
  能降血压, 第二天也不难受;
- urging and pressure: 不醉不归, 不喝不是兄弟, 酒量是练出来的, 越喝越年轻, 感情深一口闷,
  干了, 一口干, 先干为敬, 喝到趴下, 拼酒, 谁不喝谁买单, 酒水管够, 喝多少都不上头;
- drinking with driving: 喝完开车, 开车来喝, 喝两杯再上路, 边开边喝, 喝完酒开车？没事.

What passes: a term its clause negates (别靠喝酒解压, 白酒不是保健品, 本店从不劝酒; a clause
ends at ，。！？；、 or a line break), asks about (喝酒能暖身？) or that the sentence debunks
(误区, 谣言, 不靠谱, 千万别信, 没有科学依据, 借酒消愁愁更愁); warnings (未成年人请勿饮酒,
本店不向未成年人售酒); an effect where nobody drinks liquor (冬天泡脚驱寒, 养生茶具, 喝热水暖胃,
少喝酒多喝水); children who get juice (孩子们喝果汁) and banquets the adults drink at (升学宴用酒);
usage and tasting advice (开瓶后醒酒十分钟, 小口慢品, 干杯之前先吃点东西); greetings (祝大家
身体健康); driving-safety messages (喝酒不开车, 叫代驾, 开车来提酒). Urging phrases that hold
a 不 of their own (不醉不归, 不喝不是兄弟, 谁也不许走) and claims that do (不伤肝, 头不疼)
are findings, not negations; a question answered yes (初中生也能喝？能！) is a claim.

On when `site.yml` says `industry: alcohol`, or when `rules:` names the rule. Scanned: every
message as sent, headlines, titles, topic and campaign names.

Failing::

    今晚不醉不归，喝一杯解乏驱寒
    学生党也能喝的低度果酒
    喝完这杯再开车回家

Passing::

    小口慢慢品，喝酒不开车，回家叫代驾
    喝酒能暖身？千万别信
    未成年人请勿饮酒

Options in site.yml::

    rules:
      alcohol-ad: {severity: error}   # on for a plan without `industry: alcohol`
      alcohol-ad: {enabled: false}    # off for a liquor plan
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache

from pydantic import BaseModel, ConfigDict

from ..i18n import N_, _
from ..model import Plan
from ..plan_index import PlanIndex
from ._helpers import once_per_text

ID = "alcohol-ad"
SEVERITY = "error"
LAW = N_("广告法第二十三条")
LAW_MINORS = N_("广告法第二十三条; 未成年人保护法")

# Every message this rule shows is built here, from this table: family → (what is wrong, the
# law, what to write instead). `context` is the matched words with a little text around them.
MESSAGE = N_("{context}: {what} ({law}); instead: {instead}")
FAMILIES = {
    "minors": (
        N_("pitches liquor at minors or students, or shows them drinking"),
        LAW_MINORS,
        N_("leave children and students out of liquor copy; add 未成年人请勿饮酒"),
    ),
    "relief": (
        N_("claims drinking relieves fatigue, stress, worry or sleeplessness, or clears the mind"),
        LAW,
        N_("show the occasion, not an effect (下班后约三五好友小聚)"),
    ),
    "health": (
        N_("claims drinking does the body good"),
        LAW,
        N_("describe taste and craft instead (入口绵柔, 回甘明显, 纯粮酿造)"),
    ),
    "urging": (
        N_("urges drinking or drinking without restraint"),
        LAW,
        N_("a calm invitation (慢慢品, 小酌一杯, 聊到尽兴, 量力而行)"),
    ),
    "driving": (N_("shows drinking together with driving"), LAW, N_("say 喝酒不开车 / 酒后叫代驾, or leave driving out")),
}


def message(family: str, context: str) -> str:
    what, law, instead = FAMILIES[family]
    return _(MESSAGE, context=context, what=_(what), law=_(law), instead=_(instead))


# --- the phrase tables -----------------------------------------------------------------------
# All patterns are alternations of literals, with bounded gaps ([^…]{0,N}: inside a clause, or at
# most inside a sentence) and fixed-width look-arounds, and nothing nested that can backtrack:
# linear in the text, whatever it holds. Every further look at a sentence or a clause is bounded
# or remembered (_Sentences), and at most _PER_SENTENCE candidates are judged per sentence.

_CLAUSE_END = "，,。！？!?；;、\n"
_IN_CLAUSE = "[^" + _CLAUSE_END + "]"
_SENTENCE_END = re.compile("[。！？!?；;\n]")
_CLAUSE_BREAK = re.compile("[" + _CLAUSE_END + "]")

# What someone drinks that is not liquor: 喝热水, 喝果汁, 孩子们喝饮料.
_SOFT = "(?:点|些|杯|口|碗|瓶)?(?:热|温|冰|凉)?(?:热水|温水|开水|白开|水|茶|姜茶|汤|粥|奶|牛奶|酸奶|豆浆|豆奶|果汁|椰汁|汽水|可乐|饮料|咖啡|酸梅汤|零食|点心|糕点|小吃|蛋糕|糖|水果)"
# Someone drinks liquor somewhere in the sentence (the context an effect claim needs).
_DRINKING = re.compile(
    r"酒|啤|精酿|杜康|佳酿|琼浆|杯中物|醉|醺|下肚|干杯|小酌|酌|抿|盅|喝(?<![好难]喝)(?!" + _SOFT + r")|饮(?!料|水|茶|品)"
    r"|[一两几半小这那]口(?![价碑味感气号子径令音袋罩红])"
    r"|(?<!保温)(?<!咖啡)(?<!马克)(?<![水茶纸奖界量])杯(?![垫赛子]|" + _SOFT[_SOFT.index("(?:热") :] + ")"
)

# Drinking that is advised against does not count as drinking: 少喝酒, 不喝酒, 戒酒.
_LESS = re.compile("[少不别勿戒禁]")

# Negation before a term in its clause. Words that hold 不/别/无/没/非 but negate nothing
# (心情不好, 别的, 无论, 非常, 没想到, 睡不着) and the urging and effect phrases that hold a 不
# of their own (不醉不归, 不伤肝) are read first and skipped.
_NEGATION = re.compile(
    r"(?P<skip>不好|不开心|不舒服|不爽|不顺|不如意|不愉快|不错|不少|不停|不住|不断|不久|不过|不管|不论|不仅|不光"
    r"|不但|不一样|不同|不愧|不妨|不由|不禁|不知不觉|不容错过|不见不散|不一会|不醉不|不喝不是|不喝白不喝|不上头"
    r"|不伤|不怕|不愁|不累|不烦|不困|不酸|不疼|喝不|不会喝|不太能喝|不胜酒力|睡不着|忍不住|停不下来|少不了|离不开|受不了|舍不得|了不起|差不多|要不"
    r"|一不小心|别的|别人|别家|别处|特别|分别|区别|告别|派别|性别|无论|无聊|无比|无限|无数|无糖|非常|非得|非遗|非凡"
    r"|没事|没想到|没错|没得说|没话说|莫名|莫过于)"
    r"|(?P<neg>请勿|禁止|严禁|拒绝|谢绝|不|别|勿|没|无|非|莫|甭)"
)
# The sentence says the claim is false, or speaks against the practice.
_DEBUNK = re.compile(
    r"误区|谣言|谣传|传言|其实是|其实会|其实在|实际上是|实际上会|误会|误解|错觉|不靠谱|千万别信|别信|不要信|不能信|不可信|是假的|不是真的|是不是真的|伪科学"
    r"|没有(?:科学)?(?:依据|根据)|以为|辟谣|骗人|忽悠|瞎说|智商税|愁更愁|陋习|恶习|坏习惯|不提倡|反对|抵制|过时了?"
    r"|不可取|别学|并不|并非|并没有|营销话术|话术|别当真|不要当真|别上当|噱头|帮不上忙|没有这个功效|没有功效"
    r"|没这功效|没有作用|不是药|糟糕|不推荐|不建议|错误的|不好的喝法|最伤身|年代过去了|时代过去了|老一套|老黄历|是错的|反而|只会更|越喝越愁|越喝越累|越喝越烦|越喝越难受|越喝越睡不着|是不对的|不科学|没用|不管用|没有用|行不通|别指望|不能指望|指望不上|靠不住|不靠酒|不能靠酒|别靠酒|不要靠酒"
)
_QUESTION = re.compile(r"是不是|吗$|么$")
_WISH = re.compile(r"祝|愿")  # a greeting wishes health, it does not claim it
# Urging phrases that say "not" themselves and are pressure whatever stands before them.
_PRESSURE = re.compile(r"不许|不准|不让|别想|谁[也都]|不醉不|不喝|不干|不倒|不趴|不吐|不给|不整|不来|不拿下")
_REPORTED = re.compile(r"有人|别人|被|遇到|碰到|面对|拒绝")  # someone else urges: 有人劝酒
# A sentence that asks for moderation is not urging: 满上一小杯，慢慢品; 一杯接一杯最伤身，请适量.
_MODERATE = re.compile(r"慢慢品|慢慢喝|小口|适量|少喝|量力|理性饮酒|别喝多|不要喝多|节制|不劝酒")
# Advice about when: 干杯之前先吃点东西, 满上之前先问一句.
_BEFORE = re.compile(r"之前|之后|后记得|以后|前先|以前|前请|前记得|的时候|时记得|时请|时要")


# The five patterns that scan every text (_URGING, _RELIEF, _HEALTH, _MINOR, _DRIVE) are built by
# _scanner: every alternative begins with a plain character and the alternatives are grouped by
# it (一(?:口闷|饮而尽|…)|喝(?:…)): `re` then skips ahead to the characters that can begin a term,
# and there every group but one fails at its first character (a year's plan: about 0.3 s).
def _each(heads: str, tail: str = "") -> str:
    """ "A|B", tail → "A" + tail + "|B" + tail: an alternative per head, each beginning with it;
    heads that share their first character share the tail (累(?:|劲)tail), which keeps it short."""
    groups: dict[str, list[str]] = {}
    for head in heads.split("|"):
        groups.setdefault(head[0], []).append(head[1:])
    return "|".join(first + (f"(?:{'|'.join(rests)})" if rests != [""] else "") + tail for first, rests in groups.items())


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (ours: no escaped brackets inside classes)."""
    out: list[str] = []
    current: list[str] = []
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    return [*out, "".join(current)]


def _scanner(*parts: str, tail: str = "") -> str:
    """One pattern of the alternatives in `parts`, each followed by `tail`, grouped by first character
    (compiled when first used, by _checks: a plan without `industry: alcohol` never pays for it)."""
    groups: dict[str, list[str]] = {}
    for alternative in _alternatives("|".join(parts)):
        if not alternative or alternative[0] in "()[]{}\\.^$*+?|":
            raise ValueError(f"a scanning alternative must begin with a plain character: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(first + "(?:" + "|".join(rests) + ")" + tail for first, rests in groups.items())


def _one_of(words: str) -> str:
    """A group matching any of the plain words "A|B|…" that fails at once on a character none of
    them begins with (what follows a bounded gap is tried at every length of the gap)."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        if not word or re.escape(word) != word:
            raise ValueError(f"not a plain word: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return (
        "(?=["
        + "".join(groups)
        + "])(?:"
        + "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())
        + ")"
    )


_GAP = _IN_CLAUSE + "{0,%d}?"  # a few characters inside the clause: _GAP % 4
_SENTENCE_GAP = "[^。！!；;\n]{0,12}?"  # across a comma or a ？: 再大的烦恼，一壶老酒都能化开; 不痛快？喝两杯就痛快了
# then the drink, not negated just before it (烦的时候别喝闷酒); across a ？ (睡不好？来一杯)
_REMEDY_GAP = "[^。！!；;\n]{0,10}?(?<![别不勿没莫])(?<!不要)(?<!不用)"
# Drinking, just before a state it is claimed to bring (一杯下肚就开心了, 喝完浑身暖和).
_REMEDY = (
    "就来|来一|来两|来上|喝一|喝两|喝点|喝上|倒一|倒上|整一|整两|整上|抿一|小酌|需要一|就要一|一瓶|一杯|一罐|一口"
    "|来瓶|来杯|来罐|一小杯|一小口|一小盅|小杯|小盅"
)  # the drink, after a trouble: 睡不着就来一杯, emo的时候就需要一瓶
_AFTER_DRINKING = "酒后|喝完|喝了|喝上|喝下|喝点|下肚|下去|来一杯|来一口|来两口|小酌|一杯|一口|两口"

# Urging: fixed phrases, read before any negation (不醉不归 is a finding, not a negation).
_URGING = _scanner(
    r"不醉不[归休散回]|一醉方休|不喝白不喝",
    _each(
        "不喝|不醉|不干",
        _GAP % 4 + r"(?:不是|不算|不够|不给|看不起|没)(?:兄弟|朋友|哥们|姐妹|面子|意思|男人|爷们|交情|感情|好汉|英雄|汉子)",
    ),
    _each("才是|才叫|才算|就是", r"真?(?:朋友|兄弟|哥们|男人|爷们|好汉|感情|交情)"),
    r"就看这一?[杯口瓶]|看这一?杯|看你喝",
    r"不喝" + _GAP % 4 + _one_of("说不过去|不行|可不行|不像话|不够意思|对不起|不给面子|不算数"),
    _each("是兄弟|是朋友|够朋友|够兄弟|是男人|是爷们", "就" + _GAP % 3 + _one_of("喝|干|闷|整")),
    _each("不喝|不醉|不干|不倒|不趴|不吐|不整|不来|不拿下", _GAP % 4 + r"不(?:归|休|散|走|回|许|准|让|罢休|下桌|算完)"),
    _each("不喝|不醉|不干", _SENTENCE_GAP + _one_of("怎么对得起|哪对得起|对得起|怎么好意思|怎么行|哪行")),
    r"宁伤身体|宁可伤身|宁可胃上|不伤感情|舍命陪君子|今朝有酒今朝醉|感情深|感情铁",
    _each("给个面子|给点面子|赏个脸|赏脸", _GAP % 4 + _one_of("喝|干|来一")),
    r"谁先(?:倒下|倒|趴下|趴|醉)|谁不(?:喝|干)谁|一杯不够|两杯不够|一瓶不够|一口不够",
    r"喝到(?:天亮|半夜|深夜|凌晨|打烊|走不动|位|底)|喝通宵|通宵喝|喝透",
    r"酒量" + _GAP % 3 + r"练出来|越喝越(?:年轻|精神|有劲|带劲|来劲|能喝|漂亮|有面子)",
    r"能喝[一二两三四五六七八九十半几]" + _GAP % 4 + r"喝[一二两三四五六七八九十半几]|喝酒不(?:积极|痛快|爽快|干脆)",
    _each("就是|才叫|才算", "给面子"),
    r"不给[我你他咱]?面子|看不起我|瞧不起我|不许走|不准走|不让走|别想"
    + _GAP % 4
    + _one_of("走|跑|躲|溜|回|清醒|站着|离开|散")
    + r"|谁怕谁|谁[也都]别想|谁[也都]不[许准]",
    r"才算(?:开场|开始|尽兴|够意思|到位|喝好|兄弟|朋友)|才刚开始|大口(?:喝|干|闷)(?!"
    + _SOFT
    + r")|一口气喝(?!"
    + _SOFT
    + r")|一口气(?:干|闷|吹)|干完(?:这|那)?[杯瓶碗箱]|整瓶(?:喝|干|吹)",
    _each("几|三|五|十|整", "[杯瓶]" + _GAP % 4 + r"才(?:过瘾|尽兴|够意思|叫爽|算喝)"),
    _each("三|五|十", "[杯瓶]起步"),
    r"一口闷|一饮而尽|一口干(?![净饭货粮脆燥果])|先干为敬|干了这杯|干[一二两三四五六七八九十几]杯|连干|对瓶吹|吹瓶|吹一瓶",
    r"干了(?<![我你他她活口嘴喉晒风烘晾蒸烤吹擦洗烧]干了)(?=这杯|这一杯|这瓶|这碗|这口|那杯|它|吧|啊|[，,。！!？?\n]|$)",
    r"干杯(?!是|的|文化|礼)",
    r"划拳|猜拳|行酒令|输的喝|输了喝|输了就喝|酒品看人品|酒品如人品|酒品即人品|干(?<![^，,。！!？?\n 　]干)(?=[！!])",
    r"喝个?痛快|痛饮|畅饮|豪饮|狂饮|猛喝|拼酒|斗酒|比酒量|劝酒|罚酒|自罚|罚[一二两三]杯",
    r"喝[到个得]?(?:趴下|趴|倒|翻|高了|嗨|爽(?!口)|尽兴|够|断片|吐)|喝醉(?![了的过])|醉一场|烂醉|千杯不醉|千杯少",
    r"谁喝得多|喝得越多|喝得多的|喝得最多|喝够量|一杯接一杯|一杯又一杯|一瓶接一瓶",
    r"再来一杯|再喝一杯|再来一瓶|多来几杯|多喝(?:几[杯口瓶]?|两[杯口瓶]?|一[杯口瓶]|点(?!儿?" + _SOFT + r"))",
    r"满上|走一个|续杯|喝起来(?=[！!]|$)",
    _each("一起|大家|快|赶紧|都|来", "喝起来"),
    _each("必须|非得|也得|就得|都得|一定得|不能不|更要|也要|都要|还得|更得", r"(?:喝|干|整|来一)(?![完掉])"),
    _each(
        "喝多少|喝多了?|喝再多|多喝|怎么喝|喝一斤|喝一瓶|喝两斤",
        _GAP % 6 + _one_of("不上头|不头疼|不头痛|不难受|不口干|不伤身|没事|没问题|不醉|没关系|不要紧|不怕"),
    ),
    _each("随便|随意|敞开|放开|撒开|甩开|尽情|尽管|使劲|可劲|放肆", "了?(?:肚子|肚皮)?喝(?!" + _SOFT + r")"),
    r"谁"
    + _GAP % 6
    + r"谁"
    + _one_of("买单|埋单|请客|付钱|罚|喝|干")
    + r"|往死里|灌醉|灌倒|扶墙走|不算酒|喝(?<![^，,。！!？?\n 　]喝)(?=[！!])",
    _each("不喝|不喝酒", _SENTENCE_GAP + _one_of("白在|白活|枉|算什么|不是男人|不算男人|没意思|没劲|不够爷们")),
    r"酒水?管够|喝的管够|无限畅饮|一人一箱|一人一瓶|每人一瓶|每人一箱|人手一瓶",
    # a reward for drinking: 喝酒拍视频，奖励代言人; 喝完一箱就送一瓶
    _each("喝酒|喝完|喝光|喝掉|干掉|喝得", _SENTENCE_GAP + _one_of("奖励|有奖|领奖|免单|返现|赠送|送一|送你|就送|送整")),
)

# Relief of fatigue, worry, sleeplessness (needs someone drinking in the sentence).
_RELIEF = _scanner(
    r"解乏|去乏|消乏|解压|减压|舒压|释压|解忧|忘忧|消愁|解愁|解闷|排忧|解千愁|助眠|安眠|催眠|提神|醒脑|满血复活|治愈|疗愈",
    r"精神头|来精神|更精神|有精神|精神百倍|放松身心|放松心情|治失眠|治疗失眠",
    _each(
        "缓解|消除|赶走|告别|驱散|忘掉|忘却|化解|拜拜|再见|远离|甩掉|摆脱|解除|治好|治疗",
        _GAP % 4 + _one_of("压力|焦虑|紧张|疲劳|疲惫|烦恼|忧愁|失眠|情绪|郁闷|乏累|劳累|烦心事|坏心情|不开心"),
    ),
    # 解乡愁, 消忧, 去乏, 解疲乏
    _each("解|消|忘|排|去|散", "[^不没" + _CLAUSE_END + "]{0,2}?" + _one_of("愁|忧|闷|乏|疲|烦")),
    r"解[千百万]愁|壮胆|壮壮胆|酒壮|续命|充充电|充电(?![宝器桩线站])|回回血",
    _each("睡眠|睡眠质量", _GAP % 4 + _one_of("变好|更好|提高|提升|改善|上涨|往上涨|蹭蹭")),
    r"睡个好觉|好眠|一夜好梦|一夜安眠",
    _each(
        _AFTER_DRINKING,
        _GAP % 6
        + r"(?:就|立马|马上|瞬间|立刻|一下子?)(?:开心|快乐|高兴|轻松|精神|不累|不困|不烦|有精神|来精神|痛快|舒坦|舒服|好了|翻篇)",
    ),
    r"灵感源源不断|文思泉涌|来灵感|有灵感|思路更清晰|头脑更清醒|更清醒|神清气爽|干活有劲|更有劲|有劲儿|浑身有劲|能让人忘|让人忘掉|让人忘记|忘掉烦|忘掉不开心",
    _each("改善|提高|提升", "睡眠"),
    _each(
        "累|乏|疲惫|疲劳|疲倦|困意|辛苦|烦恼|烦心事|心事|心里的事|心结|忧愁|愁|压力|焦虑|紧张|郁闷|坏心情|不开心|不愉快"
        "|烦闷|委屈|难过|伤心|孤单|寂寞|emo|失眠|乏劲|累劲|不痛快|不顺心|闹心|憋屈",
        _SENTENCE_GAP
        + _one_of(
            "翻篇|痛快了|好了|好多了|舒坦了|减轻|缓解|没了|没有了|没啦|秒没|全没|消了|消失|全无|全消|全忘|忘了|忘光|不见了|跑了|散了|一扫而光"
            "|一扫而空|烟消云散|抛到脑后|抛诸脑后|无影无踪|飞走了|解了|都忘|化开|化了|放下了|都带走|全带走"
            "|都赶走|冲淡|抚平|治好|拜拜|再见|退散|走开|溜了|跑光|不见|九霄云外|抛开|抛掉|抛在脑后|没影|皆可抛|可抛|都抛|全抛|丢掉|都丢|喝掉|喝没|喝走|喝散|喝跑|喝光"
            "|散去|消散"
        ),
    ),
    # trouble, then the drink as the remedy: 睡不着就来一杯, 压力大就来一杯, 心情不好喝两口
    _each(
        "睡不着|失眠|睡不好|难入睡|累了|太累|疲惫|心烦|烦的时候|烦了|压力大|不开心|心情不好|失恋|emo|难过",
        _REMEDY_GAP + _one_of(_REMEDY),
    ),
    r"赛过神仙|赛神仙|快活似神仙|快乐源泉|快乐的源泉|比安眠药",
    r"减减压|解解乏|解解闷|解解愁|提提神|放松放松",
    _each("就|都|再也", r"不(?:愁|烦|累|困|乏|闷|孤单|孤独|寂寞|难过|伤心|emo)了"),
    _each("瞬间|立马|马上|立刻|一下子|就能", r"(?:放松|轻松|舒坦|解压|不累了|不困了)"),
    _each("想开|想通|看开|看淡", "了"),
    r"心情" + _GAP % 4 + r"(?<!不)" + _one_of("好了|变好|好起来|舒畅|大好|美美|美滋滋|倍儿好|敞亮|愉悦|开朗"),
    _each("整个人|浑身|一身|全身|身心", _GAP % 3 + _one_of("轻松|舒坦|舒畅|放松|通透")),
    r"睡得" + _GAP % 2 + r"(?:香|沉|踏实|安稳|舒服|熟|好)|一觉(?:睡)?到(?:大)?天亮|倒头就睡|秒睡|好入睡",
    _each("容易|更快|快速|很快", "入睡"),
)

# Effects on the body (needs someone drinking in the sentence).
_HEALTH = _scanner(
    r"养胃|暖胃|护胃|健胃|护肝|养肝|保肝|不伤肝|不伤胃|不伤身体?|不伤脑|腰不酸|腿不疼|不腰酸|不腿疼",
    r"暖身|驱寒|御寒|祛寒|散寒|祛湿|活血|化瘀|通络|舒筋|活络(?:筋骨|经络)|软化血管|通血管",
    r"降血压|降血脂|降血糖|降三高|降压|延年益寿|益寿|活到(?:九十|一百|百岁)|养生|保健(?:作用|功效|功能|效果|价值)",
    r"滋补|补肾|壮阳|补气|补血|养血|强身|健体|增强(?:免疫力|抵抗力|体质|体力)|美容|养颜|抗衰老?|抗氧化|防癌|抗癌|排毒",
    _each("补充|增加|恢复", "体力"),
    r"精力(?:旺盛|充沛|十足)|精神抖擞|精神焕发|浑身是劲|有力气|下奶|催奶|催乳|通乳|补身子|补身体|调理身体",
    _each("是|当|算|就是|当作", "保健品"),
    r"助消化|促消化|促进血液循环|血液循环|新陈代谢|促进代谢|治病|包治|药用价值|有益健康|有益身心",
    r"对"
    + _GAP % 3
    + _one_of("身体|健康|胃|肝|心脏|血管|心血管|睡眠|皮肤|肠胃|骨头|关节")
    + _GAP % 2
    + _one_of("好|有好处|有益|有帮助|有益处")
    + r"|越喝越(?:健康|长寿)",
    # a complaint of the body, then it is gone: 喝点酒，感冒好得快
    _each(
        "感冒|头疼|头痛|胃疼|胃痛|腰疼|腿疼|关节疼|老寒腿|风湿|便秘|手脚冰凉",
        _SENTENCE_GAP + _one_of("好得快|好了|好多了|没了|不疼了|消了|缓解|减轻|跑了|治好"),
    ),
    _each("驱散|驱|祛|排|赶走|散", _GAP % 4 + _one_of("寒气|湿气|寒|湿")),
    r"身体(?:倍儿)?[好棒](?!的)|身子骨硬朗|比"
    + _GAP % 2
    + _one_of("补品|保健品|吃药|补药|人参")
    + r"|温补|养人|大补|进补|补身|头不疼|口不干|头不晕|不头晕|暖到心里|暖到胃里|暖遍全身|暖到脚|从头暖到脚|活络血脉|疏通血脉|通经|预防感冒|防感冒|抗病毒|杀菌|消炎|百药之长",
    _each("治|治疗|专治|包治|根治", _GAP % 2 + _one_of("风湿|老寒腿|关节炎|关节|胃病|感冒|失眠|百病|腰疼|腿疼|三高")),
    _each("手脚冰凉|手脚冰冷|怕冷|体寒|宫寒|胃寒|腰疼|腿疼|关节疼|气血不足|身子虚|体虚", _REMEDY_GAP + _one_of(_REMEDY)),
    r"第二天" + _SENTENCE_GAP + _one_of("不难受|不头疼|不头痛|不上头|不口干|没感觉|照样上班|照常上班|照样早起|神清气爽"),
    _each(
        "眼睛|视力|腰|腿|腰腿|关节|颈椎|胃|肠胃|肝|心脏|血管|血压|血脂|皮肤|气色|脸色|身体|身子骨|体质|免疫力|手脚",
        _GAP % 3 + r"(?:舒服了|好了|好多了|不疼了|不酸了|更健康|越来越健康|变健康|健康了|更年轻|硬朗|红润|变好|改善|通了"
        r"|软化|更好|增强|提高|越来越好|棒|倍儿棒|杠杠的|亮了|明亮)",
    ),
    _each(
        "能|可以|可|有助于|帮助|帮你",
        r"(?:预防|防|抗|降低|改善|调节|保护|增强|促进|缓解|治疗|治|防止|延缓|减少|疏通|软化|美白|养护)"
        + _GAP % 3
        + _one_of(
            "血|心|胃|肝|肾|睡眠|免疫|体质|皮肤|衰老|疾病|病|三高|感冒|流感|新冠|病毒|癌|关节|风湿|骨|气色|循环|代谢"
            "|消化|身体|健康"
        ),
    ),
    _each(_AFTER_DRINKING, _GAP % 6 + r"(?:就|立马|马上|瞬间|立刻|一下子?)?(?:暖和|暖了|热乎|有劲|来劲|身子暖|浑身暖)"),
    r"喝" + _GAP % 6 + _one_of("好处多|有好处|身体好"),
    _each("浑身|全身|身上|身子|身体|胃里|肚子里?|手脚|四肢|心口|胸口", _GAP % 4 + _one_of("暖|热乎|热起来|发热|发烫")),
)
_FRAGMENT = 8  # a sentence this short (解乏神器！) is read with the next one
# An effect word that is about something else, after it (养生茶具, 暖身贴, 驱寒的姜茶, 暖胃汤) or
# just before it (泡脚驱寒, 咖啡豆，提神又好喝).
_OTHER_THING = re.compile(
    r"的?[^酒"
    + _CLAUSE_END
    + r"]{0,3}?(?:茶|汤|粥|咖啡|饮料|果汁|贴|衣|袜|垫|鞋|手套|餐|菜|食谱|操|运动|泡脚|足浴|按摩|讲座|课|馆"
    r"|壶|具|灯|玩具|公司|行业|市场|院|店|药(?!酒)|片)"
)
_SENSE_BEFORE = re.compile(r"(?:香气|香味|气味|闻着|闻起来|看着|颜值|包装|设计|颜色)[^" + _CLAUSE_END + r"]{0,2}$")  # 香气很提神
_OTHER_BEFORE = re.compile(r"咖啡|茶|汤|果汁|饮料|泡脚|足浴|按摩|运动|锻炼|跑步|睡觉|休息|穿衣|穿暖")

# Minors and students, then (after the term, in the sentence) someone drinking; for students
# also buying or an offer (学生专享, 凭学生证打八折) unless the sentence is about a banquet the
# adults drink at (升学宴用酒, 满月酒). Not a parent (学生家长, 孩子的父母).
_STUDENTS = "00后|高中毕业|初中毕业|中学毕业|大学宿舍|学生宿舍|小学生|中学生|初中生|高中生|大学生|学生(?!时代|时期|年代|那会)|考生|高考|中考|高三|高一|高二|初中|放学|校园|寝室"
_STUDENT = re.compile(_STUDENTS)
_MINOR = _scanner(
    r"老少皆宜|老少咸宜|男女老少|全家老小|孩子|小孩|小朋友|宝宝(?!们)|小宝|小家伙|萌娃|幼儿|婴儿|儿童|未成年|青少年|娃(?![娃哈])|十八岁以下|18岁以下",
    _each(
        "1(?<![0-9]1)[0-7]|十[一二三四五六七]?|一|二|三|四|五|六|七|八|九",
        r"岁(?:生日|的?(?:孩子|女儿|儿子|闺女|娃|小孩|你|他|她|少年|学生))",
    ),
    _STUDENTS,
    tail=r"(?!们?的?(?:家长|父母|爸妈|妈妈|爸爸|爷爷|奶奶|姥姥|姥爷|外公|外婆|老师))(?![他她]?[爸妈])",
)
_MINOR_REACH = 20  # characters after the term where the drinking or the offer must be
_ACT = re.compile(
    r"喝(?!"
    + _SOFT
    + r")|尝(?!"
    + _SOFT
    + r")|饮(?!料|水|茶|品)|抿|沾|蘸|舔|小酌|碰杯|干杯|敬酒|喂|灌|抹|品酒(?![师会])|品鉴(?![会师])|试饮|品尝|入口|倒(?!"
    + _SOFT
    + r")"
    r"|来[一两几半]?[小大]?[瓶杯罐口盅]|来一?点(?!"
    + _SOFT
    + r")|喝一?点(?!"
    + _SOFT
    + r")|[一两几半][小大]?[杯盅罐](?!"
    + _SOFT
    + r")"
)
_OFFER = re.compile(
    r"买|购|专享|专属|特惠|特价|优惠|[一二三四五六七八九]折|折扣|半价|打折|福利|套餐|必备|必带|价|领|囤|箱"
    r"|(?<!品)酒(?![店厂庄窖行师业文史具])|啤|精酿"
)
# Where the children's part of a sentence ends: they drink juice (孩子们喝果汁), or the adults come in.
_KIDS_STOP = re.compile(r"(?:喝|尝|饮)" + _SOFT + r"|大人|成年人|家长|爸妈|老板|客人")
_BANQUET = re.compile(r"宴|酒席|喜酒|满月酒|百日酒|家长|父母|爸妈|长辈")
# A sentence that protects minors: 未成年人请勿饮酒, 本店不向未成年人售酒, 购酒需出示身份证.
_PROTECT = re.compile(
    r"请勿|禁止|严禁|不得|谢绝|拒绝|不卖|不售|不向|不宜|不适合|不能|不可以|不要给|别给|别让|不让|出示身份证|核验身份"
    r"|查验身份|年满(?:18|十八)|满18|成年后|仅限成年|不含酒精|无酒精|无醇|零酒精"
)

# Driving: a driving word and someone drinking in the same sentence.
_DRIVE = _scanner(
    r"开车(?<!打开车)(?![窗门库])|驾车|自驾|驾驶|开回家|开回去|开回|上路|方向盘|开着车|边开边|骑车"
    r"|开长途|跑长途|开夜车|开货车|开出租|司机|开走|骑电瓶车|骑电动|骑摩托|骑自行车|查不出|测不出|吹不出"
    r"|开摩托|开电动|开电瓶|开三轮|开卡车|开船|开飞机|不算酒驾|不是酒驾|不算醉驾|算不上酒驾|不怕酒驾|酒驾怕什么|酒驾没事|照样开|照开|还能开"
)
_DRINK_ACT = re.compile(
    r"酒后(?!不|勿|请勿|禁止|别)|喝(?!"
    + _SOFT
    + r")|饮(?!料|水|茶|品)|干杯|小酌|酌|醉(?!驾)|[一两几半][小]?杯|来[一两几半]?[小大]?[杯口罐瓶盅]"
    r"|[一两几]口(?![价碑味感气号子径令音袋罩])"
)
_PERMIT = re.compile(r"也没事|没事|没关系|不要紧|照样|不影响|不耽误")
# A yes to the question before it (初中生也能喝？能！ 喝完酒开车？没事): the question is a claim.
_YES = re.compile(
    r"\s*(?:没事|没问题|可以(?!吗)|当然能|当然可以|能(?![不吗])|照样|照开|(?:喝|少喝|来)一?点(?:没事|没关系|不要紧|没问题))"
)
# The sentence is the safety message itself: 喝酒不开车, 叫代驾, 开车的换茶, 酒后请勿驾车.
_DRIVE_SAFE = re.compile(
    r"代驾|无醇|无酒精|零酒精|(?<!不算)(?<!不是)(?<!不会)(?<!算不上)(?<!不怕)(?:酒驾|醉驾)(?!怕什么|没事|没关系|查不出|也没事)|酒后(?:不|勿|请勿|禁止|别)|不开车|别开车|不要开车|不能开车"
    r"|勿开车|不驾车|勿驾|寄存|存在店里|存酒|下次再|改天再|开车不喝|开车的"
    + _IN_CLAUSE
    + r"{0,8}?(?:茶|水|饮料|果汁)|换成?茶|叫车|打车|滴酒不沾"
    r"|(?:别|不要|不能|勿)(?:碰|摸|握)方向盘|(?:回去|回家|到家|到了|下车|停好车)" + _GAP % 2 + "再喝"
)


_LOOK_BACK = 20  # how far before a term its clause is read for a negation (bounded: a clause can be a megabyte)
_NEAR = 20  # how far before an effect term a tea, a coffee or a foot bath is looked for


class _Sentences:
    """The sentences and clauses of one text (made only for a text with a candidate), and what
    is known of each: every question asked of a sentence or a clause is answered once, so a
    text of a million candidates is still read in linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self.clause_ends = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        self.known: dict[tuple, bool] = {}
        self.last_clause: tuple[int, tuple[int, int]] = (-1, (0, 0))

    @staticmethod
    def _around(ends: list[int], length: int, index: int) -> tuple[int, int]:
        at = bisect_right(ends, index - 1)  # the first break at or after index
        start = ends[at - 1] + 1 if at else 0
        return start, ends[at] if at < len(ends) else length

    def sentence(self, index: int) -> tuple[int, int]:
        return self._around(self.sentence_ends, len(self.text), index)

    def clause(self, index: int) -> tuple[int, int]:
        if index != self.last_clause[0]:  # asked three times in a row about one term
            self.last_clause = (index, self._around(self.clause_ends, len(self.text), index))
        return self.last_clause[1]

    def has(self, pattern: re.Pattern, start: int, end: int) -> bool:
        """Whether `pattern` occurs in text[start:end], remembered for the span."""
        key = (pattern, start, end)
        if key not in self.known:
            self.known[key] = pattern.search(self.text, start, end) is not None
        return self.known[key]

    def negated(self, index: int) -> bool:
        """Whether a negation word stands before text[index] in its clause (within _LOOK_BACK)."""
        start = max(self.clause(index)[0], index - _LOOK_BACK)
        return any(m.group("neg") for m in _NEGATION.finditer(self.text, start, index))

    def asked(self, index: int) -> bool:
        """Whether the clause of text[index] is a question (喝酒能暖身？ 是不是真的)."""
        start, end = self.clause(index)
        if not ((end < len(self.text) and self.text[end] in "？?") or self.has(_QUESTION, start, end)):
            return False
        return not self.answered_yes(end)

    def answered_yes(self, end: int) -> bool:
        """Whether the sentence after text[end] (a ？) answers yes, with no safety message in it."""
        if end + 1 >= len(self.text) or not _YES.match(self.text, end + 1):
            return False
        return not self.has(_DRIVE_SAFE, *self.sentence(end + 1))

    def debunked(self, index: int) -> bool:
        """Whether the sentence says the claim is false (误区, 谣言, 千万别信)."""
        return self.has(_DEBUNK, *self.sentence(index))

    def wished(self, index: int) -> bool:
        """Whether the clause wishes it (祝大家身体棒棒, 愿您睡个好觉): a greeting, not a claim."""
        start = max(self.clause(index)[0], index - _LOOK_BACK)
        return _WISH.search(self.text, start, index) is not None

    def drinking(self, start: int, end: int) -> bool:
        """Whether someone drinks liquor in text[start:end] (not 少喝酒, 不喝酒, 戒酒)."""
        key = ("drinking", start, end)
        if key not in self.known:
            self.known[key] = any(
                not _LESS.search(self.text, max(0, m.start() - 2), m.start()) for m in _DRINKING.finditer(self.text, start, end)
            )
        return self.known[key]

    def drinks_and_drives(self, start: int, end: int) -> bool:
        """Whether the sentence text[start:end] has drinking that it does not negate."""
        key = ("driving", start, end)
        if key not in self.known:
            self.known[key] = any(not self.negated(m.start()) for m in _DRINK_ACT.finditer(self.text, start, end))
        return self.known[key]


def _urging(words: _Sentences, match: re.Match) -> tuple[int, int] | None:
    index = match.start()
    if _BEFORE.match(words.text, match.end()) or words.asked(index) or words.debunked(index):
        return None  # 干杯之前先吃点东西; 劝酒才显得热情？误区
    if words.has(_MODERATE, *words.sentence(index)):
        return None  # 满上一小杯，慢慢品
    near = max(words.sentence(index)[0], index - _NEAR)
    if _OTHER_BEFORE.search(words.text, near, index) and not _DRINKING.search(words.text, near, index):
        return None  # 店里的茶水随便喝
    if _REPORTED.search(words.text, max(0, index - 3), index):
        return None  # 酒桌上有人劝酒，可以直接说不能喝
    if not _PRESSURE.match(match.group()) and words.negated(index):
        return None  # 本店从不劝酒, 别一口干了; but 不把这箱喝完谁也不许走 is pressure
    return match.span()


def _effect(words: _Sentences, match: re.Match) -> tuple[int, int] | None:
    text = words.text
    if _OTHER_THING.match(text, match.end()):
        return None  # 养生茶具, 暖身贴, 驱寒的姜茶
    sentence_start, end = words.sentence(match.start())
    # The drinking the effect is claimed for: in the sentence (忘忧酒, 越喝越健康, 一杯下肚…没了),
    # the sentence before it on the same line (就来一口！什么不开心都没了), or after a short
    # headline fragment (解乏神器！好喝的米酒…).
    start = sentence_start
    if start > 0 and text[start - 1] != "\n":
        start = words.sentence(start - 1)[0]
    end = max(end, words.sentence(match.end() - 1)[1])  # 睡不好？试试睡前一小杯黄酒
    if end - sentence_start <= _FRAGMENT and end < len(text) and text[end] != "\n":
        end = words.sentence(end + 1)[1]
    if not words.drinking(start, end):
        return None  # nobody drinks, or only 少喝酒 / 不喝酒 / 戒酒
    near = max(sentence_start, match.start() - _NEAR)
    if _OTHER_BEFORE.search(text, near, match.start()) and not _DRINKING.search(text, near, match.start()):
        return None  # 泡脚驱寒, 咖啡豆，提神又好喝: the effect of something else
    if _SENSE_BEFORE.search(text, near, match.start()):
        return None  # 这款酒的香气很提神: the aroma, not an effect of drinking
    last = match.end() - 1  # a question is about the claim, at the end of the match: 喝酒能暖身？
    if words.negated(match.start()) or words.asked(last) or words.debunked(last) or words.wished(match.start()):
        return None
    return match.span()


def _minors(words: _Sentences, match: re.Match) -> tuple[int, int] | None:
    text = words.text
    start, end = words.sentence(match.start())
    if words.has(_PROTECT, start, end) or words.debunked(match.start()) or words.negated(match.start()):
        return None
    reach = min(end, match.end() + _MINOR_REACH)
    stop = _KIDS_STOP.search(text, match.end(), reach)
    if stop:
        reach = stop.start()
    acts = [(_ACT, reach)]
    if _STUDENT.match(match.group()) and not words.has(_BANQUET, start, end):
        acts.append((_OFFER, min(reach, words.clause(match.start())[1])))  # an offer in the students' clause
    for pattern, until in acts:
        for act in pattern.finditer(text, match.end(), until):
            if not words.negated(act.start()) and not words.asked(act.start()):
                return match.start(), act.end()
    return None


def _driving(words: _Sentences, match: re.Match) -> tuple[int, int] | None:
    index, text = match.start(), words.text
    start, end = words.sentence(index)
    if end < len(text) and text[end] in "？?" and words.answered_yes(end):
        # 喝完酒开车？没事; 喝酒不开车？喝一点没关系的: a question about drinking, answered yes
        return match.span() if words.drinking(start, words.sentence(end + 1)[1]) else None
    if words.has(_DRIVE_SAFE, start, end) or words.negated(index) or words.debunked(index) or words.asked(index):
        return None  # 喝酒不开车; 喝完能开车吗？
    if not words.drinks_and_drives(start, end) and not (words.has(_PERMIT, start, end) and words.drinking(start, end)):
        return None  # 开车来的也没事，咱这是低度酒: liquor and a permission, without a drinking verb
    return match.span()


_PER_SENTENCE = 16  # candidates of one family judged in one sentence, at most (a real sentence has a few)


@cache
def _checks() -> tuple[tuple[str, re.Pattern, Callable], ...]:
    """(family, what finds a candidate, what judges it), in the order a sentence is read."""
    return (
        ("urging", re.compile(_URGING), _urging),
        ("minors", re.compile(_MINOR), _minors),
        ("relief", re.compile(_RELIEF), _effect),
        ("health", re.compile(_HEALTH), _effect),
        ("driving", re.compile(_DRIVE), _driving),
    )


def findings(text: str) -> Iterator[tuple[str, int, int]]:
    """(family, start, end) of each breach in `text`: at most one per family and sentence."""
    words: _Sentences | None = None
    tried: dict[tuple[str, int], int] = {}  # candidates judged per family and sentence; _DONE once found
    for family, pattern, judge in _checks():
        for match in pattern.finditer(text):
            if words is None:
                words = _Sentences(text)
            key = (family, words.sentence(match.start())[0])
            count = tried.get(key, 0)
            if count >= _PER_SENTENCE:
                continue  # found already, or a sentence of nothing but dismissed candidates
            span = judge(words, match)
            tried[key] = _PER_SENTENCE if span is not None else count + 1
            if span is not None:
                yield family, span[0], span[1]


@once_per_text
def _findings(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(findings(text))


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool | None = None  # default: on when site.yml says `industry: alcohol`


def enabled(plan: Plan, options: Options) -> bool:
    on = options.enabled
    if on is None:
        return bool(plan.site and plan.site.industry == "alcohol")
    return bool(on)


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple]:
    if not enabled(plan, options):
        return
    for published in index.published:
        for family, start, end in _findings(published.text):
            found = published.locate(start, end)
            if found is not None:
                yield found[0], message(family, published.context(start, end)), found[1]
