"""personal-data: a person's phone, ID, bank card, e-mail, WeChat ID, home address or child's birth date in anything published.

Why: 《个人信息保护法》 第十三条 and 第二十八条 (ID numbers, financial accounts and a child's
information are sensitive personal information); a group or a public site is no place for a
customer's or a staff member's details. Found however it is written: a mobile or a landline
with spaces, dots, dashes or brackets (139·6712·3456, (0512) 6688 1234, +86), in full-width
digits or spelt in Chinese numerals (一三八…, 幺三八…, 壹叁捌…); an 18-digit ID number with a
real province and birth date, even with a mistyped check digit; a bank-card number that passes
the Luhn check; an e-mail address; a WeChat ID after 微信, 微信号, vx, V信, 薇信 or V: (and
wxid_…); a home address down to the building, unit or room (…路…号…栋…室, 小区 3-2-501, 家住…路…号);
a child's name with a birth date (宝宝乐乐 2024年3月5日出生). Scanned: every message as sent,
headlines, titles, topic and campaign names, and also notes, playbook guidance and campaign
descriptions, which the site publishes too.

What passes: masked numbers (138****1234, 尾号5678); a number introduced as an order, waybill,
ticket or code (订单号, 快递单号, 运单号, 编号, 溯源码 …; SF…, YT…, JD…); 400 and 800 numbers;
the shop's or brand's own line, WeChat, mailbox or address introduced as its own (门店电话, 本店微信,
客服热线, 专柜, 官方, 总部, 门店地址, a landline with opening hours), but not a person's (店长的私人
号码, 我的手机, 王姐 138…); a role mailbox (service@, kefu@, invoice@ …); a company's account
(对公账户); a store in a mall or an office (…大厦, …广场 …); a birth month or a birthday with no
name. The shop's own number, mailbox, WeChat ID or address that its copy does not introduce as
its own is listed once in site.yml (Options), not allowed post by post.

Failing::

    中奖的张先生 13812345678 请联系群主；有事加我微信 laozhou_jiu88

Passing::

    中奖的张先生(尾号5678)请联系群主；订单号 2026120188812345；门店电话 0571-88205566

Options in site.yml (the shop's own published numbers, mailboxes, WeChat IDs and addresses; a
number matches however it is written, with or without spaces, dashes or +86)::

    rules:
      personal-data: {allow: ["0512-66881234", "13812345678", "shop@example.com", "文三路90号"]}
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import N_, _
from ..model import Plan
from ..plan_index import PlanIndex
from ._folding import fold
from ._helpers import once_per_text

ID = "personal-data"
SEVERITY = "error"
LAW = N_("个人信息保护法 art. 13, 28")

# Every message this rule shows, in one place: {context} is the finding with a little text
# around it, {what} and {fix} come from KINDS.
MESSAGE = N_("{context}: looks like {what} ({law}); {fix}")
# Where a shop's own number, mailbox, WeChat ID or address is declared, once for the plan.
DECLARE = {
    "number": N_("if it is the shop's own number, list it once in content/site.yml under rules: personal-data: allow"),
    "mailbox": N_("if it is the shop's own mailbox, list it once in content/site.yml under rules: personal-data: allow"),
    "WeChat ID": N_("if it is the shop's own WeChat ID, list it once in content/site.yml under rules: personal-data: allow"),
    "address": N_("if it is the shop's own address, list it once in content/site.yml under rules: personal-data: allow"),
}
KINDS = {  # kind → (what it looks like, how to fix it, the declaration to point at or None)
    "mobile": (N_("a mobile number"), N_("mask it (138****1234) or leave it out"), "number"),
    "landline": (N_("a phone number"), N_("mask it (0571-****1234) or leave it out"), "number"),
    "id": (N_("an ID-card number"), N_("mask it (3301**********1234) or leave it out"), None),
    "card": (
        N_("a bank-card number"),
        N_("mask it (尾号5678) or leave it out; a shop's own account goes out as 对公账户 with the company's name"),
        None,
    ),
    "email": (N_("an e-mail address"), N_("leave it out"), "mailbox"),
    "wechat": (N_("a WeChat ID"), N_("leave it out (point to the shop's official account instead)"), "WeChat ID"),
    "address": (N_("a home address"), N_("give no more than the district (滨江区)"), "address"),
    "child": (N_("a child's name with a birth date"), N_("give the month only (3月生日的小朋友) or leave the name out"), None),
}


def message(kind: str, context: str) -> str:
    what, fix, declare = KINDS[kind]
    fix = _(fix) if declare is None else _("{fix}; {declare}", fix=_(fix), declare=_(DECLARE[declare]))
    return _(MESSAGE, context=context, what=_(what), law=_(LAW), fix=fix)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allow: list[Annotated[str, Field(max_length=64)]] = Field(
        default=[],
        max_length=200,
        description="the shop's own published numbers, mailboxes, WeChat IDs and addresses, each written once; "
        "a number matches however it is written (spaces, dashes, +86)",
    )


# --- what the text around a finding says ---------------------------------------------------------
# Every pattern below is linear: character classes that do not overlap, every repetition bounded.

_SEP = " ·・•‧∙.\\-"  # between digit groups, after folding (NFKC: U+3000 → space, dashes → "-")
_TO_LAST_BREAK = re.compile(r"(?s).*[，,。；;！!？?\n、|｜0-9]")  # a label starts after its clause's break or a number
_SENTENCE_END = re.compile(r"[。！!？?\n]")
# The shop, the brand or a business speaking of its own line, WeChat, mailbox or address.
_SHOP = re.compile(
    r"本店|我店|小店|我们店|我们的?(?:门店|品牌|公司|客服|电话|热线|座机|微信|邮箱|地址)|联系我们|欢迎来电|来电咨询|垂询|门店|店铺|店里|店内|店面|网店|专卖店|旗舰店|体验店|直营店|专柜|"
    r"总店|分店|新店|实体店|店址|店(?:的)?(?:订.{0,2}|预约|咨询|服务)?(?:电话|座机|固话|热线|号码|微信号?|地址|邮箱|手机|联系方式)|"
    r"客服|热线|专线|官方|官网|总部|公司|品牌|厂家|厂方|酒厂|茶厂|酒庄|茶庄|酒行|茶行|酒业|茶业|工厂|前台|售后|"
    r"服务电话|咨询电话|预约电话|订购电话|服务号|公众号|订阅号|视频号|小程序|企业微信|招商|加盟|总机|办公室|营业厅|服务中心|商务|对公"
)
# A person's own: reading the last few characters before the number (店长的私人号码, 我的手机).
_PERSON = re.compile(
    r"私人|个人|私号|本人|我的|我(?=手机|电话|微信|[vV]|号码|邮箱|的卡|卡|家)|家(?:里|中)?的?(?:电话|座机|固话|手机|号码|地址)|"
    r"先生|女士|小姐|太太|阿姨|大姐|姐(?![妹们])|哥(?![们])|叔|伯|婶|舅|妈|爸|爷|奶|师傅|老师|经理|店长|老板|团长|宝妈|"
    r"家长|顾问|美容师|导购|店员|司机|快递员|同事|朋友|邻居|老公|老婆|家人|收件人|收货人|联系人|买家|顾客|客户(?!服务)|"
    r"小(?![店区程时])[\u4e00-\u9fff][ \t:：]{0,2}$"
)
_LABEL_TAIL = re.compile(r"[\u4e00-\u9fff]{2,3}(?=[ \t:：]{0,2}$)")  # 王芳 13812345678: a name right before it
# A number introduced as an order, waybill, ticket or code (the label ends with the word).
_CODE_LABEL = re.compile(
    r"(?:订单|单号|运单|物流单|快递单|工单|包裹|编号|批号|批次|溯源码|追溯码|防伪码|条码|条形码|序列号|SN|证书|许可证|"
    r"备案|代码|货号|型号|发票|流水号|交易号|券码|券号|兑换码|验证码|取件码|提货码|核销码|注册号|执照|案号)"
    r"(?:号码|号|码)?[ \t:：是为]{0,3}$"
)
_PHONE_WORD = re.compile(r"(?:电话|座机|固话|[Tt]el|TEL|☎|📞)[ \t:：是为]{0,3}$")
_CARD_WORD = re.compile(r"卡|账|帐|汇款|转账|打款|收款|支付宝")
_COMPANY_ACCOUNT = re.compile(r"对公|公户|公司账户|企业账户|单位账户|开户行|有限公司")
_HOURS = re.compile(
    r"营业|工作时间|上班时间|工作日|周[一二三四五六日天]至|周[一二三四五六日天]到|[早晚上下]午?[0-9一二三四五六七八九十]{1,2}点"
    r"|\d{1,2}[:：]\d{2}[ ]?[-~至到][ ]?\d{1,2}[:：]\d{2}"
)
_SAME_NUMBER = re.compile(r"同号|同步|也是|同微信")
_TRAIL_SHOP = re.compile(
    r"[ \t]{0,2}(?:转[ ]?\d{1,5}[ \t]{0,2})?(?:[(（][^()（）\n]{0,8}(?:本店|门店|店铺|专柜|客服|热线|官方|总部|公司)"
    r"[^()（）\n]{0,8}[)）]|[是为](?:我们|本店|门店|店里|店铺|专柜|客服|公司|总部|前台))"
)
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'()*+,;=%\[\]-]{1,2000}")
# A site's own footer: who to write to about a takedown, online help, office hours.
_SITE_CONTACT = re.compile(r"侵权|侵犯|联系删除|版权|在线咨询|工作时间|投稿")


def _label(text: str, start: int, width: int = 24) -> str:
    """The words just before text[start] in its clause (what introduces a number or an ID)."""
    before = text[max(0, start - width) : start]
    cut = _TO_LAST_BREAK.match(before)  # over at most `width` characters
    return before[cut.end() :] if cut else before


def _sentence(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    cuts = list(_SENTENCE_END.finditer(left))
    left = left[cuts[-1].end() :] if cuts else left
    right = text[end : end + width]
    stop = _SENTENCE_END.search(right)
    return left + text[start:end] + (right[: stop.start()] if stop else right)


def _personal(label: str) -> bool:
    """The last words before a number say it is a person's: 私人, 我的, 店长, 王姐, 王芳, 小王."""
    if _PERSON.search(label[-10:]):
        return True
    tail = _LABEL_TAIL.search(label)
    return tail is not None and any(_a_name(tail.group(0)[-size:]) for size in (2, 3) if size <= len(tail.group(0)))


