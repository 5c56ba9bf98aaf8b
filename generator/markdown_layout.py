"""A Markdown extension that gives the templates' pages the few structures Markdown cannot write.

* **Post cards.** A day page writes each post as a heading `## … { #id .cp-post data-post=… }`
  followed by its lines. Each such heading and everything after it, up to the next heading of
  level 1 or 2, is wrapped in `<section class="cp-card cp-status-…">`, so a post is one box on
  a phone and on paper.
* **A class for the next block.** `attr_list` cannot reach a table or a list, so a paragraph
  with `data-cp-next="cp-month"` hands that class to the element right after it.

Both read attributes only `attr_list` can set, and plan text never reaches `attr_list` with a
brace (markdown_safe.py), so plan text can neither make a card nor class a block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .vocabulary import STATUSES

_NEXT_CLASS = re.compile(r"cp-[a-z]+(?:-[a-z]+)*")


class _Layout(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        _class_next_blocks(root)
        _wrap_cards(root)


def _class_next_blocks(root: etree.Element) -> None:
    children = list(root)
    for el, after in zip(children, children[1:] + [None]):
        wanted = el.attrib.pop("data-cp-next", None)
        if wanted and after is not None and _NEXT_CLASS.fullmatch(wanted):
            after.set("class", " ".join(filter(None, [after.get("class", ""), wanted])))


def _is_card_heading(el: etree.Element) -> bool:
    return el.tag == "h2" and "cp-post" in el.get("class", "").split() and bool(el.get("data-post"))


def _wrap_cards(root: etree.Element) -> None:
    if not any(_is_card_heading(el) for el in root):
        return
    kept, card = [], None
    for el in list(root):
        if _is_card_heading(el):
            status = el.get("data-status", "")
            card = etree.Element(
                "section",
                {
                    "class": "cp-card" + (f" cp-status-{status}" if status in STATUSES else ""),
                },
            )
            kept.append(card)
        elif el.tag in ("h1", "h2"):
            card = None
        (card if card is not None else kept).append(el)
    root[:] = kept


class LayoutExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's API name
        # After attr_list (8) has set the attributes, before toc (5) reads the headings.
        md.treeprocessors.register(_Layout(md), "contentplan_layout", 6.5)


def makeExtension(**kwargs) -> LayoutExtension:  # Markdown's API name
    return LayoutExtension(**kwargs)
