"""personal-data: each family of personal data found however it is written; order numbers,
masked numbers, the shop's own lines and addresses, and what site.yml declares pass."""

from __future__ import annotations

import pytest

from generator.rules import personal_data
from generator.rules._folding import fold, original_span
from tests.support import CAL, assert_linear, found, headline_post, problems_in, say

SITE_ALLOW = "rules:\n  personal-data: {{allow: [{}]}}\n"


def codes_of(problems_of, text: str, site_extra: str = "") -> list[tuple]:
    """This rule's findings in a post saying `text` (other rules may have their own say)."""
    return [f for f in found(problems_of("posts:\n" + say(text), site_extra=site_extra)) if f[3] == "personal-data"]


@pytest.mark.parametrize(
    "text",
    [
        # mobiles, however written
        "中奖的张先生13812345678请联系群主",
        "有问题打我手机 139 0571 2288，我是小吴",
        "中奖的赵女士139·6712·3456，记得来店里领",
        "李老板的手机 +86 139 5810 2276，找他提货",
        "买家手机号：１５９．８７６５．４３２１，发货前核对",
        "钱直接转我支付宝13857120033就行",
        # spelt in Chinese numerals
        "李叔的手机是幺三九零五七一二二三四，找他拿酒",
        "收茶的陈大姐电话：一五八 五八一二 三四零一",
        "中奖粉丝手机：壹叁陆伍柒壹贰叁肆伍陆",
        "代购阿芬电话一八八-六七一二-五五零九，下单找她",
        # landlines with spaces, dots, brackets
        "刘姐家电话 0571 8765 4321，晚上打",
        "老客户吴先生家座机 (0512) 6688 1234，白天没人",
        "帮我回个电话给钱叔，021·6688 1234",
        "外婆家的电话（0512）6651 0937，月嫂到了打给她",
        "团长电话：０５７１－８８１２３４５６",
        # a person's number even where the store is named
        "门店今天不营业，有事打我手机 13605713321",
        "本店店长小何的私人号码 18657120934，周末也能找到",
        "客服热线 400-826-1588 有事找小王13858061234",
        # ID numbers: valid, and with a mistyped check digit
        "身份证 110105199001011232",
        "封坛登记：赵建国，身份证号码 370102197605143318",
        "宝宝办医保用的身份证号 44030620230615102X",
        "跨境购清关资料：身份证 5101 0419 9203 0845 21",
        # bank cards (Luhn)
        "卡号 4111 1111 1111 1111",
        "封坛定金直接打老板个人卡6222021234567890128就行",
        # e-mail
        "来信 someone@example.com",
        "中奖的小美邮箱 xiaomei1995@163.com，电子券发这里",
        # WeChat IDs
        "有事直接加我微信 laozhou_jiu88，备注买酒",
        "代购小林的微信号：Lin_meizhuang，有事找她",
        "茶艺班报名找周老师，vx：zhoucha2021",
        "新到的色号想先看实拍的，加V信 mz_xiaoqi99 发给你",
        "美妆顾问小杨 V：yang_mz0618，试色问题随时问",
        "拼团满员的宝妈可以找团长，薇信 baoma_ling666",
        "客户王小姐的微信号是 wxid_k82jd0s9p1，有货了通知她",
        "领茶请加店长微信 tea_xiaoli88",
        # home addresses
        "王姐订的两箱送到滨江区江南大道1088号5栋1203室，明天师傅直接过去",
        "吴伯伯每月的茶送到西湖区文三路90号6幢402，放门口就行",
        "黄总的酒放在他家锦绣花园18栋601，司机别送错",
        "送货地址：余杭区五常大道168号12栋1单元802室",
        "酒送到清河湾花园3-2-501，放门口",
        "邻居刘奶奶家住莫干山路1177号，酒直接送过去",
        # a child's name with a birth date
        "宝宝 乐乐 2024年3月5日出生，今天来店里拍了百天照",
        "恭喜王梓涵小朋友（2021年4月12日出生）抽中生日蛋糕",
        "宝宝李一诺，2023年8月3日生，今天满一周岁啦",
        "林嘉怡小朋友，生日2022.11.05，恭喜获得本月生日礼包",
        "宝宝叫周子墨，今年3月15日生的，欢迎来参加周岁派对",
        "宝宝姓名：黄一鸣，出生日期：2024年1月9日，已登记",
        "本周生日的小朋友：李沐晨 11月3日、赵一心 11月5日",
        "恭喜小寿星周子涵，今天(3月8日)满两周岁",
    ],
)
def test_personal_data_is_found(problems_of, text):
    assert codes_of(problems_of, text) == [(CAL, 7, "error", "personal-data")]


