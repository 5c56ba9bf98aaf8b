"""The operator's day in a real headless browser: Debian's chromium driven by Playwright, a phone
viewport (390×844, touch), the site served on 127.0.0.1.

The plan is tests/fixtures/phone: on 2026-12-02 (Asia/Shanghai) it has an approved post at
08:30 (小李, with a picture), a draft headline post at 09:45 (老王), a cancelled one at 12:00,
an approved headline post at 14:00 (老王) and an approved post at 20:00 (小李, with a note).
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from generator.cli import main
from tests.support import PHONE, Served, needs_chromium, pinned_build_day, watched_phone

pytestmark = needs_chromium
FIXTURE = Path(__file__).parent / "fixtures" / "phone"
# 2026-12-02 10:00 in Shanghai: 08:30 and 09:45 are past, 14:00 is next
MORNING = "2026-12-02T02:00:00Z"
GREETING = "各位早上好 ☀️\n今天聊聊：{}\n  · 空格开头的一行 & <b>不是标签</b>\n最后一行"


class Site:
    """A plan copied to a temporary folder, built, and served; `rebuild` after changing it."""

    def __init__(self, folder: Path) -> None:
        self.plan = folder / "plan"
        shutil.copytree(FIXTURE, self.plan)
        self.out = folder / "site"
        self.build()
        self.server = Served(self.out)
        self.url = self.server.url

    def build(self) -> None:
        with pinned_build_day():
            assert main(["build", "--root", str(self.plan), "--site-dir", str(self.out)]) == 0

    def edit(self, old: str, new: str) -> None:
        calendar = self.plan / "content" / "calendar" / "2026-12.yml"
        text = calendar.read_text(encoding="utf-8")
        assert old in text
        calendar.write_text(text.replace(old, new), encoding="utf-8")
        self.build()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    served = Site(tmp_path_factory.mktemp("phone"))
    yield served
    served.server.stop()


@pytest.fixture
def phone(browser):
    """A phone in Shanghai at 10:00 on 2026-12-02, which records console errors and requests."""
    with watched_phone(browser, MORNING) as page:
        yield page


def card(page, post_id: str):
    return page.locator(f"section.cp-card:has(> h2[id='{post_id}'])")


def progress(page) -> str:
    return page.locator(".cp-progress-count").inner_text()


# --- ticks ------------------------------------------------------------------------------------


def test_a_tick_survives_a_reload_and_navigation(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    tick = card(phone, "morning").locator("button.cp-tick")
    assert tick.get_attribute("aria-pressed") == "false"
    assert progress(phone) == "0 / 4 已发"  # the cancelled post does not count
    tick.tap()
    assert tick.get_attribute("aria-pressed") == "true"
    assert "cp-done" in card(phone, "morning").get_attribute("class")
    assert progress(phone) == "1 / 4 已发"
    phone.reload()
    assert card(phone, "morning").locator("button.cp-tick").get_attribute("aria-pressed") == "true"
    phone.locator(".cp-daynav a", has_text="2026-12-05").tap()
    phone.wait_for_url("**/days/2026-12-05/")
    phone.go_back()
    assert card(phone, "morning").locator("button.cp-tick").get_attribute("aria-pressed") == "true"
    assert card(phone, "evening").locator("button.cp-tick").get_attribute("aria-pressed") == "false"


def test_a_rebuild_keeps_a_tick_unless_its_post_changed(tmp_path, browser):
    site = Site(tmp_path)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install(time=MORNING)
    try:
        page.goto(f"{site.url}/days/2026-12-02/")
        card(page, "morning").locator("button.cp-tick").tap()
        card(page, "evening").locator("button.cp-tick").tap()
        site.edit("{topic: 今晚品鉴会}", "{topic: 今晚改成品酒小课}")  # another post changes
        page.reload()
        assert card(page, "morning").locator("button.cp-tick").get_attribute("aria-pressed") == "true"
        assert card(page, "evening").locator("button.cp-tick").get_attribute("aria-pressed") == "false"
        assert "内容变了" in card(page, "evening").locator(".cp-changed-note").inner_text()
        site.edit("{topic: 冬天怎么存酒}", "{topic: 冬天怎么存老酒}")  # this post changes
        page.reload()
        assert card(page, "morning").locator("button.cp-tick").get_attribute("aria-pressed") == "false"
        assert card(page, "morning").locator(".cp-changed-note").is_visible()
        card(page, "morning").locator("button.cp-tick").tap()  # ticking again clears the notice
        assert card(page, "morning").locator(".cp-changed-note").count() == 0
    finally:
        context.close()
        site.server.stop()


def test_undo_takes_a_tick_back(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    tick = card(phone, "article").locator("button.cp-tick")
    tick.tap()
    assert progress(phone) == "1 / 4 已发"
    toast = phone.locator(".cp-toast")
    assert toast.is_visible() and "14:00" in toast.inner_text()
    toast.locator("button", has_text="撤销").tap()
    assert tick.get_attribute("aria-pressed") == "false"
    assert progress(phone) == "0 / 4 已发"
    phone.reload()
    assert card(phone, "article").locator("button.cp-tick").get_attribute("aria-pressed") == "false"


def test_a_cancelled_post_is_struck_through_and_has_no_tick(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    cancelled = card(phone, "noon-cancelled")
    assert cancelled.locator("button.cp-tick").count() == 0
    assert cancelled.locator("button.cp-copy").count() == 0  # nothing to send
    decoration = cancelled.locator("h2").evaluate("h => getComputedStyle(h).textDecorationLine")
    assert decoration == "line-through"


# --- the day's state: progress, filters, next due and overdue ------------------------------


def test_the_progress_line_follows_the_owner_filter_and_is_remembered(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 全部 All"
    phone.locator("details.cp-filter > summary").tap()
    chips = phone.locator(".cp-chip[data-filter='owner']")
    assert chips.all_inner_texts() == ["全部 All", "小李", "老王"]
    chips.filter(has_text="小李").tap()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    assert phone.locator("section.cp-card:visible").count() == 3  # 08:30, 12:00 (cancelled), 20:00
    assert progress(phone) == "0 / 2 已发"
    card(phone, "evening").locator("button.cp-tick").tap()
    assert progress(phone) == "1 / 2 已发"
    phone.reload()  # remembered on this phone
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    phone.locator("details.cp-filter > summary").tap()
    assert phone.locator(".cp-chip[aria-pressed='true'][data-filter='owner']").inner_text() == "小李"
    assert progress(phone) == "1 / 2 已发"
    assert not card(phone, "article").is_visible()
    phone.locator(".cp-chip[data-filter='channel']", has_text="酱香公众号").tap()
    assert phone.locator(".cp-filter-empty").is_visible()  # 小李 has nothing there
    assert progress(phone) == "0 / 0 已发"
    phone.locator("details.cp-filter > summary").tap()
    phone.locator(".cp-chip[data-filter='owner']", has_text="全部").tap()
    assert progress(phone) == "0 / 1 已发" and card(phone, "article").is_visible()


def test_the_progress_line_stays_in_view_while_scrolling(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    phone.mouse.wheel(0, 3000)
    phone.wait_for_timeout(300)
    box = phone.locator(".cp-progress").bounding_box()
    assert phone.evaluate("window.scrollY") > 500
    assert 0 <= box["y"] < 200


def test_a_phone_abroad_sees_the_plans_today_with_overdue_and_next(site, browser):
    # 18:00 on 2026-12-01 in Los Angeles is 10:00 on 2026-12-02 in Shanghai, the plan's zone
    context = browser.new_context(**{**PHONE, "timezone_id": "America/Los_Angeles"})
    page = context.new_page()
    page.clock.install(time="2026-12-01T18:00:00-08:00")
    try:
        page.goto(f"{site.url}/today/")
        expect(card(page, "morning").locator("button.cp-tick")).to_be_visible()  # the day, shown in /today/
        assert urlparse(page.url).path == "/today/"
        assert "cp-overdue" in card(page, "morning").get_attribute("class")  # 08:30 Shanghai
        assert "cp-overdue" in card(page, "moments-draft").get_attribute("class")  # 09:45
        assert "cp-next" in card(page, "article").get_attribute("class")  # 14:00
        assert "cp-overdue" not in card(page, "noon-cancelled").get_attribute("class")
        assert "2 条逾期" in page.locator(".cp-progress").inner_text()
        page.clock.run_for("04:05:00")  # refreshed every minute: at 14:05 the article is late too
        assert "cp-overdue" in card(page, "article").get_attribute("class")
        assert "cp-next" in card(page, "evening").get_attribute("class")
        page.goto(f"{site.url}/")
        today = page.locator(".cp-home-today")
        assert today.locator(".cp-home-date").inner_text() == "2026-12-02 周三"
        assert "5 条 posts" in today.inner_text()
        assert today.locator("a", has_text="打开今天的清单").get_attribute("href").endswith("days/2026-12-02/")
        assert today.locator("ul.cp-week li").first.get_attribute("data-day") == "2026-12-03"
    finally:
        context.close()


def test_today_with_nothing_planned_links_the_next_and_the_last_day(site, phone):
    phone.clock.set_fixed_time("2026-12-03T04:00:00Z")
    phone.goto(f"{site.url}/today/")
    result = phone.locator("p.cp-today-result")
    assert result.inner_text().splitlines() == [
        "今天 2026-12-03 周四 没有安排 Nothing planned today.",
        "下一个安排 Next: 2026-12-05 周六",
        "上一个安排 Last: 2026-12-02 周三",
    ]
    result.locator("a", has_text="2026-12-05").tap()
    phone.wait_for_url("**/days/2026-12-05/")


def test_lists_of_posts_open_at_today_with_the_past_one_tap_away(site, phone):
    phone.goto(f"{site.url}/channels/vip-group/")
    items = phone.locator("ul.cp-posts > li")
    assert items.count() == 5
    assert phone.locator("ul.cp-posts > li:visible").count() == 4  # 2026-11-28 is past
    phone.locator("button.cp-show-past").tap()
    assert phone.locator("ul.cp-posts > li:visible").count() == 5


def test_the_month_grid_fits_and_marks_today(site, phone):
    phone.goto(f"{site.url}/calendar/2026-12/")
    assert phone.locator("table.cp-month td.cp-today .cp-cell").get_attribute("data-day") == "2026-12-02"
    assert phone.locator("table.cp-month tr").first.locator("th").count() == 7
    box = phone.locator("table.cp-month").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390


# --- copy -------------------------------------------------------------------------------------


def _clipboard(context, url: str) -> str:
    """What the phone's clipboard holds, read from another tab of the site (a secure context)."""
    reader = context.new_page()
    try:
        reader.goto(url + "/404.html")
        return reader.evaluate("navigator.clipboard.readText()")
    finally:
        reader.close()