def _owned(label: str) -> bool:
    """The label introduces the shop's own line and no person's."""
    return bool(_SHOP.search(label)) and not _personal(label)


# --- numbers ---------------------------------------------------------------------------------------

# A chain of digit groups: 138 1234 5678, 0571-8860 2233, (0512) 6688 1234, +86 139…, 3301…123X.
# Not inside a word or a code (SF1428…, wxid_3…), not after a mask (138****1234) or in an e-mail.
_CHAIN = re.compile(
    r"(?<![0-9A-Za-z_*@])"
    r"(?P<cc>(?:\+[ ]?86|0086)[ \-]{0,2}|[(（][ ]?\+?[ ]?86[ ]?[)）][ \-]{0,2})?"
    r"(?:[(（][ ]{0,2}(?P<area>0?\d{2,3})[ ]{0,2}[)）][" + _SEP + r"]{0,3})?"
    r"(?P<body>\d{1,20}(?:[" + _SEP + r"]{1,3}\d{1,20}){0,7}(?:[Xx](?![0-9A-Za-z]))?)"
    r"(?![0-9*@])"
)
_GROUP = re.compile(r"\d{1,20}[Xx]?")
_REGIONS = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91".split()
)
_CARD_PREFIXES = ("62", "60", "4", "5", "35", "9")


