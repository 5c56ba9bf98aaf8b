"""plugin.py: what it sets on a site's config, and the shipped default site, say the same."""

from __future__ import annotations

import yaml

from generator import plugin
from generator.site_dir import DEFAULT_CONFIG


def _default_site() -> dict:
    class Loader(yaml.SafeLoader):  # the config's !ENV and !relative tags are not read here
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(DEFAULT_CONFIG.read_text(encoding="utf-8"), Loader=Loader)


def test_the_default_site_searches_with_the_plugins_separator_and_pipeline():
    search = next(p["search"] for p in _default_site()["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["separator"] == plugin.SEARCH_SEPARATOR
    assert search["pipeline"] == list(plugin.SEARCH_PIPELINE)


def test_the_default_site_lists_every_markdown_extension_the_plugin_adds():
    listed = [e if isinstance(e, str) else next(iter(e)) for e in _default_site()["markdown_extensions"]]
    assert set(plugin.MARKDOWN_EXTENSIONS) <= set(listed)
