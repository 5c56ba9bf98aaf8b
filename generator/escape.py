"""Plan text into Markdown and into the theme: the first lock on the door (markdown_safe.py is
the second). Every template filter that prints plan text is here.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata

from .markdown_safe import hide_braces


class Markdown(str):
    """Text a filter below has made safe for the Markdown page it lands in. The templates'
    `finalize` (templating.markdown_environment) prints this as it is and escapes any other
    string that is not plainly inert, so a value printed without a filter is shown, never run."""


# --- escaping: plan text into Markdown --------------------------------------------------------
#
# The policy (every byte of a plan is untrusted; the site is public):
#   text fields      -> md_text: HTML-escaped, Markdown punctuation backslashed, one line
#                       (md_code: the same text as inline code, e.g. a variable's name)
#   Markdown fields  -> md_block: raw HTML as text, braces hidden from attr_list
#   URL fields       -> href: percent-encoded so nothing in it is Markdown or ends an attribute
#   ids, file names  -> url_for: the only way a path becomes a link, each segment percent-encoded
#   theme strings    -> theme_text: site name, page titles, tags (the theme prints them raw)
# markdown_safe.py then checks every element of every page once more.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(value: object) -> str:
    """Plain text for inline Markdown: HTML-escaped, Markdown punctuation backslashed."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markdown(_MD_SPECIAL.sub(r"\\\1", text))


def md_block(value: object, indent: int = 0) -> str:
    """User-written Markdown (notes, guidance): kept as Markdown, raw HTML shown as text, and no
    attribute lists (`{: onclick=… }`, `{ .cp-post data-post=… }`): see markdown_safe.py.
    `indent`: spaces before each line (inside an admonition), blank lines left blank."""
    text = hide_braces(_escape_html_outside_code(str(value).strip()))
    if indent:
        text = "\n".join(" " * indent + line if line.strip() else line for line in text.split("\n"))
    return Markdown(text)


def md_code(value: object) -> str:
    """Plain text as inline code (one line): the backtick fence is longer than any run inside,
    so the text cannot end it, and a table does not split at a `|` inside it."""
    text = " ".join(str(value).split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return Markdown(f"{fence} {hide_braces(text)} {fence}")


def fenced(text: str, info: str = "text") -> str:
    """A fenced code block holding `text` verbatim, with a fence longer than any inside it.

    Its braces are hidden from attr_list too (markdown_safe puts them back in the code): should
    anything before it leave a fence open, the text must still not be able to add attributes."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markdown(f"{fence}{info}\n{hide_braces(text)}\n{fence}")


# Characters that end a Markdown link target or an attribute value, or that Markdown reads
# before it reads links (code spans, backslash escapes), plus blanks and controls.
_URL_UNSAFE = frozenset(" ()<>\"'`\\{}|")


def href(url: object) -> str:
    """A validated http(s) URL as a Markdown link target: every character that could end the
    target or an attribute, or read as Markdown, is percent-encoded (`%` itself is kept, so an
    encoded URL stays as it is)."""
    return Markdown("".join(_percent(ch) if ch in _URL_UNSAFE or _invisible(ch) else ch for ch in str(url).strip()))


def _percent(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


# The theme (MkDocs' Jinja, autoescape off) prints the site name and page titles raw, in text,
# in attributes and through `striptags`, which decodes entities. So no entity can be safe there:
# the five characters that matter are swapped for look-alikes that read the same.
_THEME_SWAP = str.maketrans({"&": "＆", "<": "‹", ">": "›", '"': "＂", "'": "’"})


def theme_text(value: object) -> str:
    """A string for the theme's header, <title>, nav, search and tags: one line, none of
    & < > " ', and nothing the YAML of a page's front matter refuses (control characters,
    U+FFFE, U+FFFF, lone surrogates), which would show the front matter as text. Idempotent."""
    text = "".join(ch for ch in str(value) if ch in "\t\n" or not _unfit_for_yaml(ch))
    return " ".join(text.split()).translate(_THEME_SWAP)


def _unfit_for_yaml(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


# --- front matter: plan text into the YAML between a page's `---` lines -----------------------
#
# MkDocs reads a page's front matter with PyYAML; if that fails it shows the front matter as
# Markdown, so one character YAML refuses (DEL, a C1 control, U+FFFE/U+FFFF, a lone surrogate)
# would turn the plan's text into live Markdown. Every value is written as one line of JSON (a
# YAML double-quoted scalar) with each such character, and YAML's own line breaks (U+0085,
# U+2028, U+2029, which it would fold into spaces), written as a \u escape.
_YAML_REFUSES = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def front_matter_json(value: object) -> Markdown:
    """`value` as one line that YAML reads back as exactly the same data, whatever it holds
    (a lone surrogate, which no file can hold, becomes U+FFFD)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markdown(_YAML_REFUSES.sub(_u_escape, text))


def _u_escape(match: re.Match) -> str:
    ch = match.group(0)
    return "\\ufffd" if "\ud800" <= ch <= "\udfff" else f"\\u{ord(ch):04x}"


# --- the templates' last word: a value printed without a filter --------------------------------
#
# Ids, dates, counts and the package's own links and labels are printed as they are; they hold
# only letters, digits and a few marks no Markdown reads in the middle of a line. Anything else
# that reaches a template without one of the filters above is escaped as text (md_text): a new
# template that forgets a filter shows the plan's words, it cannot run them.
_INERT = re.compile(r"[\w.:/%~+\-·–—、，。：#]*")


def finalize(value: object) -> object:
    if isinstance(value, Markdown) or not isinstance(value, str):
        return value
    if _INERT.fullmatch(value) and not value.startswith(("#", "-", "+")):
        return value
    return md_text(value)


_FENCE_OPEN = re.compile(r"( *)(`{3,}|~{3,})")


def _escape_html_outside_code(text: str) -> str:
    """HTML escaped outside code; a fence the text leaves open is closed at its end.

    Fences follow pymdownx.superfences: a block ends only at a line with the very same fence
    (indent and length). Left open, it would swallow what the page puts after this text (the
    next message block) and turn that into Markdown."""
    out, fence = [], None
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            if line.rstrip(" \t") == fence:
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group(0)
            out.append(line)
            continue
        parts = re.split(r"(`+[^`]*`+)", line)  # leave inline code spans alone
        out.append("".join(p if p.startswith("`") else html.escape(p, quote=False) for p in parts))
    if fence is not None:
        out.append(fence)
    return "\n".join(out)
