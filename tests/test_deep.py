"""cleaner/deep.py: markup nested past the parser's limit, flattened with its text unchanged."""

from __future__ import annotations

import re

import lxml.html

from cleaner.deep import flatten


def _depth(html: str) -> int:
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    return max(sum(1 for _ in el.iterancestors()) for el in root.iter())


def _text(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_a_page_within_the_limit_is_unchanged() -> None:
    html = "<div><p>one</p><ul><li>a<li>b</ul></div>" * 50
    assert flatten(html, limit=10) == html


def test_past_the_limit_elements_become_siblings_and_the_text_stays() -> None:
    html = "<div>" * 100 + "<p>one</p><p>two <b>bold</b></p>" + "</div>" * 100 + "<p>after</p>"
    out = flatten(html, limit=10)
    assert _depth(out) <= 14  # html, body, the 10 kept and one beside the deepest (and its inline child)
    assert _text(out) == _text(html)
    body = lxml.html.fromstring(out)
    assert [p.text_content() for p in body.iter("p")][-1] == "after"
    assert "two bold" in body.text_content()


def test_end_tags_of_closed_elements_go_and_the_kept_ones_close_their_elements() -> None:
    html = '<div id="outer">' + "<div>" * 20 + "x" + "</div>" * 20 + "<p>inside</p></div><p>out</p>"
    out = flatten(html, limit=5)
    outer = lxml.html.fromstring(out).get_element_by_id("outer")
    assert [p.text for p in outer.iter("p")] == ["inside"]  # not closed early by the nest's end tags


def test_tags_inside_scripts_comments_and_quoted_values_are_not_elements() -> None:
    html = (
        '<div title="<div><div>"><script>"<div>" + "<div>"</script><!-- <div><div> -->'
        "<style>div>p{}</style><p>kept</p></div>"
    )
    # Counted as elements, the quoted, scripted and commented <div>s would pass the limit of 1 and be closed.
    assert flatten(html, limit=1) == html
