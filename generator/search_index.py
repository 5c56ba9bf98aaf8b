"""Search, all of it: the theme's search settings, the words jieba gets, and three fixes to
the index, made after the search plugin has written it.

The settings. Material's search with the theme's Chinese settings keeps lunr's English stemmer
in the index ("tasting" is stored as "tast"), but Material gives every query term a trailing
wildcard, which lunr never stems: so no English word was found. The words are indexed as
written instead (SEARCH_PIPELINE: no stemmer), and a word ends at a space, at U+200B (what
jieba puts between the Chinese words it finds) or at full-width punctuation (SEARCH_SEPARATOR).
generator/default_site/mkdocs.yml says the same (tests/test_plugin.py holds them together).

The words. Material segments Chinese text with jieba; the plan's own names (`plan_words`: a
person, a channel, a campaign, a product with its number) go into jieba's user dictionary, so
周海涛 is found as that person, not as 周 in every 周二. The dictionary is a private file
(`JiebaWords`) that lives only while search reads it.

1. A product name with a number stays one word.

Material's search splits only runs of Chinese characters into words (with jieba), so
"窖藏15" is indexed as 窖藏 and 15, while a query typed as 窖藏15 looks for one word and
finds nothing. For each such name of the plan (`plan_words`), the zero-width spaces
that segmentation put inside it are taken out again, so it is one word: 窖藏15 finds it, and
窖藏 still finds it as the start of a word (every query term ends in a wildcard).

2. A person's name is found as that person. In the browser, Material splits a Chinese query into
words it finds in the index, but never one that ends at the query's last character: 周海涛 is
looked up as 周 (and matches every 周二) whenever 周 is a word somewhere. With 周海 in the index
(on the person's own page), the query becomes 周海*, which finds 周海涛 and nothing else.

3. The index holds what people look for, once. A phone downloads the whole index the first time
search is opened, and a year's plan repeated each post four or five times in it: its message on
its day page (the playbook's page holds the messages once), and its line in the lists of its
person, channel, playbook and campaign. A post is now found by its card on its day page, which
keeps its title (a headline, or the playbook's title) with the date, its channel and owner, its
attachments, topic and note, and the names with a number (1.) that its message holds: a product
is often only there, in a post's variables. The rest of the message, the time, status, draft band
and source line (the playbook and campaign are found on their own pages) are left out, and so are
the day page's links and counts and every list of posts. On a year's plan (29,200 posts) the
index is then 0.46 MB gzipped instead of 2.1 MB. What is not of the shape this knows is kept.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Person, Plan

INDEX = "search/search_index.json"  # where the theme's search writes its index, in the built site
SEARCH_PIPELINE = ("stopWordFilter",)  # no stemmer (see above)
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：·（）()]+"
ZWSP = "\u200b"
HAN = "\u4e00-\u9fff"  # the Chinese characters jieba segments (a character class's inside)
# A product name with a number (窖藏15, 酱香53): one word for search, not 窖藏 and 15.
HAN_NUMBER = re.compile(f"[{HAN}]{{2,8}}[0-9]{{1,4}}(?![0-9])")
_ANY_HAN = re.compile(f"[{HAN}]")
_ALL_HAN = re.compile(f"[{HAN}]{{3,8}}")
_SPACE = re.compile(r"\s")
MAX_NAMES = 2000  # bounds the pattern; a plan has tens


# --- the plan's words ------------------------------------------------------------------------


def plan_words(plan: Plan) -> list[str]:
    """The plan's own names, so that search segments them as words: a person's name (周海涛)
    is then found as that person, not as 周 in every 周二."""
    words: set[str] = set()
    words.update(c.name for c in plan.channels.values())
    words.update(c.name for c in plan.campaigns.values())
    words.update(p.name for p in plan.people.values())
    words.update(p.role for p in plan.people.values() if p.role)
    words.update(p.title for p in plan.playbooks.values())
    words.update(t for p in plan.playbooks.values() for t in p.meta.tags)
    values = [v for post in plan.posts for v in post.vars.values() if v]
    words.update(values)
    texts = (
        values + [p.headline for p in plan.posts if p.headline] + [m.text for p in plan.playbooks.values() for m in p.messages]
    )
    words.update(m.group(0) for text in texts for m in HAN_NUMBER.finditer(text[:20000]))
    return sorted(
        w.strip() for w in words if w and 2 <= len(w.strip()) <= 16 and _ANY_HAN.search(w) and not _SPACE.search(w.strip())
    )


def person_prefixes(people: Iterable[Person], page: Callable[[str], str]) -> dict[str, list[str]]:
    """A person's page (`page(id)`, its built URL) → their name less its last character
    (周海涛 → 周海): see 2. above."""
    return {page(p.id): [p.name[:-1]] for p in sorted(people, key=lambda p: p.id) if _ALL_HAN.fullmatch(p.name)}


# --- the theme's search and jieba --------------------------------------------------------------


def configure(search_config, words: list[str], dictionary: JiebaWords) -> None:
    """Set the theme's search (its plugin's config: `pipeline`, `separator`, `jieba_dict_user`)
    for the plan: the pipeline and separator above unless the site sets its own, and the plan's
    `words` as jieba's user dictionary unless the site has its own dictionary."""
    quiet_jieba()
    if not search_config.pipeline:
        search_config.pipeline = list(SEARCH_PIPELINE)
    if not search_config.separator:
        search_config.separator = SEARCH_SEPARATOR
    reset_jieba(words)  # words an earlier build of this process added would change this index
    remember_cuts()
    if not words:
        return
    chosen = getattr(search_config, "jieba_dict_user", None)
    if chosen and chosen != dictionary.path:
        return  # the site's own dictionary wins
    search_config.jieba_dict_user = dictionary.write("\n".join(words) + "\n")


