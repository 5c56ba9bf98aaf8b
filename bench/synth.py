"""Generate a synthetic content plan of a given size, for benchmarks.

    .venv/bin/python bench/synth.py --channels 40 --days 365 --posts-per-day 2 \
        --playbooks 200 --start 2027-01-01 --out bench/out/plan

Writes the layout of the content format (docs: /work/shared/spec/content-format.md):

    content/site.yml              N channels (a mix of platforms), a few people
    content/campaigns.yml         a few campaigns inside the dates
    content/calendar/YYYY-MM.yml  one file per month: every post written out (no repeats)
    playbooks/<kind>/<id>.md      K playbooks, kinds script and headline

The plan is meant to check clean (`contentplan check` exits 0 with no warnings): every
channel allows enough posts a day and has no quiet hours, times are at least 30 minutes
apart per channel per day, every headline is unique and at most 20 characters (the tightest platform limit,
xiaohongshu), every placeholder of the chosen message block is filled and every var given
is used, a playbook is only used on platforms it lists, campaign posts fall inside their
campaign, and no published text carries an absolute term, a share-for-reward phrase or
anything that looks like a phone number.

The same arguments always give the same bytes (seeded random, `--seed`).

If one month's file would pass the loader's 10 MiB limit (very large sizes only), that month
is split into `YYYY-MM-1.yml`, `YYYY-MM-2.yml`, ... by channel.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MARKER = ".synth.json"  # written into --out; lets a rerun replace what it wrote before
SPLIT_BYTES = 8 * 1024 * 1024  # below the loader's 10 MiB per-file limit

PLATFORM_MIX = (  # (platform, weight, channel-id prefix, name labels)
    ("wechat-group", 8, "group", ("品鉴群", "会员群", "福利群", "老客群")),
    ("wechat-moments", 4, "moments", ("朋友圈",)),
    ("wechat-article", 2, "article", ("公众号",)),
    ("douyin", 3, "douyin", ("抖音号",)),
    ("xiaohongshu", 3, "xhs", ("小红书",)),
)
PLATFORMS = tuple(p[0] for p in PLATFORM_MIX)
HEADLINE_PLATFORMS = ("wechat-article", "douyin", "xiaohongshu")  # where headline posts mostly go
# Platforms a playbook of each kind may list (a subset is drawn per playbook).
KIND_PLATFORMS = {
    "script": ("wechat-group", "wechat-moments", "douyin", "xiaohongshu"),
    "headline": ("wechat-article", "douyin", "xiaohongshu", "wechat-moments"),
}
HEADLINE_MAX = 20  # xiaohongshu takes 1-20 characters; douyin 30, wechat-article 64

CITIES = ("杭州", "上海", "苏州", "南京", "宁波", "无锡", "嘉兴", "绍兴", "常州", "合肥", "温州", "扬州")

PEOPLE = (
    ("xiaoli", "小李", "群主"),
    ("azhou", "阿周", "文案"),
    ("wangjie", "王姐", "店长"),
    ("xiaochen", "小陈", "视频"),
    ("laoliu", "老刘", "客服"),
)

# Placeholders: name -> (description, values, default or None). Values are published text,
# so they stay clear of absolute terms and of digit runs that look like phone numbers.
VARS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "product": (
        "本周主推产品",
        ("酱香53度", "五年窖藏", "清香42度", "桂花米酒", "青梅酒", "黄酒花雕", "老坛陈酿", "高粱原浆", "荔枝果酒", "小瓶品鉴装"),
        None,
    ),
    "price": ("体验价(元)", ("59", "69", "88", "99", "128", "168", "199", "238", "299"), "99"),
    "slot": ("截止时间", ("今晚8点", "明天中午", "周五晚上", "本周日", "今晚10点"), None),
    "place": ("活动门店", ("西湖店", "滨江店", "静安店", "园区店", "新街口店", "鼓楼店"), None),
    "day": ("活动日期", ("本周六", "下周日", "月底", "周三晚上", "本周五"), None),
    "gift": ("随单赠品", ("品鉴小样", "定制酒杯", "下酒小菜", "手提礼袋", "冰块模具"), "定制酒杯"),
    "host": ("主讲人", ("王师傅", "李老师", "陈店长", "周品酒师"), None),
    "seats": ("名额(位)", ("12", "16", "20", "24", "30"), None),
    "dish": ("搭配菜", ("红烧肉", "白切鸡", "醉蟹", "东坡肉", "酱鸭", "腌笃鲜"), None),
    "season": ("时令", ("立春", "清明", "夏至", "立秋", "霜降", "冬至", "小寒"), None),
}
FRAGMENTS: dict[str, tuple[str, ...]] = {
    "product": (
        "本周给大家推荐{{product}},口感顺滑,回味干净。",
        "{{product}}已经到店,欢迎来尝。",
        "今天聊聊{{product}}的喝法和存放。",
    ),
    "price": ("群内体验价{{price}}元,数量有限。", "会员价{{price}}元,下单备注群昵称即可。"),
    "slot": ("{{slot}}截止报名。", "优惠到{{slot}}结束。"),
    "place": ("地点在{{place}},到店报群昵称。", "{{place}}备好了品鉴桌。"),
    "day": ("{{day}}下午两点开始。", "活动定在{{day}}。"),
    "gift": ("下单随单附赠{{gift}}。", "每单附一份{{gift}}。"),
    "host": ("由{{host}}现场讲解。", "{{host}}会带大家认识酒体香气。"),
    "seats": ("限{{seats}}位,报满即止。", "名额{{seats}}位,按报名顺序安排。"),
    "dish": ("搭配{{dish}}一起吃,风味更足。", "{{dish}}配一小杯,很下饭。"),
    "season": ("{{season}}时节,适合温一壶。", "{{season}}前后,酒体更柔和。"),
}
OPENERS = {
    "script": ("各位朋友早上好!", "大家晚上好,", "新朋友欢迎入群!", "周末愉快!", "午安,", "感谢大家一直以来的支持。"),
    "headline": (
        "今天这篇写给刚开始喝酱酒的朋友。",
        "这条视频带大家看看酿酒车间。",
        "三分钟讲清楚一个常见误区。",
        "很多老客问过同一个问题,今天统一回答。",
    ),
}
CLOSERS = ("有问题随时在群里问我。", "想了解更多可以私信群主。", "祝大家喝得开心。", "感兴趣的朋友回复1报名。", "")
THEMES = (
    "早安问候",
    "新品预告",
    "活动提醒",
    "晚间闲聊",
    "品鉴报名",
    "老客回访",
    "节前备酒",
    "温酒小课",
    "配菜推荐",
    "门店探访",
    "酿造知识",
    "会员日",
)
TAGS = ("入群", "欢迎", "活动", "新品", "品鉴", "会员", "知识", "节日", "复购", "门店")
GUIDANCE = (
    "这份话术用于日常社群维护,语气亲切自然,像和老朋友聊天。",
    "发送前核对价格和时间,和门店活动保持一致。",
    "介绍产品时说清楚度数、容量和价格,不要承诺做不到的效果。",
    "客户提问时先回应情绪,再给出具体信息。",
    "配图用门店实拍,避免使用来源不明的网络图片。",
    "同一个群里两条消息之间至少间隔一小时。",
    "节假日前后提前一天确认库存和物流安排。",
)
HEADLINE_GUIDANCE = (
    "标题公式:数字 + 对象 + 利益点,例如「3个冬季喝酱酒的误区」。",
    "标题公式:场景 + 疑问,例如「家宴上酱酒怎么配菜」。",
    "标题公式:身份 + 收获,例如「新手也能看懂的窖藏小知识」。",
)
HEADLINE_TOPICS = (
    "冬季喝酒",
    "酱酒入门",
    "温酒小事",
    "品鉴会",
    "家宴配酒",
    "窖藏故事",
    "酿酒车间",
    "米酒新品",
    "果酒清单",
    "老客回访",
    "节前备酒",
    "下酒好菜",
)
HEADLINE_ANGLES = (
    "三个误区",
    "五个细节",
    "怎么选",
    "一次讲清",
    "省心指南",
    "你问我答",
    "小技巧",
    "背后的故事",
    "常见问题",
    "避坑清单",
    "这样存放",
)
NOTES = ("提前备好红包封面", "配图用门店实拍", "发送后留意群内提问", "和门店确认库存", "视频竖屏拍摄", "发出后在群里置顶半天")
POST_TITLES = ("早安问候", "新品预告", "活动提醒", "晚间闲聊", "品鉴报名", "周末福利")
STATUSES = (("draft", 20), ("approved", 50), ("published", 25), ("cancelled", 5))

_PLAIN = re.compile(r"[\w\u00b7\u3000-\u303f\uff01-\uff5e]+")


def q(text: str) -> str:
    """A YAML scalar: plain when it is words only, else a double-quoted (JSON) string."""
    if _PLAIN.fullmatch(text) and not text[0].isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Playbook:
    id: str
    kind: str
    title: str
    platforms: list[str]  # empty: fits every platform
    tags: list[str]
    vars: list[str]
    blocks: list[list[str]]  # per message block, the vars it uses (in order)
    write_id: bool

    def fits(self, platform: str) -> bool:
        return not self.platforms or platform in self.platforms


@dataclass
class Channel:
    id: str
    name: str
    platform: str
    owner: str


@dataclass
class Campaign:
    id: str
    name: str
    start: date
    end: date
    goal: str


@dataclass
class Stats:
    posts: int = 0
    headlines: int = 0
    files: list[str] = field(default_factory=list)


# --- the pieces -----------------------------------------------------------------------------


def make_channels(rng: random.Random, n: int) -> list[Channel]:
    weights = [w for _, w, _, _ in PLATFORM_MIX]
    platforms = list(PLATFORMS[: min(n, len(PLATFORMS))])  # each platform at least once
    platforms += rng.choices(PLATFORMS, weights=weights, k=n - len(platforms))
    rng.shuffle(platforms)
    counts: dict[str, int] = {}
    out = []
    for platform in platforms:
        _, _, prefix, labels = next(p for p in PLATFORM_MIX if p[0] == platform)
        counts[platform] = counts.get(platform, 0) + 1
        number = counts[platform]
        name = f"{rng.choice(CITIES)}{rng.choice(labels)}{number}"
        out.append(Channel(f"{prefix}-{number:03d}", name, platform, rng.choice(PEOPLE)[0]))
    return out


def make_playbooks(rng: random.Random, k: int) -> list[Playbook]:
    out = []
    for i in range(k):
        # Alternate kinds; the first two fit every platform, so every channel has both kinds.
        kind = "script" if i % 2 == 0 else "headline"
        if i < 2 or rng.random() < 0.3:
            platforms: list[str] = []
        else:
            choices = KIND_PLATFORMS[kind]
            platforms = sorted(rng.sample(choices, rng.randint(1, 3)), key=PLATFORMS.index)
        names = sorted(rng.sample(sorted(VARS), rng.randint(2, 4)), key=list(VARS).index)
        blocks = [names]
        if rng.random() < 0.5:
            blocks.append(sorted(rng.sample(names, rng.randint(1, len(names))), key=names.index))
        pid = f"{kind}-{i + 1:03d}"
        title = f"{rng.choice(THEMES)}·{i + 1}"
        tags = sorted(rng.sample(TAGS, rng.randint(1, 3)), key=TAGS.index)
        out.append(Playbook(pid, kind, title, platforms, tags, names, blocks, rng.random() < 0.5))
    return out


def make_campaigns(rng: random.Random, start: date, days: int) -> list[Campaign]:
    count = max(1, min(8, days // 45))
    names = ("冬季品鉴月", "春茶配酒季", "端午家宴", "夏日果酒节", "中秋团圆", "国庆会员周", "双十一备酒", "年货节")
    out = []
    for i in range(count):
        length = min(days, rng.randint(14, 45))
        first = start + timedelta(days=rng.randint(0, days - length))
        out.append(
            Campaign(
                f"campaign-{i + 1:02d}",
                names[i % len(names)],
                first,
                first + timedelta(days=length - 1),
                f"新增复购客户 {rng.randint(5, 30) * 10} 位",
            )
        )
    return out


def message_text(rng: random.Random, kind: str, names: list[str]) -> str:
    parts = [rng.choice(OPENERS[kind])]
    parts += [rng.choice(FRAGMENTS[name]) for name in names]
    parts.append(rng.choice(CLOSERS))
    return "".join(parts)


def playbook_file(rng: random.Random, pb: Playbook) -> str:
    lines = ["---"]
    if pb.write_id:
        lines.append(f"id: {pb.id}")
    lines += [f"kind: {pb.kind}", f"title: {q(pb.title)}"]
    if pb.platforms:
        lines.append(f"platforms: [{', '.join(pb.platforms)}]")
    lines.append(f"tags: [{', '.join(pb.tags)}]")
    lines.append("vars:")
    for name in pb.vars:
        description, _, default = VARS[name]
        if default is not None:
            lines.append(f"  {name}: {{description: {q(description)}, default: {q(default)}}}")
        else:
            lines.append(f"  {name}: {q(description)}")
    lines += ["---", ""]
    guidance = "".join(rng.sample(GUIDANCE, 3))
    if pb.kind == "headline":
        guidance += rng.choice(HEADLINE_GUIDANCE) + "标题写在日历的 headline 里,正文用下面的模板。"
    lines += [guidance, ""]
    for n, names in enumerate(pb.blocks, 1):
        if len(pb.blocks) > 1:
            lines += [f"版本{n}:", ""]
        lines += ["```message", message_text(rng, pb.kind, names), "```", ""]
    return "\n".join(lines)


def site_file(channels: list[Channel], posts_per_day: int) -> str:
    lines = [
        "# Synthetic plan for benchmarks (bench/synth.py). Do not edit by hand.",
        "title: 汤家老坊 · 基准测试计划",
        "timezone: Asia/Shanghai",
        "language: zh",
        "reminder_minutes: 10",
        "channels:",
    ]
    cap = max(posts_per_day, 1) + 2
    for ch in channels:
        lines += [
            f"  - id: {ch.id}",
            f"    name: {q(ch.name)}",
            f"    platform: {ch.platform}",
            f"    owner: {ch.owner}",
            f"    max_per_day: {cap}",
        ]
    lines.append("people:")
    for pid, name, role in PEOPLE:
        lines.append(f"  - {{id: {pid}, name: {name}, role: {role}}}")
    return "\n".join(lines) + "\n"


def campaigns_file(campaigns: list[Campaign]) -> str:
    lines = []
    for c in campaigns:
        lines += [
            f"- id: {c.id}",
            f"  name: {q(c.name)}",
            f"  start: {c.start.isoformat()}",
            f"  end: {c.end.isoformat()}",
            f"  goal: {q(c.goal)}",
            f"  description: {q('每周六线下品鉴,群内预约。')}",
        ]
    return "\n".join(lines) + "\n"


# --- the calendar ---------------------------------------------------------------------------


class Calendar:
    """Writes posts; keeps the state that keeps them clean (unique headlines, ids)."""

    def __init__(
        self,
        rng: random.Random,
        channels: list[Channel],
        playbooks: list[Playbook],
        campaigns: list[Campaign],
        posts_per_day: int,
    ) -> None:
        self.rng = rng
        self.posts_per_day = posts_per_day
        self.campaigns = campaigns
        # half-hour slots: two posts of one channel are never closer than min-gap's 30 minutes
        self.slots = [f"{h:02d}:{m:02d}" for h in range(7, 23) for m in (0, 30)]
        if posts_per_day > len(self.slots):
            raise SystemExit(f"--posts-per-day is at most {len(self.slots)} (distinct half-hour slots 07:00-22:30)")
        self.fitting: dict[tuple[str, str], list[Playbook]] = {}
        for platform in PLATFORMS:
            for kind in ("script", "headline"):
                self.fitting[(platform, kind)] = [p for p in playbooks if p.kind == kind and p.fits(platform)]
        self.headline_count = 0
        self.written_ids = 0
        self.stats = Stats()

    def playbook_for(self, channel: Channel) -> Playbook:
        headline_share = 0.7 if channel.platform in HEADLINE_PLATFORMS else 0.15
        kind = "headline" if self.rng.random() < headline_share else "script"
        choices = self.fitting[(channel.platform, kind)] or self.fitting[(channel.platform, "script")]
        return self.rng.choice(choices)

    def headline(self) -> str:
        self.headline_count += 1
        text = f"{self.rng.choice(HEADLINE_TOPICS)}{self.rng.choice(HEADLINE_ANGLES)}·{self.headline_count}"
        assert len(text) <= HEADLINE_MAX, text
        return text

    def post(self, day: date, time: str, channel: Channel) -> list[str]:
        rng = self.rng
        pb = self.playbook_for(channel)
        variant = rng.randint(1, len(pb.blocks))
        lines = [f"  - date: {day.isoformat()}", f'    time: "{time}"']
        if rng.random() < 0.03:
            self.written_ids += 1
            lines.append(f"    id: {channel.id}-{day:%Y%m%d}-{self.written_ids}")
        lines += [f"    channel: {channel.id}", f"    playbook: {pb.id}"]
        if rng.random() < 0.15:
            lines.append(f"    title: {q(rng.choice(POST_TITLES))}")
        if pb.kind == "headline":
            lines.append(f"    headline: {q(self.headline())}")
            self.stats.headlines += 1
        if variant > 1 or (len(pb.blocks) > 1 and rng.random() < 0.3):
            lines.append(f"    variant: {variant}")
        values = []
        for name in pb.blocks[variant - 1]:
            _, choices, default = VARS[name]
            if default is not None and rng.random() < 0.4:
                continue  # the playbook default fills it
            values.append(f"{name}: {q(rng.choice(choices))}")
        if values:
            lines.append(f"    vars: {{{', '.join(values)}}}")
        covering = [c for c in self.campaigns if c.start <= day <= c.end]
        if covering and rng.random() < 0.6:
            lines.append(f"    campaign: {rng.choice(covering).id}")
        if rng.random() < 0.1:
            lines.append(f"    owner: {rng.choice(PEOPLE)[0]}")
        lines.append(f"    status: {rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]}")
        if rng.random() < 0.2:
            lines.append(f"    note: {q(rng.choice(NOTES))}")
        self.stats.posts += 1
        return lines

    def month(self, days: list[date], channels: list[Channel]) -> dict[str, list[str]]:
        """Posts of one month, per channel: channel id -> lines (date order, then time)."""
        out: dict[str, list[str]] = {ch.id: [] for ch in channels}
        for day in days:
            for ch in channels:
                for time in sorted(self.rng.sample(self.slots, self.posts_per_day)):
                    out[ch.id] += self.post(day, time, ch)
        return out


def month_files(month: str, per_channel: dict[str, list[str]]) -> dict[str, str]:
    """One file for the month, or several (by channel) when one would be too big."""
    header = f"# {month}: written posts (synthetic, bench/synth.py)\nposts:\n"
    whole = header + "".join(line + "\n" for lines in per_channel.values() for line in lines)
    # Within a file, posts are ordered by date and time as a person would write them.
    if len(whole.encode("utf-8")) <= SPLIT_BYTES:
        return {f"{month}.yml": _by_date(header, per_channel)}
    files: dict[str, str] = {}
    part: dict[str, list[str]] = {}
    size = 0
    for cid, lines in per_channel.items():
        chunk = sum(len(line.encode("utf-8")) + 1 for line in lines)
        if part and size + chunk > SPLIT_BYTES:
            files[f"{month}-{len(files) + 1}.yml"] = _by_date(header, part)
            part, size = {}, 0
        part[cid] = lines
        size += chunk
    if part:
        files[f"{month}-{len(files) + 1}.yml"] = _by_date(header, part)
    return files


def _by_date(header: str, per_channel: dict[str, list[str]]) -> str:
    posts: list[tuple[str, str, int, list[str]]] = []
    for order, lines in enumerate(per_channel.values()):
        current: list[str] = []
        for line in lines:
            if line.startswith("  - date: ") and current:
                posts.append(_key(current, order))
                current = []
            current.append(line)
        if current:
            posts.append(_key(current, order))
    posts.sort(key=lambda p: p[:3])
    return header + "".join(line + "\n" for *_, lines in posts for line in lines)


def _key(lines: list[str], order: int) -> tuple[str, str, int, list[str]]:
    return (lines[0][len("  - date: ") :], lines[1].strip(), order, lines)


# --- the plan -------------------------------------------------------------------------------


def generate(out: Path, channels: int, days: int, posts_per_day: int, playbooks: int, start: date, seed: int = 20270101) -> dict:
    """Write the plan into `out`; return a summary (also written to out/.synth.json)."""
    if channels < 1 or days < 1 or posts_per_day < 1 or playbooks < 1:
        raise SystemExit("--channels, --days, --posts-per-day and --playbooks must be at least 1")
    _clear(out)
    rng = random.Random(f"{seed}:{channels}:{days}:{posts_per_day}:{playbooks}:{start}")
    chans = make_channels(rng, channels)
    books = make_playbooks(rng, playbooks)
    camps = make_campaigns(rng, start, days)

    files: dict[str, str] = {
        "content/site.yml": site_file(chans, posts_per_day),
        "content/campaigns.yml": campaigns_file(camps),
    }
    for pb in books:
        files[f"playbooks/{pb.kind}/{pb.id}.md"] = playbook_file(rng, pb)
    calendar = Calendar(rng, chans, books, camps, posts_per_day)
    months: dict[str, list[date]] = {}
    for i in range(days):
        day = start + timedelta(days=i)
        months.setdefault(f"{day:%Y-%m}", []).append(day)
    for month, month_days in months.items():
        for name, text in month_files(month, calendar.month(month_days, chans)).items():
            files[f"content/calendar/{name}"] = text

    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    summary = {
        "channels": channels,
        "days": days,
        "posts_per_day": posts_per_day,
        "playbooks": playbooks,
        "start": start.isoformat(),
        "seed": seed,
        "synth": source_hash(),
        "posts": calendar.stats.posts,
        "headlines": calendar.stats.headlines,
        "files": len(files),
        "bytes": sum(len(t.encode("utf-8")) for t in files.values()),
    }
    (out / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def source_hash() -> str:
    """A hash of this script, so that a plan written by an older version is not reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _clear(out: Path) -> None:
    """Make `out` ready: new or empty, or a plan this script wrote before (replaced)."""
    if out.exists():
        if not out.is_dir():
            raise SystemExit(f"{out} is not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SystemExit(f"{out} is not empty and was not written by bench/synth.py; pick another --out")
        for sub in ("content", "playbooks"):
            shutil.rmtree(out / sub, ignore_errors=True)
        (out / MARKER).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--posts-per-day", type=int, default=2, help="per channel")
    parser.add_argument("--playbooks", type=int, default=200)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2027, 1, 1), help="YYYY-MM-DD")
    parser.add_argument("--seed", type=int, default=20270101)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the plan into")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.channels, args.days, args.posts_per_day, args.playbooks, args.start, args.seed)
    print(f"wrote {summary['posts']} posts, {summary['files']} files ({summary['bytes'] / 1024 / 1024:.1f} MiB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
