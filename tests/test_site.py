"""End to end: build a fixture plan into a folder with the real CLI and read the HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from tests.support import pinned_build_day

FIXTURE = Path(__file__).parent / "fixtures" / "site"
EPOCH = "1796083200"  # 2026-12-01 00:00 UTC: pins the home page's "today"


def build(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> int:
    return main(["build", "--root", str(root), "--site-dir", str(out)])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    with pinned_build_day(EPOCH):
        assert build(FIXTURE, out) == 0
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/today/",
        "/days/2026-12-01/",
        "/days/2026-12-02/",
        "/calendar/2026-12/",
        "/playbooks/tasting-invite/",
        "/channels/vip-group/",
        "/campaigns/winter-tasting/",
        "/tags/",
    ],
)
def test_every_page_of_the_outputs_table_exists(site, url):
    assert (site / url.strip("/") / "index.html").is_file()


def test_posts_on_a_day_page_are_in_time_order_with_their_details(site):
    soup = page(site, "/days/2026-12-01/")
    posts = soup.select("section.cp-card > h2.cp-post")
    times = [h["data-time"] for h in posts]
    assert times == sorted(times) == ["09:30", "20:00"]
    assert [h.find_next_sibling(class_="cp-when").strong.get_text() for h in posts] == times
    text = soup.select_one("article").get_text(" ")
    for expected in ("老板朋友圈", "品鉴VIP群", "老王", "小李", "已审核", "周六品鉴会邀请", "tasting.jpg"):
        assert expected in text


def test_variables_are_filled_in(site):
    messages = [m.get_text().strip() for m in page(site, "/days/2026-12-01/").select(".cp-message")]
    assert "周六下午两点,店里品鉴酱香53度,群内报名价199元,名额20位。" in messages
    assert "早安!周六品鉴酱香53度,想来的朋友私信我留位。" in messages
    assert not any("{{" in m for m in messages)


def test_a_repeat_appears_on_every_day_it_falls_on(site):
    for day in ("2026-12-03", "2026-12-07", "2026-12-14"):
        soup = page(site, f"/days/{day}/")
        assert soup.select_one(f"h2#red-envelope-{day}") is not None, day
    assert not (site / "days" / "2026-12-10").exists()  # listed under except
    assert not (site / "days" / "2026-12-08").exists()  # a Tuesday


def test_a_playbook_page_links_back_to_every_post_that_uses_it(site):
    soup = page(site, "/playbooks/tasting-invite/")
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert "../../days/2026-12-01/#2026-12-01-vip-group-2000" in hrefs
    assert "../../days/2026-12-01/#2026-12-01-moments-0930" in hrefs
    assert "品鉴" in soup.select_one("article").get_text()


def test_a_script_in_a_note_is_shown_as_text(site):
    html = (site / "days" / "2026-12-01" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "<strong>红包封面</strong>" in html  # the rest of the note is still Markdown


def test_the_month_grid_links_each_day_with_posts(site):
    soup = page(site, "/calendar/2026-12/")
    hrefs = [a["href"] for a in soup.select("article table a[href]")]
    assert "../../days/2026-12-01/" in hrefs
    assert "../../days/2026-12-14/" in hrefs
    assert len(hrefs) == 5


def test_day_pages_stay_out_of_the_sidebar(site):
    nav = page(site, "/").select_one("nav.md-nav--primary")
    assert "/days/" not in str(nav)


def test_home_leaves_today_to_the_browser(site):
    # The build cannot know the viewer's today: the page carries the plan's zone and every
    # day's counts, and the browser test checks what it shows (test_browser.py).
    soup = page(site, "/")
    data = json.loads(soup.select_one('script#cp-plan[type="application/json"]').string)
    assert data["zone"] == "Asia/Shanghai" and data["day_url"] == "days/{key}/"
    assert data["days"]["2026-12-01"] == {"posts": 2, "draft": 1, "approved": 1}  # statuses by name
    assert data["statuses"][0] == ["draft", "草稿"] and data["weekdays"][0] == "周一"
    assert sorted(data["days"]) == ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-07", "2026-12-14"]
    assert soup.select_one("p.cp-home-today") is not None


def test_the_today_page_knows_the_plan_timezone_and_days(site):
    html = (site / "today" / "index.html").read_text(encoding="utf-8")
    assert '"Asia/Shanghai"' in html
    assert '"2026-12-01"' in html


def _tokens(index: dict, doc: dict) -> set[str]:
    """Tokenise a search entry the way Material's search does: split on the separator, lower-case."""
    separator = re.compile(index["config"]["separator"])
    text = doc["title"] + " " + doc["text"]
    text = re.sub(r"<[^>]+>", " ", text)
    return {t.lower() for t in separator.split(text) if t}