@pytest.mark.parametrize(
    "text",
    [
        # masked numbers
        "尾号 138****1234 的朋友",
        "中奖名单：159****2231 林小姐，136****0987 王女士",
        "中奖手机号 138 **** 6789，请联系客服领奖",
        "身份证 3301**********3410 已核验，会员开通成功",
        # order, waybill, ticket and code numbers
        "订单号 2026120188812345",
        "单号 110105199001011234",  # ID-shaped, but introduced as an order number
        "您的淘宝订单号2503151234567890123已经发货",
        "顺丰单号SF1428930125716，明早就能到",
        "京东快递单号JDX018264973520，已经签收了",
        "韵达快递单号4312567890123，明天到",
        "售后单号 3301061985071234100 已受理，三天内处理",
        "积分兑换码 8237 1649 0052 7716，有效期到月底",
        "奶粉罐上的追溯码 6287 3301 2345 6789 可以扫码查询",
        "营业执照注册号 330106000123456，挂在收银台后面",
        "点击链接 https://shop.example.com/item/13812345678 购买",
        # not a number of anyone's
        "卡号 4111 1111 1111 1112",  # fails Luhn
        "会员价 528 元，日常价 598 元",
        "第1 3 5 7 9 11 13 15号桌的客人先上菜",
        "活动期间（2025.11.01-2025.11.11）满 500 减 80",
        "对公账户：杭州醇香酒业有限公司，开户行工商银行文三路支行，账号1202021209000123456",
        # the shop's or brand's own lines
        "门店订酒电话0571-88205566，早九点到晚九点",
        "全国客服热线400-826-1588，查防伪码也打这个",
        "官方旗舰店客服 400 820 6688",
        "总部服务热线 4008-517-517，投诉建议都可以打",
        "店里座机 0571 8521 6688，营业时间都有人接",
        "母婴店门店电话（0512）6525 8899，营业时间9:00-21:00",
        "门店营业时间 09:00-21:00，电话 0571-87001234",
        "0571-88888888 转 801 是门店前台",
        "本店电话 0571-8888 6666，微信同号 13800001111",
        "开发票请发邮件到 service@mingqiantea.com",
        "经销商合作请把方案发到 hezuo@jiangxiangjiu.cn",
        "店里的微信号 lanyan_shop，新品图都发在朋友圈",
        "我们的微信公众号是 muying_daily，每周更新育儿知识",
        # the shop's own address, offices, a course's unit
        "门店地址：西湖区文三路90号1楼，欢迎来坐坐",
        "旗舰店搬到了滨江区江南大道588号恒鑫大厦1楼108室",
        "品鉴会在园区8号楼302会议室，带上邀请函",
        "育儿课程第2单元 301 教室上课",
        # dates with no name, a name with no birth date
        "2021年4月出生的宝宝可以报名周六的爬行赛",
        "3月15日生日的小会员，凭会员卡到店领蛋糕",
        "乐乐妈妈说宝宝这周睡得很好，谢谢大家的建议",
        "生产日期 2024.03.05，保质期 18 个月",
        "宝宝满月宴定在2025年3月8日，欢迎亲友",
    ],
)
def test_lawful_look_alikes_pass(problems_of, text):
    assert codes_of(problems_of, text) == []