@contextmanager
def clipboard_phone(browser, init_script: str | None = None):
    """A phone context that may read and write the clipboard, and its page."""
    context = browser.new_context(**PHONE, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        if init_script:
            page.add_init_script(init_script)
        yield context, page
    finally:
        context.close()


def test_copy_puts_exactly_the_message_and_the_headline_on_the_clipboard(site, browser):
    with clipboard_phone(browser) as (context, page):
        page.goto(f"{site.url}/days/2026-12-02/")
        button = card(page, "morning").locator("button.cp-copy[data-copy=message]")
        assert button.bounding_box()["height"] >= 44 and button.bounding_box()["width"] >= 44
        button.tap()
        expect(button).to_contain_text("已复制")
        assert _clipboard(context, site.url) == GREETING.format("冬天怎么存酒")
        headline = card(page, "article").locator("button.cp-copy[data-copy=headline]")
        headline.tap()
        expect(headline).to_contain_text("已复制")
        assert _clipboard(context, site.url) == "窖藏15年的酒，开瓶前要知道的五件事"


def test_the_day_report_says_what_was_sent_when_what_is_overdue_and_next(site, browser):
    # 10:00 in Shanghai: 08:30 ticked now, 09:45 (a draft) overdue, 14:00 next, 20:00 after it
    with clipboard_phone(browser) as (context, page):
        page.clock.install(time=MORNING)
        page.goto(f"{site.url}/days/2026-12-02/")
        card(page, "morning").locator("button.cp-tick").tap()
        report = page.locator("button.cp-report")
        report.tap()
        expect(report).to_contain_text("已复制")
        text = _clipboard(context, site.url)
        lines = text.split("\n")
        assert lines[0] == "2026-12-02 周三 发布日报"
        assert lines[1] == "已发 1 / 4"
        assert lines[2] == "✅ 已发 1" and lines[3].startswith("✓ 08:30 品鉴VIP群 · ") and lines[3].endswith("（10:00 勾）")
        assert lines[4] == "⚠️ 逾期 1" and lines[5].startswith("✗ 09:45 老板朋友圈 · 冬天喝酱酒的三个讲究")
        assert lines[6].startswith("下一条 14:00 ") and lines[6].endswith("（之后还有 1 条）")
        assert len(lines) == 7 and len(text) < 600 and "<" not in text.replace("<b>", "")  # plain, short
        # filtered to one owner, the report is hers alone
        page.locator("details.cp-filter > summary").tap()
        page.locator(".cp-chip[data-filter='owner']", has_text="小李").tap()
        report.tap()
        expect(report).to_contain_text("已复制")
        lines = _clipboard(context, site.url).split("\n")
        assert lines[0] == "2026-12-02 周三 发布日报 · 小李" and lines[1] == "已发 1 / 2"
        assert not any(line.startswith("⚠️") for line in lines) and lines[-1].startswith("下一条 20:00 ")


def test_copied_and_sent_never_look_alike_and_nothing_covers_the_progress_line(site, browser):
    with clipboard_phone(browser) as (context, page):
        page.clock.install(time=MORNING)
        page.goto(f"{site.url}/days/2026-12-02/")
        copy = card(page, "morning").locator("button.cp-copy[data-copy=message]")
        tick = card(page, "morning").locator("button.cp-tick")
        copy.tap()
        expect(copy).to_contain_text("已复制")
        tick.tap()
        expect(tick).to_have_attribute("aria-pressed", "true")
        colour = "el => getComputedStyle(el).backgroundColor"
        assert copy.evaluate(colour) != tick.evaluate(colour)
        # scrolled down and a little back up: the theme's back-to-top button would show now
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(500)
        assert not page.locator(".md-top").is_visible()
        assert page.locator(".cp-progress-next").is_visible()


def test_copy_without_the_clipboard_api_selects_the_message(site, browser):
    # WeChat's in-app browser and old iOS WebViews: no navigator.clipboard
    no_api = (
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});delete Navigator.prototype.clipboard;"
    )
    with clipboard_phone(browser, no_api) as (context, page):
        page.goto(f"{site.url}/days/2026-12-02/")
        assert page.evaluate("navigator.clipboard") is None
        button = card(page, "evening").locator("button.cp-copy[data-copy=message]")
        button.tap()
        expect(button).to_contain_text(re.compile("已复制|长按复制"))
        message = GREETING.format("今晚品鉴会")
        assert page.evaluate("window.getSelection().toString()") == message
        assert "已复制" in button.inner_text() or "长按复制" in button.inner_text()
        if "已复制" in button.inner_text():  # execCommand("copy") worked: the clipboard holds it
            assert _clipboard(context, site.url) == message