class _RememberedCuts:
    """jieba as Material's search calls it, with `cut(text)` remembered for each text of one
    build: the search cuts every run of Chinese characters of every section, and a plan says
    the same sentences again and again (a year's plan: 850,000 runs, a few thousand different;
    10 s of a 85 s build). The words are jieba's own, in its order; anything else is jieba's."""

    def __init__(self, jieba) -> None:
        self.jieba = jieba
        self._seen: dict = {}

    def cut(self, sentence, *args, **kwargs):
        if args or kwargs or not isinstance(sentence, str | bytes):
            return self.jieba.cut(sentence, *args, **kwargs)
        found = self._seen.get(sentence)
        if found is None:
            found = self._seen[sentence] = tuple(self.jieba.cut(sentence))
        return iter(found)

    def __getattr__(self, name: str):
        return getattr(self.jieba, name)


def remember_cuts() -> None:
    """Give Material's search a jieba whose cuts are remembered, anew for each build (its
    dictionary is loaded again then: words remembered from the last build could differ)."""
    module = sys.modules.get("material.plugins.search.plugin")
    found = getattr(module, "jieba", None)
    if found is None:
        return  # no Material search, or no jieba: nothing is cut
    module.jieba = _RememberedCuts(found.jieba if isinstance(found, _RememberedCuts) else found)  # type: ignore[union-attr]


