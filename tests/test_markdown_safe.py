"""markdown_safe.py: the second lock on the door. No raw HTML, no attribute list from plan text,
and only links and images the site may carry. (A payload in every field of a whole site:
tests/hostile/test_markup.py.)"""

from __future__ import annotations

import markdown
import pytest

from generator.markdown_safe import SafeMarkdownExtension, hide_braces, image_allowed, normalise_url, url_allowed


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://a.example", True),
        ("mailto:a@b.c", True),
        ("../days/x.md", True),
        ("jav&#x09;ascript:alert(1)", False),  # a browser drops the tab: javascript:
        ("//evil.example/x", False),
        ("/\\evil.example", False),  # another host
    ],
)
def test_links(url, allowed):
    assert url_allowed(url) is allowed


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://i.example/a.png", True),
        ("../content/assets/a.png", True),
        ("../thumbnails/assets/a.png.jpg", True),
        ("http://i.example/a.png", False),
        ("../../etc/passwd", False),
        ("/content/assets/a.png", False),
    ],
)
def test_images(url, allowed):
    assert image_allowed(url) is allowed


def test_a_url_is_read_as_a_browser_reads_it():
    assert normalise_url("JaVa&#x09;Script:x\\y") == "javascript:x/y"


def test_raw_html_is_text_bad_links_lose_their_target_and_hidden_braces_set_no_attribute():
    md = markdown.Markdown(extensions=["attr_list", SafeMarkdownExtension()])
    out = md.convert(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://ok.example)\n\n"
        + hide_braces("text {: onclick=alert(1) }")
    )
    assert out == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        '<p><a>x</a> <a href="https://ok.example">y</a></p>\n'
        "<p>text {: onclick=alert(1) }</p>"
    )
