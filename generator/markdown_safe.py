"""A Markdown extension that turns off raw HTML, so plan text can never inject markup.

Python-Markdown passes `<script>` and friends through untouched and has no switch to stop
it; removing the two processors that recognise raw HTML makes such text ordinary text,
which the serializer escapes. Plan text is also escaped by the compile step: this is the
second lock on the door, and it covers Markdown the team writes (notes, guidance).
"""
from __future__ import annotations

from markdown import Extension, Markdown


class NoRawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")


def makeExtension(**kwargs) -> NoRawHtmlExtension:  # noqa: N802 - Markdown's API name
    return NoRawHtmlExtension(**kwargs)