@pytest.mark.parametrize(
    "written, declared",
    [
        ("到店前先打 0512-66881234 预约", '"0512-66881234"'),
        ("到店前先打 (0512) 6688 1234 预约", '"0512-66881234"'),  # written otherwise than declared
        ("到店前先打 0512 6688 1234 预约", '"+86 512 6688 1234"'),
        ("找老板：138 1234 5678", '"13812345678"'),
        ("资料发到 chayou2020@163.com", '"ChaYou2020@163.com"'),
        ("加微信 chaxiang_2020 看新茶", '"chaxiang_2020"'),
        ("自提地址：文三路 90号5栋1203室", '"文三路90号"'),
    ],
)
def test_a_number_declared_once_in_site_yml_passes(problems_of, written, declared):
    assert codes_of(problems_of, written) == [(CAL, 7, "error", "personal-data")]
    assert codes_of(problems_of, written, site_extra=SITE_ALLOW.format(declared)) == []


def test_only_what_is_declared_passes(problems_of):
    site = SITE_ALLOW.format('"0512-66881234", "shop@example.com"')
    assert codes_of(problems_of, "门店自提 0512-66881234，老板 13812345678", site_extra=site) == [
        (CAL, 7, "error", "personal-data")
    ]
    assert codes_of(problems_of, "写信到 xiaomei2020@163.com", site_extra=SITE_ALLOW.format('"2020"')) == [
        (CAL, 7, "error", "personal-data")
    ]  # an entry's digits are not a wildcard


@pytest.mark.parametrize(
    "text, kind",
    [
        ("有事打 13812345678", "a mobile number"),
        ("有事打 0571-87654321", "a phone number"),
        ("身份证 110105199001011232", "an ID-card number"),
        ("加我微信 laozhou_jiu88", "a WeChat ID"),
        ("送到江南大道1088号5栋1203室", "a home address"),
        ("宝宝乐乐，2024年3月5日出生", "a child's name with a birth date"),
    ],
)
def test_the_message_names_the_kind_and_a_number_says_where_to_declare_it(problems_of, text, kind):
    [problem] = [p for p in problems_of("posts:\n" + say(text)) if p[4] == "personal-data"]
    message = problem[5]
    assert f"looks like {kind}" in message and "个人信息保护法" in message
    if kind in ("a mobile number", "a phone number", "a WeChat ID", "a home address"):
        assert "list it once in content/site.yml under rules: personal-data: allow" in message


def test_every_message_is_built_from_one_table():
    """One template, each kind's words, and for what a shop may publish: where to declare it."""
    for kind, (what, fix, declare) in personal_data.KINDS.items():
        tail = f"{fix}; {personal_data.DECLARE[declare]}" if declare else fix
        assert personal_data.message(kind, "…【x】…") == f"…【x】…: looks like {what} ({personal_data.LAW}); {tail}"
    assert "content/site.yml under rules: personal-data: allow" in personal_data.message("mobile", "x")


PLAYBOOK_WITH_TEXT = """---
kind: script
title: 中奖通知
vars:
  text: 正文
---
抽奖结束后发。

```message
恭喜中奖!
请中奖的朋友联系 王姐 一三八 一二三四 五六七八 领奖
{{text}}
```
"""


def test_a_finding_inside_a_longer_text_is_reported_at_its_line_and_column(problems_of):
    problems = problems_of("posts:\n" + say("早上好"), playbook=PLAYBOOK_WITH_TEXT)
    assert [(p[0], p[1], p[2], p[4]) for p in problems] == [("playbooks/say.md", 11, 13, "personal-data")]
    assert "【一三八 一二三四 五六七八】" in problems[0][5]  # quoted as written, not as folded


def test_notes_are_checked_for_personal_data_only(problems_of):
    calendar = "posts:\n" + say("早上好", extra="    note: 绝不写“转发领红包”；有事打 13812345678\n")
    assert found(problems_of(calendar)) == [(CAL, 8, "error", "personal-data")]