def test_search_finds_a_playbook_by_a_chinese_word(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    hits = {doc["location"] for doc in index["docs"] if "品鉴" in _tokens(index, doc)}
    assert any(loc.startswith("playbooks/tasting-invite/") for loc in hits)


def test_search_finds_the_plans_own_words_whole(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = {doc["location"] for doc in index["docs"] if "冬季品鉴月" in _tokens(index, doc)}
    assert any(loc.startswith("campaigns/winter-tasting/") for loc in hits)


def test_two_builds_are_byte_identical(site, tmp_path):
    with pinned_build_day(EPOCH):
        assert build(FIXTURE, tmp_path / "again") == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [str(k) for k in first if first[k] != second[k]]
    assert different == []


def test_a_plan_with_errors_builds_nothing(tmp_path, capsys):
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    calendar = plan / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8").replace("playbook: red-envelope", "playbook: red-envelop"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert build(plan, out) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "content/calendar/2026-12.yml:33:15: error[unknown-playbook] no playbook 'red-envelop'" in err


def test_serving_a_plan_with_errors_shows_the_problems(tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import config_file

    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    (plan / "playbooks" / "red-envelope.md").write_text("no front matter\n", encoding="utf-8")
    monkeypatch.setenv("CONTENTPLAN_ROOT", str(plan))
    config = load_config(config_file=str(config_file(plan)), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    text = BeautifulSoup((tmp_path / "served" / "index.html").read_text(encoding="utf-8"), "lxml").get_text()
    assert "playbooks/red-envelope.md:1:1: error[yaml-syntax]" in text


def test_the_sitemap_dates_do_not_depend_on_the_build_day(tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import config_file

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("CONTENTPLAN_ROOT", str(FIXTURE))
    outputs = []
    for name in ("one", "two"):
        config = load_config(
            config_file=str(config_file(FIXTURE)), site_dir=str(tmp_path / name), site_url="https://plan.example.com/"
        )
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        outputs.append((tmp_path / name / "sitemap.xml").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    days = set(re.findall(r"<lastmod>([^<]+)</lastmod>", outputs[0]))
    assert len(days) == 1 and "days/2026-12-01/" in outputs[0]

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = load_config(
        config_file=str(config_file(FIXTURE)), site_dir=str(tmp_path / "pinned"), site_url="https://plan.example.com/"
    )
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    assert "<lastmod>2026-12-01</lastmod>" in (tmp_path / "pinned" / "sitemap.xml").read_text(encoding="utf-8")


def test_no_page_loads_anything_from_another_origin(site):
    """Google Fonts and foreign CDNs are blocked or slow in mainland China: a page waits on nothing
    but its own site. Links the reader may follow (<a href>) are fine."""
    loads = []
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for el in soup.find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            url = el.get("src") or el.get("href") or ""
            if url.startswith(("http:", "https:", "//")):
                loads.append((path.relative_to(site).as_posix(), el.name, url))
    assert loads == []


def test_pages_do_not_depend_on_the_day_of_the_build(site, tmp_path, monkeypatch):
    # Built 40 days later, every page is the same: what depends on today is the browser's work.
    # (Only the sitemap, which carries the build's date, may differ.)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 40 * 86400))
    later = tmp_path / "later"
    assert build(FIXTURE, later) == 0
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(later) for p in later.rglob("*.html"))
    for rel in pages:
        assert (site / rel).read_bytes() == (later / rel).read_bytes(), rel


def test_the_rhythm_page_draws_each_month_with_links_to_its_days(site):
    soup = page(site, "/rhythm/")
    charts = soup.select("svg.cp-rhythm")
    assert len(charts) == 2  # 2026-12, and the kinds per week
    links = {a["href"] for a in charts[0].find_all("a")}
    assert links == {f"../days/2026-12-{d}/" for d in ("01", "02", "03", "07", "14")}
    assert charts[0].select("rect.cp-rh-silent") and soup.select_one("script") is not None
    assert not [el for el in soup.select("svg.cp-rhythm *") if any(a.startswith("on") for a in el.attrs)]
    assert "rhythm/" in {a["href"].split("../")[-1] for a in page(site, "/").select("article a[href]")}