def id_number_plausible(number: str) -> bool:
    """18 characters with a province code and a birth date that can be: someone's ID, even
    with a mistyped check digit."""
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789Xx":
        return False
    if number[:2] not in _REGIONS:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= date.today().year + 1


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _mobile_shape(lengths: list[int]) -> bool:
    """138 1234 5678, 1381234 5678, 13812345678, or one digit at a time; not 1 3 5 7 9 11 13."""
    return len(lengths) == 1 or all(n == 1 for n in lengths) or (lengths[0] in (3, 4, 7) and all(n >= 3 for n in lengths))


def _landline(digits: str, lengths: list[int] | None) -> str | None:
    """The number with its area code (0 + 2 digits for 010 and 02x, else 0 + 3), a local number
    of 7 or 8 digits; `lengths` the digit groups as written (None: the area code was bracketed)."""
    if len(digits) < 10 or digits[0] != "0" or digits[1] == "0":
        return None
    area = 3 if digits[1] in "12" else 4
    local = digits[area:]
    if not 7 <= len(local) <= 8 or (area == 3 and len(local) != 8) or local[0] == "0":
        return None
    if lengths is not None and len(lengths) > 1 and (lengths[0] != area or min(lengths[1:]) < 3):
        return None
    return digits


def _number(parts: list[str], cc: bool, area: str | None) -> tuple[str, str] | None:
    """(kind, the number as digits) of digit groups written together, or None. Kinds: mobile,
    landline, local (7 or 8 digits, a phone only where the text says so), id, card, service
    (400/800: a business's)."""
    if not cc and len(parts) > 1 and parts[0] in ("86", "0086"):
        cc, parts = True, parts[1:]
    digits = "".join(parts)
    lengths = [len(p) for p in parts]
    if area is not None:  # (0512) 6688 1234
        if len(parts) > 1 and min(lengths) < 3:
            return None
        number = _landline(("" if area.startswith("0") else "0") + area + digits, None)
        return ("landline", number) if number else None
    if digits[-1] in "Xx":
        return ("id", digits.upper()) if id_number_plausible(digits) else None
    n = len(digits)
    if cc:
        if n == 11 and digits[0] == "1" and digits[1] in "3456789" and _mobile_shape(lengths):
            return "mobile", digits
        if digits[0] != "0":
            number = _landline("0" + digits, None)
            return ("landline", number) if number else None
        return None
    if n == 18 and id_number_plausible(digits):
        return "id", digits
    if 16 <= n <= 19 and (len(parts) == 1 or all(k == 4 for k in lengths[:-1])) and luhn_valid(digits):
        return "card", digits
    if n == 10 and digits[:3] in ("400", "800"):
        return "service", digits
    if n == 11 and digits[0] == "1" and digits[1] in "3456789" and _mobile_shape(lengths):
        return "mobile", digits
    if n == 13 and len(parts) == 1 and digits.startswith("861") and digits[3] in "3456789":
        return "mobile", digits[2:]
    if digits[0] == "0":
        number = _landline(digits, lengths)
        return ("landline", number) if number else None
    if n in (7, 8) and digits[0] in "2345678" and len(parts) <= 2 and not _date_like(digits):
        return "local", digits
    return None