@pytest.mark.parametrize(
    "text",
    [
        "中奖的张先生１３８１２３４５６７８请联系群主",  # full-width digits
        "中奖的张先生138\u200b1234\u200b5678请联系群主",  # zero-width spaces between the groups
        "身份证 １１０１０５１９９００１０１１２３２",  # full-width ID number
        "中奖的张先生138－1234－5678请联系群主",  # full-width hyphens
        "中奖的张先生138﹣1234﹣5678请联系群主",  # small hyphen-minus
        "中奖的张先生138–1234–5678请联系群主",  # en dashes
        "中奖的张先生138\u30001234\u30005678请联系群主",  # ideographic spaces
        "來信 zhang＠example．com",  # full-width @ and .
        "来信 zhang﹫example.com",  # small commercial at
        "中獎的張先生 壹叁捌 壹贰叁肆 伍陆柒捌",  # traditional characters, financial numerals
    ],
)
def test_a_number_spelt_to_dodge_is_still_found(problems_of, text):
    codes = [p[4] for p in problems_of("posts:\n" + say(text))]
    assert "personal-data" in codes


# --- the folding of Chinese numeral digits (_folding.py) ------------------------------------------


@pytest.mark.parametrize(
    "text, folded",
    [
        ("手机一三八一二三四五六七八", "手机13812345678"),
        ("幺三九零五七一二二三四", "13905712234"),
        ("一五八 五八一二 三四零一", "158 5812 3401"),
        ("一八八-六七一二-五五零九", "188-6712-5509"),
        ("壹叁陆伍柒壹贰叁肆伍陆", "13657123456"),
    ],
)
def test_a_run_of_seven_numeral_digits_folds_one_for_one(text, folded):
    out, offsets = fold(text)
    assert out == folded
    assert len(out) == len(text) and original_span(offsets, 0, len(out)) == (0, len(text))


@pytest.mark.parametrize(
    "text", ["第一次来店里", "三个人一起喝", "二〇二四年三月五日", "一二三四五六", "独一无二的口感", "第一，先闻香；第二，再品尝"]
)
def test_short_numerals_are_left_as_written(text):
    assert fold(text)[0] == text


# Runs that once made a pattern backtrack; bench/hostile_bench.py measures them too.
HOSTILE_UNITS = [
    "1 ",
    "13-",
    "(0",
    "+86 ",
    "a@",
    "微信号：abcdefg_",
    "路1号",
    "1栋1单元",
    "一 ",
    "3月5日生",
    "宝宝乐乐2024年3月5日出生",
    "小朋友王",
    "https://a/13812345678 ",
]
ALLOWED = {"051266881234", "文三路90号"}


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_input_is_checked_in_linear_work(unit):
    assert_linear(lambda text: personal_data.findings(text, ALLOWED), unit)


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


@pytest.mark.parametrize(
    "headline, code",
    [
        ("中奖的张先生 13812345678 请联系群主", "personal-data"),
        ("中奖的张先生(尾号5678)请联系群主", None),
        ("身份证 110105199001011232 已登记", "personal-data"),
        ("单号 110105199001011234 已登记", None),  # 18 digits, but the check digit is wrong: not an ID
        ("来信 someone@example.com 领取", "personal-data"),
    ],
)
def test_published_copy_rules(headline, code, make_plan):
    root = make_plan(files=headline_post(headline))
    found = problems_in(root)
    if code is None:
        assert found == []
    else:
        assert {(p[0], p[1], p[4]) for p in found} == {("content/calendar/extra.yml", 6, code)}


def test_personal_data_in_a_var_value(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-03\n"
                '    time: "09:00"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                '    vars: {product: "酱香53度,订酒电话 021-12345678"}\n'
            )
        }
    )
    assert [(p[1], p[4]) for p in problems_in(root)] == [(6, "personal-data")]


def test_titles_are_ad_copy_and_notes_are_checked_for_personal_data(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "posts:\n"
                "  - date: 2026-12-03\n"
                '    time: "09:00"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    title: 全网最低价那条\n"
                "    note: 有问题打 13812345678\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    assert [(p[1], p[4]) for p in problems_in(root)] == [(6, "banned-word"), (7, "personal-data")]
