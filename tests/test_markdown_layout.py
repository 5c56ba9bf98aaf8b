"""markdown_layout.py: a post heading and what follows it become one card; a paragraph can hand
a class to the block after it. (The cards on real day pages: tests/test_site.py.)"""

from __future__ import annotations

import markdown

from generator.markdown_layout import LayoutExtension

CARDS = (
    "# Day\n\n"
    "## a { #p1 .cp-post data-post=p1 data-status=draft }\n\nline\n\n"
    "## b { #p2 .cp-post data-post=p2 data-status=bogus }\n\nline2\n\n"
    "## plain\n\nafter\n"
)


def html(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "tables", LayoutExtension()]).convert(text)


def test_each_post_heading_and_its_lines_are_one_card_up_to_the_next_heading():
    out = html(CARDS)
    assert out.count("<section") == 2 and out.startswith("<h1>Day</h1>")
    assert '<section class="cp-card cp-status-draft"><h2 class="cp-post" data-post="p1"' in out
    assert '<section class="cp-card"><h2 class="cp-post" data-post="p2"' in out  # no class for an unknown status
    assert out.endswith("</section><h2>plain</h2>\n<p>after</p>")  # a plain heading ends the card


def test_a_paragraph_hands_a_cp_class_to_the_next_block_and_nothing_else():
    out = html('next\n{: data-cp-next="cp-month" }\n\n| a |\n|---|\n| 1 |\n\nx\n{: data-cp-next="evil class" }\n\n- item\n')
    assert '<table class="cp-month">' in out
    assert "<ul>" in out and "evil" not in out and "data-cp-next" not in out
