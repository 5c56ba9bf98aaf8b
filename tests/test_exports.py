"""The day exports (exports.py): /days/YYYY-MM-DD.md and .json, and the JSON's schema."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from generator.check import check
from generator.compile import compile_site
from generator.context import build_context
from generator.exports import DayExport, day_json

TESTS = Path(__file__).parent
SCHEMA = json.loads((TESTS.parent / "schema" / "day.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def phone():
    report = check(TESTS / "fixtures" / "phone")
    return report.plan, {f.path: f.content for f in compile_site(report.plan).files}


def test_the_json_holds_exactly_the_days_posts_in_time_order_and_validates(phone):
    plan, files = phone
    day = json.loads(files["days/2026-12-02.json"])
    jsonschema.validate(day, SCHEMA)
    assert day["date"] == "2026-12-02" and day["weekday"] == "周三" and day["timezone"] == "Asia/Shanghai"
    posts = [p for p in plan.posts if p.date.isoformat() == "2026-12-02"]
    assert (
        [p["id"] for p in day["posts"]]
        == [p.id for p in posts]
        == ["morning", "moments-draft", "noon-cancelled", "article", "evening"]
    )
    assert [p["time"] for p in day["posts"]] == sorted(p["time"] for p in day["posts"])
    morning = day["posts"][0]
    assert morning["start"] == "2026-12-02T08:30:00+08:00"
    assert morning["message"] == plan.message_of(posts[0])
    assert morning["owner"] == {"id": "xiaoli", "name": "小李"}
    assert morning["attachments"] == ["content/assets/tasting-room.png"]
    assert morning["page"] == "days/2026-12-02/#morning" and day["page"] == "days/2026-12-02/"
    assert day["posts"][3]["headline"] == "窖藏15年的酒，开瓶前要知道的五件事"
    assert [p["status"] for p in day["posts"]] == ["approved", "draft", "cancelled", "approved", "approved"]


def test_every_day_has_both_exports_and_every_json_validates(phone):
    plan, files = phone
    days = sorted({p.date.isoformat() for p in plan.posts})
    assert sorted(p for p in files if p.startswith("days/")) == sorted(
        [f"days/{d}.json" for d in days] + [f"days/{d}.md" for d in days]
    )
    for day in days:
        jsonschema.validate(json.loads(files[f"days/{day}.json"]), SCHEMA)


def test_the_markdown_is_a_task_list_of_the_days_posts_in_time_order(phone):
    _, files = phone
    text = files["days/2026-12-02.md"].decode("utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert items == [
        "- [ ] 08:30 品鉴VIP群 · 群内问候",
        "- [ ] 09:45 老板朋友圈 · 冬天喝酱酒的三个讲究（草稿 · 未审核 draft）",
        "- [x] ~~12:00 品鉴VIP群 · 群内问候~~（已取消 cancelled）",
        "- [ ] 14:00 酱香公众号 · 窖藏15年的酒，开瓶前要知道的五件事",
        "- [ ] 20:00 品鉴VIP群 · 群内问候",
    ]
    assert text.startswith("# 2026-12-02 周三 · 手机清单测试\n")
    assert "    各位早上好 ☀️\n    今天聊聊：冬天怎么存酒\n      · 空格开头的一行 & <b>不是标签</b>\n    最后一行\n" in text


def test_a_title_with_line_breaks_stays_on_its_item(tmp_path):
    import shutil

    root = tmp_path / "plan"
    shutil.copytree(TESTS / "fixtures" / "phone", root)
    forged = "冬天喝酱酒\n- [x] 假的一项"
    report = check(root)
    for post in report.plan.posts:  # check refuses such a headline (below); the export must hold it all the same
        if post.headline == "冬天喝酱酒的三个讲究":
            object.__setattr__(post, "headline", forged)
    files = {f.path: f.content for f in compile_site(report.plan).files}
    items = [line for line in files["days/2026-12-02.md"].decode().splitlines() if line.startswith("- [")]
    calendar = root / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8").replace("headline: 冬天喝酱酒的三个讲究", 'headline: "冬天喝酱酒\\n- [x] 假的一项"'),
        encoding="utf-8",
    )
    assert "bad-value" in [p.code for p in check(root).problems]
    assert len(items) == 5 and "冬天喝酱酒 - [x] 假的一项" in items[1]


def _as_the_model_writes_it(data: bytes) -> bytes:
    """The export read back into `DayExport` (every field known and of its type) and written as
    pydantic and json write it: what exports.py wrote with them before it wrote the JSON itself."""
    model = DayExport.model_validate(json.loads(data))
    return (json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize("fixture", ["phone", "site"])
def test_every_json_is_what_the_model_writes_byte_for_byte(fixture):
    report = check(TESTS / "fixtures" / fixture)
    files = [f for f in compile_site(report.plan).files if f.path.endswith(".json")]
    assert files
    for file in files:
        assert file.content == _as_the_model_writes_it(file.content), file.path


def test_hostile_text_is_written_as_json_writes_it(phone):
    plan, _ = phone
    context = build_context(plan)
    day = context.days[0]
    odd = ['a"b\\c', "\x00\x1f\x7f\x85", "\u2028\u2029", "😀 中文", "</script>", "\ufeff", "", "\n\r\t"]
    posts = [
        replace(post, title=text, message=text * 3, channel_name=text, headline=text or None, note=text, variant=i or None)
        for i, (post, text) in enumerate(zip(context.by_day[day] * len(odd), odd))
    ]
    data = day_json(context, day, posts, "days/x/", lambda post: "days/x/#" + post.id)
    assert data == _as_the_model_writes_it(data)
    assert [p["title"] for p in json.loads(data)["posts"]] == odd
