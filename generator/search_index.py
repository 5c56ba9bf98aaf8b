"""Two fixes to the theme's search index, made after the search plugin has written it.

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
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ZWSP = "\u200b"
_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}[0-9]{1,4}")
MAX_NAMES = 2000  # bounds the pattern; a plan has tens


def names_with_numbers(words: list[str]) -> list[str]:
    return sorted({w for w in words if _NAME.fullmatch(w)}, key=lambda w: (-len(w), w))[:MAX_NAMES]


def join_names(text: str, pattern: re.Pattern | None) -> str:
    return pattern.sub(lambda m: m.group(0).replace(ZWSP, ""), text) if pattern and ZWSP in text else text


def _pattern(names: list[str]) -> re.Pattern | None:
    if not names:
        return None
    # each name with an optional zero-width space between any two of its characters, and not
    # followed by another digit (窖藏15 is not the start of 窖藏150)
    spelled = (f"{ZWSP}?".join(re.escape(ch) for ch in name) for name in names)
    return re.compile("(?:" + "|".join(spelled) + ")(?![0-9])")


def fix_index(path: Path, words: list[str], prefixes: dict[str, list[str]] | None = None) -> bool:
    """Rewrite the search index at `path` in place; False (and nothing written) when it is not
    the shape this knows. `prefixes`: page location → words to add to that page's entry."""
    pattern = _pattern(names_with_numbers(words))
    prefixes = prefixes or {}
    if (pattern is None and not prefixes) or not path.is_file():
        return False
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = index["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not isinstance(docs, list):
        return False
    for doc in docs:
        if isinstance(doc, dict):
            for field in ("title", "text"):
                if isinstance(doc.get(field), str):
                    doc[field] = join_names(doc[field], pattern)
            extra = prefixes.get(doc.get("location"))
            if extra and isinstance(doc.get("text"), str):
                doc["text"] += " " + " ".join(f"{ZWSP}{word}{ZWSP}" for word in extra)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