def _date_like(digits: str) -> bool:
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    return 1 <= int(digits[4:6]) <= 12 and 1 <= int(digits[6:8]) <= 31


def _numbers(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, digits) of each number written in the text, left to right."""
    for match in _CHAIN.finditer(text):
        body_start = match.start("body")
        groups = [(body_start + g.start(), body_start + g.end(), g.group(0)) for g in _GROUP.finditer(match.group("body"))]
        cc, area = match.group("cc") is not None, match.group("area")
        i = 0
        while i < len(groups):
            for j in range(len(groups) - 1, i - 1, -1):  # the longest run of groups first
                found = _number([g[2] for g in groups[i : j + 1]], cc and i == 0, area if i == 0 else None)
                if found:
                    start = match.start() if i == 0 else groups[i][0]
                    yield start, groups[j][1], found[0], found[1]
                    i = j
                    break
            i += 1


def _number_finding(
    text: str, start: int, end: int, kind: str, digits: str, allowed: AbstractSet[str], after_own: bool = False
) -> str | None:
    """The kind to report for a number, or None when it is lawful where it stands (`after_own`:
    the number before it in the text was the shop's, so 微信同号 … is the shop's too)."""
    if kind == "service" or digits in allowed:
        return None
    label = _label(text, start)
    if after_own and _SAME_NUMBER.search(label):
        return None
    if _CODE_LABEL.search(label):
        return None  # 订单号 …, 快递单号 …: a number, not a person's
    if kind == "id":
        return kind
    if kind == "card":
        if not (digits.startswith(_CARD_PREFIXES) or _CARD_WORD.search(label)):
            return None
        return None if _COMPANY_ACCOUNT.search(_sentence(text, start, end)) else kind
    if kind == "local":
        if not _PHONE_WORD.search(label):
            return None
        kind = "landline"
    if _owned(label) or _TRAIL_SHOP.match(text, end):
        return None
    if kind == "landline" and not _personal(label) and _HOURS.search(_sentence(text, start, end)):
        return None  # a landline given with opening hours: a business's
    return kind


# --- e-mail, WeChat --------------------------------------------------------------------------------

# Each run of address characters is tried once, from its start (the look-behind), and every
# part is bounded: linear however long the value.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9._%+-]{1,64})@"
    r"(?P<domain>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)
_ROLE_MAILBOX = re.compile(
    r"(?:service|services|support|help|kefu|kf|cs|customer|info|contact|hello|admin|webmaster|postmaster|office|"
    r"hr|jobs?|careers?|zhaopin|recruit|sales?|market|marketing|bd|business|biz|hezuo|partner|cooperation|media|"
    r"press|pr|tougao|invoice|fapiao|finance|caiwu|orders?|shop|store|mall|vip|member|feedback|complaints?|tousu|"
    r"jubao|legal|noreply|no-reply|mail|email|official|guanfang)(?:[._-][a-z0-9]{1,8})?\d{0,4}"
)  # kefu01, service-cn
_MAIL_BUSINESS = re.compile(r"发票|开票|投稿|合作|招聘|简历|应聘|加盟|招商|商务|媒体|采访|售后|投诉|建议|反馈")

_WECHAT = re.compile(
    r"(?:微信号?|[vV]信|薇信|威信|徽信|(?<![A-Za-z])[vVwW][xX](?![A-Za-z])|(?<=[加+➕])[ ]?[vV](?![A-Za-z])"
    r"|(?<![A-Za-z])[vV](?=[ ]{0,2}[:：]))"
    r"[ \t]{0,2}(?:号|ID|id)?[ \t]{0,2}(?:是|为|:|：)?[ \t]{0,2}"
    r"(?P<id>[A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])"
    r"|(?<![A-Za-z0-9_])(?P<wxid>wxid_[A-Za-z0-9]{4,24})(?![A-Za-z0-9_])"
)
_NOT_AN_ID = re.compile(r"wechat|weixin|https?|www", re.IGNORECASE)
_BUSINESS_ID = re.compile(r"shop|store|kefu|official|guanfang|service|mall|flagship", re.IGNORECASE)


def _emails(text: str, allowed: AbstractSet[str]) -> Iterator[tuple[int, int, str]]:
    for match in _EMAIL.finditer(text):
        local = match.group("local").lower()
        if match.group(0).lower() in allowed or _ROLE_MAILBOX.fullmatch(local):
            continue
        label = _label(text, match.start())
        if _owned(label) or (_MAIL_BUSINESS.search(label) and not _personal(label)):
            continue
        if _SITE_CONTACT.search(_sentence(text, match.start(), match.end())):
            continue
        yield match.start(), match.end(), "email"


def _wechats(text: str, allowed: AbstractSet[str]) -> Iterator[tuple[int, int, str]]:
    for match in _WECHAT.finditer(text):
        name = "id" if match.group("id") else "wxid"
        value = match.group(name)
        if value.lower() in allowed or (name == "id" and (_NOT_AN_ID.match(value) or _BUSINESS_ID.search(value))):
            continue
        if _owned(_label(text, match.start())) or _TRAIL_SHOP.match(text, match.end(name)):
            continue
        yield match.start(name), match.end(name), "wechat"


# --- home addresses ---------------------------------------------------------------------------------

_ROOM_END = r"(?![0-9年元月日人个件平米㎡万])"
_HOME = re.compile(
    # building + (unit) + room: 5栋1203室, 6幢402, 12号楼4单元602
    r"\d{1,3}[ ]?(?:栋|幢|号楼)[ \-]{0,2}(?:\d{1,2}[ ]?单元[ \-]{0,2})?\d{2,5}(?:[ ]?[室房户])?" + _ROOM_END +
    # building + unit: 5栋2单元
    r"|\d{1,3}[ ]?(?:栋|幢|号楼)[ \-]{0,2}\d{1,2}[ ]?单元"
    # a lettered building with a unit or a room: A栋1203室
    r"|[A-Za-z][ ]?(?:栋|幢)[ \-]{0,2}(?:\d{1,2}[ ]?单元[ \-]{0,2}\d{2,5}|\d{2,5}[ ]?[室户])"
    + _ROOM_END
    +
    # unit + room: 1单元802室 (not a course's 第2单元)
    r"|(?<!第)\d{1,2}[ ]?单元[ \-]{0,2}\d{2,5}(?:[ ]?[室房户])?"
    + _ROOM_END
    +
    # a compound's building-unit-room in dashes: 清河湾花园3-2-501
    r"|(?:小区|花园|家园|苑|公寓|新村|社区|村|湾|府|城|庭|园|里|公馆|大院)[ ]?\d{1,3}-\d{1,2}-\d{2,5}"
    + _ROOM_END
    +
    # road and number, then a room: 解放路135号…1602室
    r"|(?:路|街|巷|弄|道|胡同)[ ]?\d{1,5}(?:[-之]\d{1,4})?[ ]?号[^，,。；;！!？?\n]{0,16}?\d{2,5}[ ]?[室户]"
    + _ROOM_END
)
# Where someone lives or receives parcels, then a road and number: 家住文三路90号, 收货地址：…
_LIVES = re.compile(
    r"(?:家住|住在|住址|家庭住址|家庭地址|家在|现住|收件地址|收货地址|送货地址|邮寄地址|收件人地址)[ :：]{0,2}"
    r"[^，,。；;！!？?\n]{0,20}?(?:路|街|巷|弄|道|胡同|村|小区|花园|苑|家园|公寓)[ ]?\d{1,5}(?:[-之]\d{1,4})?[ ]?号"
)
_COMMERCIAL = re.compile(
    r"大厦|广场|中心|写字楼|商务|大楼|科技园|产业园|园区|工业区|商场|商城|市场|购物|天街|银泰|万达|印象城|"
    r"步行街|商铺|底商|门面|店|铺|层|[BF]\d|会议|教室|办公|展厅|报告厅|礼堂|仓库"
)
_SHOP_ADDRESS = re.compile(
    r"门店|本店|我店|小店|店铺|店址|专卖店|旗舰店|体验店|直营店|新店|总店|分店|实体店|专柜|公司|总部|酒厂|"
    r"茶厂|工厂|仓库|展厅|办公|营业厅|厂址|酒庄|茶庄"
)


def _addresses(text: str, allowed: AbstractSet[str]) -> Iterator[tuple[int, int, str]]:
    found = [(m.start(), m.end()) for m in _HOME.finditer(text)] if _HOME_HINT.search(text) else []
    if _LIVES_HINT.search(text):
        found = sorted(found + [(m.start(), m.end()) for m in _LIVES.finditer(text)])
    for start, end in found:
        label = _label(text, start, 32)
        if _SHOP_ADDRESS.search(label) or _COMMERCIAL.search(label[-16:] + text[start : end + 6]):
            continue
        stretch = text[max(0, start - 40) : end + 10].replace(" ", "")
        if any(entry in stretch for entry in allowed if not entry.isdigit()):
            continue
        yield start, end, "address"


# --- a child's name with a birth date ---------------------------------------------------------------

_CN_DIGIT = "〇零○一二两三四五六七八九十"
_DATE = re.compile(
    r"(?:(?:19|20)\d{2}[ ]?(?:年|[./-])[ ]?)?(?<![0-9])\d{1,2}[ ]?月[ ]?\d{1,2}[ ]?[日号]"
    r"|(?<![0-9])(?:19|20)\d{2}[ ]?[./-][ ]?\d{1,2}[ ]?[./-][ ]?\d{1,2}(?![0-9])"
    r"|(?:[" + _CN_DIGIT + r"]{4}年)?[" + _CN_DIGIT + r"]{1,2}月[" + _CN_DIGIT + r"]{1,3}[日号]"
)
_BORN_BEFORE = re.compile(r"(?:出生日期|出生于|出生|生日|生于|诞生于?|生辰)[是为：: （(]{0,3}$")
_BORN_AFTER = re.compile(
    r"[ ）)]{0,2}(?:出生|生(?![产效鲜意活])|诞生|降生|出世|满[0-9一二两三四五六七八九十]{0,2}(?:周岁|岁|个月|月|百天))"
)
# Farther from the date, in its sentence: then the name must stand right before the date.
_BORN_NEAR = re.compile(r"出生|生日|生于|诞生|小寿星|周岁")
_NAME_RIGHT_BEFORE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})[ （(：:]{0,2}$")
_CHILD = "宝宝|宝贝|小朋友|小寿星|小公主|小王子|萌娃|女儿|儿子|闺女|千金|孩子|小宝|小会员|小同学"
_NAME_AFTER_CUE = re.compile(
    r"(?:" + _CHILD + r")[ ：:，,]{0,2}(?P<name>[\u4e00-\u9fff]{2,3})"
    r"(?=[ ，,（(：:、）)]|出生|生于|生日|[0-9]|$)"
)
_NAME_LABEL = re.compile(
    r"(?:(?:" + _CHILD + r")(?:名叫|名字叫|名字是|叫做|叫)|姓名|小名|乳名|大名|昵称)[是为：: ]{0,3}"
    r"(?P<name>[\u4e00-\u9fff]{2,3})"
)
_NAME_BEFORE_CUE = re.compile(r"小朋友|宝宝|小寿星|同学|小宝贝")
_CJK = re.compile(r"[\u4e00-\u9fff]{1,3}")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施牛樊葛邢乔伍庞颜倪庄"
    "聂章鲁岳翟殷詹申欧耿焦俞柳祝舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤穆卓缪"
    "褚娄窦戚岑宫卜晏卫柏瞿佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎丛仲虞敖巩佘迟邝"
)
_NOT_A_NAME = (
    "周岁",
    "周末",
    "周年",
    "满月",
    "百天",
    "今天",
    "今年",
    "明天",
    "昨天",
    "本月",
    "许多",
    "马上",
    "高兴",
    "金色",
    "白天",
    "何时",
    "万岁",
    "生日",
    "出生",
    "宝宝",
    "宝贝",
    "一岁",
    "两岁",
    "三岁",
    "妈妈",
    "爸爸",
    "姐姐",
    "哥哥",
    "弟弟",
    "妹妹",
    "爷爷",
    "奶奶",
    "姥姥",
    "姥爷",
    "婆婆",
    "公公",
    "叔叔",
    "舅舅",
    "天天",
    "常常",
    "刚刚",
    "慢慢",
    "好好",
    "渐渐",
    "偷偷",
    "悄悄",
    "轻轻",
    "早早",
    "年年",
    "月月",
    "日日",
    "次次",
    "个个",
    "人人",
    "样样",
    "处处",
    "时时",
    "稍稍",
    "往往",
    "纷纷",
    "默默",
    "久久",
    "满满",
    "大大",
    "小小",
    "高高",
    "宝妈",
    "家长",
    "会员",
    "同学",
    "小朋",
)


def _a_name(word: str) -> bool:
    """A Chinese given name or nickname: a surname and one or two characters, or 乐乐, 朵朵."""
    if any(word.startswith(stop) for stop in _NOT_A_NAME):
        return False
    return word[0] in _SURNAMES or (len(word) == 2 and word[0] == word[1])


def _names(sentence: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each child's name in the sentence: after 姓名 / 宝宝叫, after a word for a
    child (宝宝李一诺, 女儿朵朵), or before one (王梓涵小朋友, 乐乐宝宝)."""
    for match in _NAME_LABEL.finditer(sentence):
        word = match.group("name")
        if word[:2] not in _NOT_A_NAME:
            size = 2 if word[0] == word[1] else len(word)
            yield match.start("name"), match.start("name") + size
    for match in _NAME_AFTER_CUE.finditer(sentence):
        if _a_name(match.group("name")):
            yield match.start("name"), match.end("name")
    for match in _NAME_BEFORE_CUE.finditer(sentence):
        for size in (3, 2):
            word = sentence[max(0, match.start() - size) : match.start()]
            if len(word) == size and _CJK.fullmatch(word) and _a_name(word):
                yield match.start() - size, match.start()
                break


