"""Three fixes to the theme's search index, made after the search plugin has written it.

1. A product name with a number stays one word.

Material's search splits only runs of Chinese characters into words (with jieba), so
"窖藏15" is indexed as 窖藏 and 15, while a query typed as 窖藏15 looks for one word and
finds nothing. For each such name of the plan (compile.py `_words`), the zero-width spaces
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

import json
import re
from pathlib import Path

ZWSP = "\u200b"
_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}[0-9]{1,4}")
MAX_NAMES = 2000  # bounds the pattern; a plan has tens


def names_with_numbers(words: list[str]) -> list[str]:
    return sorted({w for w in words if isinstance(w, str) and _NAME.fullmatch(w)}, key=lambda w: (-len(w), w))[:MAX_NAMES]


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
            when = when[:when.rindex(" · ")]
        kept.append(f"<p>{when[when.index(' · ') + 3:]}</p>")  # and the time before the first
        at = first.end()
        while (line := _PARAGRAPH.match(text, at)) and (_plain(line.group(1)) == _DRAFT_BAND
                                                       or _SOURCE.fullmatch(_plain(line.group(1)))):
            at = line.end()
    rest, found = text[at:], []
    message = _MESSAGE.search(rest)
    if message:
        found = sorted({w for w in _BETWEEN.split(message.group(1)) if w in names})
        rest = rest[:message.start()] + rest[message.end():]
    kept.append(rest)
    if found:
        kept.append("<p>" + " ".join(f"{ZWSP}{name}{ZWSP}" for name in found) + "</p>")
    return _SPACES.sub(" ", " ".join(kept)).strip()


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
