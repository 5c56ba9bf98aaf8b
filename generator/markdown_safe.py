"""A Markdown extension that keeps plan text from adding markup, attributes or dangerous links.

Every page of the site goes through it (the plan's pages and the hand-written docs). It is
the second lock on the door; the first is the escaping in compile.py. Three parts:

* **No raw HTML.** Python-Markdown passes `<script>` and friends through and has no switch to
  stop it; removing the two processors that recognise raw HTML makes such text ordinary text,
  which the serializer escapes.
* **No attribute lists from plan text.** The templates need `attr_list` for their own ids and
  classes (`{ #id .cp-post data-post=… }`), so it stays on. Plan Markdown reaches the page with
  its braces swapped for two private-use characters (`hide_braces`, called by compile.py), so
  `attr_list` never sees a brace the plan wrote; `_RestoreBraces` turns them back into `{` `}`
  right after `attr_list` has run. This needs no guess at where code spans begin and end.
* **A last look at every element** (`_SafeAttributes`, after every other treeprocessor): event
  handler (`on*`) and `style` attributes go; URL attributes keep only `http:`, `https:`,
  `mailto:` and relative links (images: `https:` or the plan's `content/assets/`); elements that
  run or load code go; admonition types cannot borrow the checklist's `cp-` classes, and no
  heading id can take one of the theme's own (`__config`, `__search`, …).
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# --- braces ----------------------------------------------------------------------------------

BRACE_OPEN, BRACE_CLOSE = "\ue000", "\ue001"  # private use: no Markdown extension reads them
_HIDE = str.maketrans({"{": BRACE_OPEN, "}": BRACE_CLOSE})
_SHOW = str.maketrans({BRACE_OPEN: "{", BRACE_CLOSE: "}"})


def hide_braces(text: str) -> str:
    """Plan Markdown with its braces out of attr_list's sight (they come back after it has run)."""
    return text.translate(_HIDE)


def _show(text):
    if not text or (BRACE_OPEN not in text and BRACE_CLOSE not in text):
        return text
    shown = text.translate(_SHOW)
    return AtomicString(shown) if isinstance(text, AtomicString) else shown


class _RestoreBraces(Treeprocessor):
    """Braces back in text and attribute values, after attr_list (8) and before toc (5)."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            el.text, el.tail = _show(el.text), _show(el.tail)
            for name, value in el.attrib.items():
                el.set(name, _show(value))


class _RestoreBracesInStash(Postprocessor):
    """Code blocks are stashed as HTML before the tree exists: their braces come back here."""

    def run(self, text: str) -> str:
        return text.translate(_SHOW)


# --- URLs ------------------------------------------------------------------------------------

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"https"})
IMAGE_FOLDER = "content/assets/"  # where the plan's own images are copied (see compile.py)
THUMBNAIL_FOLDER = "thumbnails/assets/"  # the cards' small copies of them (thumbnails.py)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "xlink:href",
        "{http://www.w3.org/1999/xlink}href",
        "poster",
        "background",
        "cite",
        "data",
        "ping",
        "lowsrc",
        "longdesc",
        "manifest",
        "codebase",
    }
)
_RUNNABLE = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "object",
        "embed",
        "applet",
        "base",
        "meta",
        "link",
        "form",
        "svg",
        "math",
        "template",
        "noscript",
    }
)
# Python-Markdown's tables write column alignment as this exact style; nothing else keeps one.
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")


def normalise_url(value: str) -> str:
    """A URL as a browser reads it, for testing its scheme: entities decoded, every blank and
    control character dropped (browsers drop tabs and newlines anywhere, so `jav&#x09;ascript:`
    is javascript:), backslashes as slashes (`/\\host` is another host), lower case."""
    text = html.unescape(value)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE)
    return text.replace("\\", "/").lower()


def url_allowed(value: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """A link target the site may carry: one of `schemes`, or relative within the site."""
    url = normalise_url(value)
    m = _SCHEME.match(url)
    if m:
        return m.group(1) in schemes
    return not url.startswith("//")  # `//host/…` is another site with the page's scheme


def image_allowed(value: str) -> bool:
    """An image from `https:` or from the plan's own assets (relative, under content/assets/, or
    their thumbnails under thumbnails/assets/)."""
    url = normalise_url(value)
    if _SCHEME.match(url):
        return url_allowed(url, IMAGE_SCHEMES)
    if url.startswith("/"):
        return False
    path = posixpath.normpath(url)
    while path.startswith("../"):  # how far up depends on the page; the site root is the floor
        path = path[3:]
    return path.startswith((IMAGE_FOLDER, THUMBNAIL_FOLDER))


def _srcset_allowed(value: str) -> bool:
    candidates = [c.strip().split()[0] for c in value.split(",") if c.strip()]
    return all(image_allowed(c) for c in candidates)


class _SafeAttributes(Treeprocessor):
    """The last treeprocessor: whatever made an element, it leaves here without a way to run code."""

    def run(self, root: etree.Element) -> None:
        renamed: dict[str, str] = {}
        for el in list(root.iter()):
            _drop_runnable_children(el)
            for name in list(el.attrib):
                if not _attribute_allowed(el, name.lower(), el.attrib[name]):
                    del el.attrib[name]
            if "admonition" in el.get("class", "").split():
                el.set("class", _without_checklist_classes(el.get("class", "")))
            old_id = el.get("id", "")
            if old_id.startswith("__"):
                el.set("id", renamed.setdefault(old_id, "h" + old_id))
        _rename_in_toc(getattr(self.md, "toc_tokens", []), renamed)


def _drop_runnable_children(el: etree.Element) -> None:
    for child in list(el):
        if isinstance(child.tag, str) and child.tag.lower() in _RUNNABLE:
            _remove(el, child)


def _attribute_allowed(el: etree.Element, name: str, value: str) -> bool:
    if name.startswith("on"):
        return False
    if name == "style":
        return el.tag in ("th", "td") and bool(_TABLE_ALIGN.fullmatch(value.strip()))
    if name == "srcset":
        return _srcset_allowed(value)
    if name in ("src", "poster", "lowsrc", "background"):
        return image_allowed(value)
    if name in URL_ATTRIBUTES:
        return url_allowed(value)
    return True


def _rename_in_toc(tokens: list[dict], renamed: dict[str, str]) -> None:
    # The theme's own elements have ids in "__" (`__config` holds its settings, `__search` its
    # toggle); a heading `## __config` must not shadow them, so it becomes `h__config`, in the
    # table of contents too.
    for token in tokens:
        token["id"] = renamed.get(token["id"], token["id"])
        _rename_in_toc(token.get("children", []), renamed)


def _without_checklist_classes(classes: str) -> str:
    # An admonition's type words become classes (`!!! cp-post`); cp- is the checklist's namespace.
    return " ".join(c for c in classes.split() if not c.startswith("cp-"))


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child`, keeping the text that followed it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


# --- the extension ---------------------------------------------------------------------------


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Markdown's API name
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_RestoreBraces(md), "contentplan_braces", 7)
        md.postprocessors.register(_RestoreBracesInStash(md), "contentplan_braces", 1)
        # Below every other treeprocessor (MkDocs' own run at 0 and up), so nothing comes after.
        md.treeprocessors.register(_SafeAttributes(md), "contentplan_safe", -1000)


def makeExtension(**kwargs) -> SafeMarkdownExtension:  # Markdown's API name
    return SafeMarkdownExtension(**kwargs)