class JiebaWords:
    """jieba's user dictionary for one build, in a file of a folder only this process can enter
    (mkdtemp: mode 0700, a name no one can guess), so no planted symlink or file in the shared
    temp folder is ever followed or read. Search reads it once per build (a `serve` rebuild
    writes it again), so it is removed as soon as search has read it; should the build stop
    before, at the build's end, else when this object is collected or the process exits."""

    def __init__(self) -> None:
        self.path: str | None = None  # the file this wrote, if any
        self._cleanup: weakref.finalize | None = None  # removes its folder

    def write(self, text: str) -> str:
        if self.path is None:
            folder = tempfile.mkdtemp(prefix="contentplan-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self.path = os.path.join(folder, "jieba-user.txt")
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(text)
        return self.path

    def remove(self) -> None:
        """Remove the file and its folder; the next write starts a new folder."""
        if self._cleanup is not None:
            self._cleanup()
        self.path = self._cleanup = None


def quiet_jieba() -> None:
    """jieba announces its dictionary on stderr at every build; only its warnings matter."""
    try:
        import jieba
    except ImportError:  # search then works without Chinese segmentation
        return
    jieba.setLogLevel(logging.WARNING)


def reset_jieba(words: list[str] | None = None) -> None:
    """jieba keeps the words every build loads in one process-wide dictionary (`serve`, tests):
    start each build from its own dictionary only, so the same plan gives the same index. A
    build with the very words of the last (a `serve` rebuild, nearly always) keeps the
    dictionary: loading it again costs half a second and changes nothing."""
    try:
        import jieba
    except ImportError:
        return
    wanted = None if words is None else tuple(words)
    if jieba.dt.initialized and (wanted is None or wanted != _loaded[0]):
        jieba.dt.initialized = False
        jieba.dt.initialize()
    _loaded[0] = wanted


_loaded: list[tuple[str, ...] | None] = [None]  # the words of the last build's dictionary


# --- 1. and 2.: names joined, prefixes added ----------------------------------------------------


def names_with_numbers(words: list[str]) -> list[str]:
    return sorted({w for w in words if isinstance(w, str) and HAN_NUMBER.fullmatch(w)}, key=lambda w: (-len(w), w))[:MAX_NAMES]


def join_names(text: str, pattern: re.Pattern | None) -> str:
    return pattern.sub(lambda m: m.group(0).replace(ZWSP, ""), text) if pattern and ZWSP in text else text


def _pattern(names: list[str]) -> re.Pattern | None:
    if not names:
        return None
    # each name with an optional zero-width space between any two of its characters, and not
    # followed by another digit (窖藏15 is not the start of 窖藏150)
    spelled = (f"{ZWSP}?".join(re.escape(ch) for ch in name) for name in names)
    return re.compile("(?:" + "|".join(spelled) + ")(?![0-9])")


# --- 3. what people look for, once ----------------------------------------------------------

# a day page in either URL style (days/2026-12-01/, days/2026-12-01.html)
_DAY = re.compile(r"days/\d{4}-\d{2}-\d{2}(?:/|\.html|/index\.html)?")
# a card's lines before its message (_card.md.j2), as the search plugin writes them
_PARAGRAPH = re.compile(r"\s*<p>([^<]*)</p>")
_WHEN = re.compile(r"\d{1,2}:\d{2} · .+")  # time · channel · owner · status
_STATUS = re.compile(r".* · (?:草稿|已审核|已发布|已取消)")  # context.py STATUS_ZH
_DRAFT_BAND = "草稿 · 未审核 not approved"
_SOURCE = re.compile(r"(?:.* · )?话术 .+")  # [headline · ]话术 playbook · 第N条 · 活动 campaign
_MESSAGE = re.compile(r"\s*<pre\b[^<>]*>(.*?)</pre>", re.S)  # a card's first code block
# an item of a list of posts (_post_list.md.j2): the date, its weekday, the time, then " · "
_POST_ITEM = re.compile(r"\s*<li>\s*\d{4}-\d{2}-\d{2}[^<]{0,40}?\b\d{1,2}:\d{2} · [^<]*(?:<(?!/?li>)[^<]*)*</li>")
_EMPTY_LIST = re.compile(r"\s*<ul>\s*</ul>")
_EMPTY_PARAGRAPH = re.compile(f"\\s*<p>[\\s{ZWSP}]*</p>")  # a button's place (.cp-slot: &nbsp;)
_BETWEEN = re.compile(r"(?:<[^<>]*>|[\W_])+")  # what separates the words of a message
_SPACES = re.compile(r"\s{2,}")


def _plain(html: str) -> str:
    return html.replace(ZWSP, "").strip()


def slim_card(text: str, names: frozenset[str] = frozenset()) -> str:
    """A card's entry on a day page: its channel and owner, what follows its message (attachments,
    topic, note), and the `names` its message holds, sorted."""
    kept, at = [], 0
    first = _PARAGRAPH.match(text)
    if first and _WHEN.fullmatch(_plain(first.group(1))):
        when = first.group(1)
        if _STATUS.fullmatch(_plain(when)):  # the status is after the last " · "
            when = when[: when.rindex(" · ")]
        kept.append(f"<p>{when[when.index(' · ') + 3 :]}</p>")  # and the time before the first
        at = first.end()
        while (line := _PARAGRAPH.match(text, at)) and (
            _plain(line.group(1)) == _DRAFT_BAND or _SOURCE.fullmatch(_plain(line.group(1)))
        ):
            at = line.end()
    rest, found = text[at:], []
    message = _MESSAGE.search(rest)
    if message:
        if _any_of(names).search(message.group(1)):  # most messages hold none: no need to split them
            found = sorted({w for w in _BETWEEN.split(message.group(1)) if w in names})
        rest = rest[: message.start()] + rest[message.end() :]
    kept.append(rest)
    if found:
        kept.append("<p>" + " ".join(f"{ZWSP}{name}{ZWSP}" for name in found) + "</p>")
    return _SPACES.sub(" ", " ".join(kept)).strip()


@functools.lru_cache(maxsize=4)
def _any_of(names: frozenset[str]) -> re.Pattern:
    """Finds any of `names` anywhere (a word of a message can only be a name the message holds)."""
    return re.compile("|".join(re.escape(name) for name in sorted(names)) or "(?!)")


def without_post_lists(text: str) -> str:
    """A page's text less its lists of posts: each post is found by its card."""
    if "<li>" not in text:
        return text
    return _EMPTY_LIST.sub("", _POST_ITEM.sub("", text))


def slim(doc: dict, names: frozenset[str] = frozenset()) -> None:
    """Leave in `doc`, an entry of the index, what people look for (in place)."""
    text, location = doc.get("text"), doc.get("location")
    if not isinstance(text, str) or not isinstance(location, str):
        return
    page, _, card = location.partition("#")
    if _DAY.fullmatch(page):  # the day's own entry: links to the days around it, and counts
        doc["text"] = slim_card(text, names) if card else ""
    else:
        doc["text"] = without_post_lists(text)
    if "<p>" in doc["text"]:
        doc["text"] = _EMPTY_PARAGRAPH.sub("", doc["text"]).strip()


# --- the index, fixed in place ------------------------------------------------------------------


def fix_index(path: Path, words: list[str], prefixes: dict[str, list[str]] | None = None) -> bool:
    """Rewrite the search index at `path` in place; False (and nothing written) when it is not
    the shape this knows. `prefixes`: page location → words to add to that page's entry."""
    pattern = _pattern(names_with_numbers(words))
    prefixes = prefixes or {}
    if not path.is_file():
        return False
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = index["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not isinstance(docs, list):
        return False
    names = frozenset(names_with_numbers(words))
    for doc in docs:
        if isinstance(doc, dict):
            for field in ("title", "text"):
                if isinstance(doc.get(field), str):
                    doc[field] = join_names(doc[field], pattern)
            slim(doc, names)  # after join_names: 窖藏15 is then one word of a message
            location = doc.get("location")
            extra = prefixes.get(location) if isinstance(location, str) else None
            if extra and isinstance(doc.get("text"), str):
                doc["text"] += " " + " ".join(f"{ZWSP}{word}{ZWSP}" for word in extra)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