def test_a_draft_is_marked_and_asks_before_copying(site, browser):
    with clipboard_phone(browser) as (context, page):
        page.goto(f"{site.url}/days/2026-12-02/")
        draft = card(page, "moments-draft")
        assert draft.locator(".cp-band").inner_text() == "草稿 · 未审核 not approved"
        assert "cp-status-draft" in draft.get_attribute("class")
        page.evaluate("navigator.clipboard.writeText('before')")
        button = draft.locator("button.cp-copy[data-copy=message]")
        button.tap()
        assert "再点一次" in button.inner_text()
        assert _clipboard(context, site.url) == "before"  # asked, not copied
        button.tap()
        expect(button).to_contain_text("已复制")
        assert _clipboard(context, site.url) == "今晚推送，点开看全文。"


def test_attachments_show_as_thumbnails_linking_the_file(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    link = card(phone, "morning").locator(".cp-attach a")
    image = link.locator("img.cp-thumb")
    image.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert link.get_attribute("href").endswith("content/assets/tasting-room.png")
    assert 0 < image.bounding_box()["width"] <= 200


# --- every page -------------------------------------------------------------------------------

PAGES = [
    "/",
    "/today/",
    "/days/2026-12-02/",
    "/days/2026-11-28/",
    "/calendar/",
    "/calendar/2026-12/",
    "/playbooks/",
    "/playbooks/greeting/",
    "/channels/",
    "/channels/vip-group/",
    "/campaigns/",
    "/campaigns/winter-week/",
    "/tags/",
    "/subscribe/",
    "/rhythm/",
    "/guide/",
    "/guide/first-post/",
    "/guide/playbooks/",
    "/guide/operator/",
    "/guide/publish/",
    "/guide/reference/",
    "/rules/",
]


def test_no_page_scrolls_sideways_or_leaves_the_origin(site, phone):
    for url in PAGES:
        phone.goto(site.url + url)
        phone.wait_for_load_state("load")
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide"
        wide = phone.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table, table, pre, pre > code')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.outerHTML.slice(0, 80))""")
        assert wide == [], url
    foreign = sorted({urlparse(u).netloc for u in phone.requests} - {urlparse(site.url).netloc})
    assert foreign == []


def test_a_day_prints_as_one_clean_sheet(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    phone.emulate_media(media="print")
    hidden = [".cp-copy", ".cp-tick", ".cp-progress", ".cp-filter", ".md-header", ".md-sidebar--primary", ".cp-daynav"]
    for selector in hidden:
        assert all(not el.is_visible() for el in phone.locator(selector).all()), selector
    assert phone.locator("section.cp-card").count() == 5
    assert phone.locator("section.cp-card h2").first.evaluate("h => getComputedStyle(h, '::before').content") == '"☐ "'
    pdf = phone.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one sheet


def test_the_next_link_shows_the_whole_card_head_below_the_progress_line(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    phone.locator(".cp-progress a", has_text="下一条").tap()
    phone.wait_for_timeout(300)
    bar = phone.locator(".cp-progress").bounding_box()
    head = card(phone, "article").locator(".cp-when").bounding_box()
    assert head["y"] >= bar["y"] + bar["height"], (head, bar)


def test_the_undo_toast_does_not_cover_the_tick_just_tapped(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    tick = card(phone, "evening").locator("button.cp-tick")
    tick.scroll_into_view_if_needed()
    phone.evaluate(
        "t => window.scrollBy(0, t.getBoundingClientRect().bottom - window.innerHeight + 4)", tick.element_handle()
    )  # the tick at the very bottom of the screen
    tick.tap()
    toast = phone.locator(".cp-toast").bounding_box()
    assert tick.bounding_box()["y"] + tick.bounding_box()["height"] <= toast["y"]
    phone.keyboard.press("Tab")  # from the tick, the next stop is 撤销
    assert phone.evaluate("document.activeElement.textContent") == "撤销 Undo"


def test_the_subscribe_page_links_the_feeds_with_webcal(site, phone):
    phone.goto(f"{site.url}/subscribe/")
    host = urlparse(site.url).netloc
    links = phone.eval_on_selector_all("a.cp-webcal", "as => as.map(a => a.href)")
    assert links[0] == f"webcal://{host}/calendar.ics"
    assert f"webcal://{host}/people/xiaoli.ics" in links and f"webcal://{host}/channels/vip-group.ics" in links
    download = phone.locator("a", has_text="下载 .ics").first.get_attribute("href")
    response = phone.request.get(f"{site.url}/subscribe/{download}")
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    assert response.text().startswith("BEGIN:VCALENDAR")
    assert "很多日历会忽略订阅日历里的提醒" in phone.locator("article").inner_text()


def test_a_day_page_links_its_exports(site, phone):
    phone.goto(f"{site.url}/days/2026-12-02/")
    exports = phone.locator("p.cp-exports a")
    assert exports.all_inner_texts() == ["清单 .md", "数据 .json", "订阅日历 Subscribe"]
    markdown = phone.request.get(exports.nth(0).evaluate("a => a.href"))
    assert markdown.ok and markdown.text().startswith("# 2026-12-02 周三")
    data = phone.request.get(exports.nth(1).evaluate("a => a.href")).json()
    assert [p["id"] for p in data["posts"]] == ["morning", "moments-draft", "noon-cancelled", "article", "evening"]
