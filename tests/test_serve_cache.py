"""serve_cache.py: what a rebuild reuses. That the served site equals a fresh build after a
save is tests/test_serve.py's; here, that what is kept is used, and only while it fits."""

from __future__ import annotations

import jinja2

from generator import serve_cache


def test_compiled_templates_are_kept_by_name_and_source():
    cache = serve_cache.Templates()
    first = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ x }}!"}), bytecode_cache=cache)
    assert first.get_template("a.html").render(x=1) == "1!"
    assert len(cache._code) == 1
    again = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ x }}!"}), bytecode_cache=cache)
    assert again.get_template("a.html").render(x=2) == "2!"
    assert len(cache._code) == 1  # loaded, not compiled again
    changed = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ x }}?"}), bytecode_cache=cache)
    assert changed.get_template("a.html").render(x=3) == "3?"  # a changed source is compiled afresh
    assert len(cache._code) == 2


class _Index:
    def __init__(self) -> None:
        self.entries: list = []
        self.made = 0

    def add_entry_from_context(self, page) -> None:
        self.made += 1
        self.entries.append({"location": page.url, "text": page.content})


class _Search:
    def __init__(self) -> None:
        self.config = {"lang": ["zh"], "jieba_dict_user": "/tmp/x"}
        self.search_index = _Index()


class _Page:
    def __init__(self, url: str, content: str) -> None:
        self.url, self.title, self.content, self.toc, self.meta = url, "t", content, [], {}


def test_search_entries_are_made_once_per_page_content():
    entries = serve_cache.SearchEntries()
    search = _Search()
    entries.wrap(search, ["窖藏15"])
    for page in (_Page("a/", "one"), _Page("b/", "two")):
        search.search_index.add_entry_from_context(page)
    assert search.search_index.made == 2
    search = _Search()  # the next build: a new index
    search.config["jieba_dict_user"] = "/tmp/y"  # its words file is new every build
    entries.wrap(search, ["窖藏15"])
    for page in (_Page("a/", "one"), _Page("b/", "changed")):
        search.search_index.add_entry_from_context(page)
    assert search.search_index.made == 1  # only the changed page
    assert search.search_index.entries == [{"location": "a/", "text": "one"}, {"location": "b/", "text": "changed"}]
    search = _Search()
    entries.wrap(search, ["窖藏16"])  # other words: jieba cuts differently, nothing is reused
    search.search_index.add_entry_from_context(_Page("a/", "one"))
    assert search.search_index.made == 1