def _children(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _DATE.finditer(text):
        start, end = match.start(), match.end()
        if not _real_date(match.group(0)):
            continue
        left = text[max(0, start - 40) : start]
        cuts = list(_SENTENCE_END.finditer(left))
        offset = start - len(left) + (cuts[-1].end() if cuts else 0)
        sentence = _sentence(text, start, end, 40)
        # 李沐晨 11月3日 / 乐乐（2022年8月8日生）: a name right before the date
        right_before = _NAME_RIGHT_BEFORE.search(text, max(0, start - 5), start)
        near = None
        if right_before:
            word = right_before.group("name")
            for size in (3, 2):
                if size <= len(word) and _a_name(word[-size:]):
                    near = (right_before.end("name") - size, right_before.end("name"))
                    break
        if _BORN_BEFORE.search(text[max(0, start - 8) : start]) or _BORN_AFTER.match(text, end):
            names = [near] if near else [(offset + a, offset + b) for a, b in _names(sentence)]
        elif near and _BORN_NEAR.search(sentence):
            names = [near]
        else:
            continue
        for name_start, name_end in names:
            yield min(name_start, start), max(name_end, end), "child"
            return


def _real_date(written: str) -> bool:
    numbers = [int(n) for n in re.findall(r"\d{1,4}", written)]
    if len(numbers) < 2:
        return True  # in Chinese numerals: 三月五日
    month, day = numbers[-2], numbers[-1]
    return 1 <= month <= 12 and 1 <= day <= 31


# --- the rule ---------------------------------------------------------------------------------------

_HINT = re.compile(r"[0-9@]|信|[VvWw][Xx]|[Vv][ ]{0,2}[:：]|[加+➕][ ]?[Vv]|出生|生日|生于")
# Cheap gates, one a detector (each starts with a plain character class, which `re` scans fast):
_SEVEN_DIGITS = re.compile(r"\d(?:[^\d\n]{0,3}\d){6}")  # a number of 7 digits or more, maybe grouped
_HOME_HINT = re.compile(r"[栋幢室户]|单元|\d-\d{1,2}-\d")
_LIVES_HINT = re.compile(r"[住址]|家在")
_ASCII_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{5}")  # a WeChat ID has six letters or digits at least
_BIRTH_HINT = re.compile(r"[生岁满]|百天")
_DATE_HINT = re.compile(r"月|\d[./-]\d")


def _allowed(options: Options) -> frozenset[str]:
    """Each allowed entry as the rule compares it: a number as its digits (+86 and separators
    off, as found in text), a mailbox or WeChat ID in lower case, an address without spaces."""
    out = set()
    for entry in options.allow:
        text = fold(entry)[0].strip()
        numbers = [(kind, digits) for _s, _e, kind, digits in _numbers(text)]
        if len(numbers) == 1 and re.fullmatch(r"[0-9Xx()（）+ ·・•‧∙.\-]+", text):
            out.add(numbers[0][1])
        elif re.fullmatch(r"[0-9()（）+ ·・•‧∙.\-]+", text):
            out.add(re.sub(r"\D", "", text))
        else:
            out.add(text.lower() if text.isascii() else text.replace(" ", ""))
    return frozenset(out)


def findings(text: str, allowed: AbstractSet[str] = frozenset()) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each finding in a folded text, unordered across kinds."""
    if _SEVEN_DIGITS.search(text):
        after_own = False
        links = [m.span() for m in _URL.finditer(text)] if "://" in text or "www." in text else []
        starts = [a for a, _b in links]
        for start, end, kind, digits in _numbers(text):
            at = bisect_right(starts, start) - 1
            if at >= 0 and start < links[at][1]:
                continue  # a number in a link's path: an item's or a page's
            reported = _number_finding(text, start, end, kind, digits, allowed, after_own)
            if reported:
                yield start, end, reported
            after_own = kind in ("mobile", "landline", "service") and not reported
    if _HOME_HINT.search(text) or _LIVES_HINT.search(text):
        yield from _addresses(text, allowed)
    if "@" in text:
        yield from _emails(text, allowed)
    if _ASCII_ID.search(text):
        yield from _wechats(text, allowed)
    if _BIRTH_HINT.search(text) and _DATE_HINT.search(text):
        yield from _children(text)


@once_per_text
def _findings(text: str, allowed: frozenset[str]) -> tuple[tuple[int, int, str], ...]:
    return tuple(sorted(findings(text, allowed)))


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple]:
    allowed = _allowed(options)
    for published in index.texts(notes=True):
        text = published.text
        if not _HINT.search(text):
            continue  # no digit, no @, no WeChat, no birth date: nothing to look for (most texts)
        for start, end, kind in _findings(text, allowed):
            located = published.locate(start, end)
            if located is None:
                continue  # the template's own words: reported once, at the playbook
            yield located[0], message(kind, published.context(start, end, 6)), located[1]
            break  # one finding a text: the first in it
