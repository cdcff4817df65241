"""HTML mode: pruned furniture is explained by category, near-misses and the article are kept."""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.html import (
    MAX_SHARE,
    _node_text,
    _PageShare,
    class_words,
    headline_in_article,
    html_to_text,
    is_headline,
    join_split_body,
    parse,
    prose_holder,
    prune,
    rule_index,
    unwrap_layout_tables,
)
from cleaner.html_rules import PRUNE
from cleaner.layers.base import Layer
from cleaner.model import Document, Removal

PROSE = (
    "The council approved the new budget on Tuesday after a long debate about road repairs, "
    "school funding and the cost of running the city's three public libraries."
)
PROSE2 = (
    "Members of the finance committee said the plan would keep property taxes flat for a second "
    "year while adding two million dollars for bridge maintenance across the northern districts."
)
PROSE3 = (
    "Residents who spoke at the meeting mostly supported the library money, though several asked "
    "why the repairs on the river road had been delayed again until the spring of next year."
)


def page(body: str, title: str = "Council passes budget") -> str:
    return (
        f"<!doctype html><html><head><title>{title} | Daily Example</title></head><body>"
        f"<h1>{title}</h1><article><p>{PROSE}</p>{body}<p>{PROSE2}</p><p>{PROSE3}</p></article>"
        "</body></html>"
    )


def html_removals(html: str) -> dict[str, tuple[str, str]]:
    """Removed text -> (rule, category) for the removals the html layer made."""
    out = html_to_text(html)
    return {r.text: (r.rule, r.category) for r in out.removals if r.layer == "html"}


@pytest.mark.parametrize(
    ("fragment", "removed", "category"),
    [
        ('<div id="comments"><p>Great piece, thanks for writing it</p></div>', "Great piece", "comments"),
        ('<section class="comments-area"><p>I disagree with all of this</p></section>', "I disagree", "comments"),
        (
            "<figure><img src=a.jpg><figcaption>The mayor at the vote. Photo: J. Doe</figcaption></figure>",
            "The mayor",
            "caption",
        ),
        ('<div class="share-buttons"><span>Share on Facebook</span></div>', "Share on Facebook", "promo"),
        (
            '<div class="newsletter-signup"><p>Get our daily newsletter in your inbox</p></div>',
            "Get our daily",
            "promo",
        ),
        ('<div class="related-posts"><h3>Read this next</h3></div>', "Read this next", "related"),
        ('<div class="ad-slot">Advertisement</div>', "Advertisement", "banner"),
        ('<nav><a href="/">Home</a> <a href="/news">News</a></nav>', "Home News", "navigation"),
        ('<ol class="breadcrumb"><li>Home</li> <li>Politics</li></ol>', "Home Politics", "navigation"),
        ('<div style="display: none">Hidden promo text for bots</div>', "Hidden promo", "boilerplate"),
        ('<aside role="complementary"><p>Most read this week</p></aside>', "Most read", "boilerplate"),
        ('<p><a href="/x">Read more: Budget fight drags on for a third week</a></p>', "Read more", "related"),
        ("<script>var ads = [];</script>", "var ads", "script"),
        (
            '<div class="latest-news-box"><ul><li><h3>Storm closes schools</h3><p>Two days off</p></li></ul></div>',
            "Storm closes schools",
            "related",
        ),
        ('<div class="nrplus_cta"><p>Enjoyed this? Join our members club today</p></div>', "Enjoyed this?", "promo"),
        (
            '<div id="onetrust-banner-sdk"><p>We use cookies to improve your experience. Accept all</p></div>',
            "We use cookies",
            "promo",
        ),
        ('<div class="gdpr-overlay"><p>Your privacy choices: manage settings</p></div>', "Your privacy", "promo"),
        (
            '<div class="print-header"><span>https://example.com/news/budget</span></div>',
            "https://example.com",
            "boilerplate",
        ),
        ('<div class="article-byline"><span>By Jane Roe, Staff Writer</span></div>', "By Jane Roe", "byline-credit"),
        (
            '<p>Tags: <a rel="tag" href="/t/budget">budget</a>, <a rel="tag" href="/t/roads">roads</a></p>',
            "Tags: budget, roads",
            "navigation",
        ),
        (
            '<div class="meta"><strong>Filed Under:</strong><span><a href="/tag/city-council/">City Council</a>, '
            '<a href="/tag/taxes/">Taxes</a></span></div>',
            "Filed Under:",
            "navigation",
        ),
        ('<div class="post-date">October 12, 2017</div>', "October 12, 2017", "boilerplate"),
        ('<p class="estimated-read-time">Reading time: 2 minutes</p>', "Reading time", "boilerplate"),
        (
            '<p>Mayor Ann Lee<span class="hovercard"><a href="/x">Lee opens new bridge</a></span> said '
            "the vote was close.</p>",
            "Lee opens new bridge",
            "boilerplate",
        ),
    ],
)
def test_pruned_node_is_a_removal_with_its_category(fragment: str, removed: str, category: str) -> None:
    result = cleaner.clean_document(page(fragment), kind="html")
    hits = [r for r in result.removals if r.layer == "html" and r.text.startswith(removed)]
    assert hits, f"no html removal starting with {removed!r}: {result.removals}"
    assert hits[0].category == category
    assert hits[0].rule.startswith("html.")
    assert hits[0].line is not None
    assert removed not in result.text
    assert PROSE in result.text and PROSE3 in result.text


NEAR_MISSES = [
    # Words that contain a furniture word but are not it.
    ("commentary", "Commentary: the budget is a careful compromise between the two parties on the council."),
    ("shared-content", "Shared services will save the county money over the coming years, the clerk said."),
    ("advertorial-free download", "Downloads of the budget document were available from Monday morning."),
    ("relatedness", "The relatedness of the two votes was not lost on anyone present in the chamber."),
    ("subscriber-only", "Only the subscriber districts will pay the new water rate from next January."),
    ("latest-update", "The latest update to the plan moved the bridge money into the second year."),
    ("print-friendly", "A print-friendly copy of the plan was handed out to everyone at the meeting."),
    ("bylined-story", "The clerk read the motion aloud twice before the members finally voted on it."),
    ("candidate-profile", "Each candidate for the two open seats spoke for three minutes before the vote."),
    ("updated-story", "The updated plan adds a second crossing over the river near the old mill site."),
    ("octagonal", "The octagonal chamber was built in 1911 and restored with state money in 1990."),
    # Adobe's page components are all "cmp-...": the consent rule does not read "cmp" alone.
    ("cmp-text", "The consent decree gives the city two years to replace the lead water pipes."),
    ("cookie-recipe", "Cream the butter and sugar, then fold in the flour and the chocolate chips."),
]


@pytest.mark.parametrize(("css_class", "text"), NEAR_MISSES)
def test_near_miss_class_is_not_pruned(css_class: str, text: str) -> None:
    root = parse(page(f'<div class="{css_class}"><p>{text}</p></div>'))
    removals = prune(root)
    assert not [r for r in removals if text in r.text]
    assert text in root.text_content()


@pytest.mark.parametrize(("css_class", "text"), [NEAR_MISSES[0], NEAR_MISSES[2], NEAR_MISSES[4]])
def test_near_miss_class_reaches_the_output(css_class: str, text: str) -> None:
    # Not asserted for "shared-" and "relatedness": trafilatura's own class tokens drop those.
    assert text in cleaner.clean(page(f'<div class="{css_class}"><p>{text}</p></div>'), kind="html")


def test_prose_with_a_link_is_not_a_link_block() -> None:
    text = (
        'The full text is on <a href="/budget">the city website</a>, and a summary was posted at '
        "the town hall for residents without internet access at home."
    )
    out = html_to_text(page(f"<p>{text}</p>"))
    assert "a summary was posted at the town hall" in out.text
    assert not [r for r in out.removals if r.rule == "html.link-block"]


def test_article_wrapper_with_furniture_word_is_not_pruned() -> None:
    # A wrapper holding most of the page keeps its article even if its class says "sidebar-ad".
    html = (
        "<html><body><div class='content ad-wrapper'>"
        f"<h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p>"
        "</div><div class='ad'>Buy now</div></body></html>"
    )
    text = cleaner.clean(html, kind="html")
    assert PROSE in text and PROSE3 in text
    assert "Buy now" not in text


# A sidebar or comment section that holds more text than the post: the page-share
# guard cannot save a post whose wrapper carries a furniture word, the structure must.
_POST = "".join(f"<p>{p}</p>" for p in (PROSE, PROSE2, PROSE3))
_BIG_SIDE = "".join(f"<li>{PROSE} Entry {i}.</li>" for i in range(8))


@pytest.mark.parametrize(
    "post",
    [
        # Blogger's standard markup: each day's posts inside div.date-outer ("date" is a dateline word).
        f"<div class='date-outer'><h2 class='date-header'>Monday</h2><div class='post-outer'>"
        f"<div class='post hentry'><h3 class='post-title'>Budget</h3><div class='post-body'>{_POST}</div>"
        "</div></div></div>",
        # A theme's share wrapper around the whole <article>.
        f"<div class='share_wrapper'><article><h1>Budget</h1>{_POST}</article></div>",
        # The schema.org body inside a box named for its social buttons.
        f"<div class='social-box'><div itemprop='articleBody'>{_POST}</div></div>",
    ],
)
def test_wrapper_of_the_marked_post_is_not_pruned_by_its_class_word(post: str) -> None:
    html = f"<html><body>{post}<div class='sidebar'><h2>Archive</h2><ul>{_BIG_SIDE}</ul></div></body></html>"
    out = html_to_text(html)
    assert PROSE in out.text and PROSE3 in out.text


@pytest.mark.parametrize(
    "classes",
    [
        "post type-post hentry category-sponsored-content",
        "post hentry tag-comments",
        "post hentry category-site-promo-x",
    ],
)
def test_category_and_tag_classes_never_prune(classes: str) -> None:
    html = (
        f"<html><body><div class='{classes}'><h1>Budget</h1>{_POST}</div>"
        "<div class='comments-area'><ol><li>Entry 3: great post, thanks.</li></ol></div>"
        f"<div class='widgets'><ul>{_BIG_SIDE}</ul></div></body></html>"
    )
    removed = " ".join(r.text for r in prune(parse(html)))
    assert PROSE2 not in removed
    assert "Entry 3" in removed  # the real comment section still goes
    out = html_to_text(html)
    assert PROSE in out.text and PROSE3 in out.text


# An issue of a newsletter archive, a product's description: the content box carries a
# furniture word and no mark of a post, and the page's menus and widgets hold more text.
_ISSUE_MORE = (
    "The library board will publish the full spending plan next week, with a table of every branch's "
    "opening hours and the repairs each building needs before the winter storms arrive.",
    "Several council members asked the city manager to report on the bridge inspections twice a year, "
    "so that residents can follow how the new maintenance money is spent in each district.",
    "The mayor thanked the volunteers who counted the library visitors this summer and said their "
    "figures had changed the minds of at least two members of the finance committee.",
)
_ISSUE = _POST + "".join(f"<p>{p}</p>" for p in _ISSUE_MORE)
_SIGNUP = (
    "<div class='newsletter-signup'><p>Sign up to receive our weekly letter about the city's budget, "
    "its schools and its libraries, straight to your inbox every Friday morning.</p></div>"
)
_WIDGETS = "<div class='widgets'><ul>" + _BIG_SIDE + _BIG_SIDE + "</ul></div>"


def test_box_holding_most_of_the_pages_paragraphs_is_not_pruned_by_its_class_word() -> None:
    html = (
        f"<html><body><section class='cc-newsletter'><h2>Neighbourhood letter, issue 12</h2>"
        f"<div class='letter-body'>{_ISSUE}</div>{_SIGNUP}</section>{_WIDGETS}</body></html>"
    )
    holder = prose_holder(parse(html))
    assert holder is not None and holder.get("class") == "letter-body"
    out = html_to_text(html)
    assert PROSE in out.text and _ISSUE_MORE[2] in out.text
    # Only the holder and what wraps it are spared: the sign-up box inside the section still goes.
    assert "Sign up to receive" not in out.text
    assert [r.rule for r in out.removals if "Sign up to receive" in r.text] == ["html.promo"]


def test_box_with_less_than_most_of_the_paragraphs_is_still_pruned() -> None:
    # The article's own box holds most paragraphs; a promo box of two paragraphs is no holder.
    html = (
        f"<html><body><div class='story'>{_ISSUE}</div>"
        f"<div class='promo'><p>{_ISSUE_MORE[0]} Subscribe today.</p><p>{_ISSUE_MORE[1]} Join us.</p></div>"
        f"{_WIDGETS}</body></html>"
    )
    assert prose_holder(parse(html)).get("class") == "story"
    out = html_to_text(html)
    assert "Subscribe today." not in out.text and PROSE in out.text


def test_a_page_with_few_paragraph_words_has_no_prose_holder() -> None:
    html = f"<html><body><div class='cta-box'><p>{PROSE}</p><p>{PROSE2}</p></div>{_WIDGETS}</body></html>"
    assert prose_holder(parse(html)) is None


def test_furniture_inside_the_marked_post_is_still_pruned() -> None:
    # Only the post and what wraps it are spared: a share box inside it still goes.
    html = (
        f"<html><body><div class='share_wrapper'><article><h1>Budget</h1>{_POST}"
        "<div class='share-buttons'>Share on Facebook Share on X Email this story</div></article></div>"
        "</body></html>"
    )
    out = html_to_text(html)
    assert PROSE3 in out.text and "Share on Facebook" not in out.text
    assert [r.rule for r in out.removals if "Share on Facebook" in r.text] == ["html.promo"]


def test_a_tag_list_class_on_a_box_that_is_no_post_still_prunes_by_its_id() -> None:
    # The topic-class exception reads class names only: an id is the template's own name for a box.
    assert rule_index(parse("<html><body><div id='tag-list'>x</div></body></html>").find(".//div")) is not None
    assert rule_index(parse("<html><body><div class='tag-list'>x</div></body></html>").find(".//div")) is None


def test_leading_headline_is_removed_and_explained() -> None:
    html = (
        "<html><head><title>Council passes budget | Daily Example</title></head><body>"
        f"<div class='story'><h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p></div></body></html>"
    )
    result = cleaner.clean_document(html, kind="html")
    assert PROSE in result.text
    assert not result.text.startswith("Council passes budget")
    assert any(r.rule == "html.headline" and r.category == "boilerplate" for r in result.removals)
    assert result.title == "Council passes budget | Daily Example"


def test_headline_inside_article_is_kept() -> None:
    html = f"<html><body><article><h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p></article></body></html>"
    assert cleaner.clean(html, kind="html").startswith("Council passes budget\n")


def test_is_headline() -> None:
    titles = {"council passes budget | daily example", "council passes budget"}
    assert is_headline("Council passes  budget", titles)
    assert not is_headline(PROSE, titles)
    assert not is_headline("Council", {"council votes on a long list of things"})


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>", "<html><body><nav>Home</nav></body></html>"])
def test_page_without_article_gives_empty_text(html: str) -> None:
    assert cleaner.clean(html, kind="html") == ""


def test_auto_detects_html() -> None:
    result = cleaner.clean_document(page(""))
    assert result.kind == "html"
    assert PROSE in result.text


def test_question_put_to_each_guest_is_kept() -> None:
    # A paragraph that comes back three times is the article's structure, not a copy.
    question = "What made you start cooking for other people in the first place, years ago?"
    body = "".join(f"<h3>{question}</h3><p>{p}</p>" for p in (PROSE, PROSE2, PROSE3))
    html = f"<html><body><article>{body}</article></body></html>"
    result = cleaner.clean_document(html, kind="html")
    assert result.text.count(question) == 3
    assert not [r for r in result.removals if r.layer in ("duplicate", "context")]
    assert cleaner.clean(result.text) == result.text


def test_output_is_checked_as_the_text_it_is() -> None:
    """The HTML kind skips the page-dump layers, but its output is cleaned once more as text
    (what a second clean does), so a paragraph the page prints twice goes, explained."""
    body = f"<p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p><p>{PROSE2}</p>"
    result = cleaner.clean_document(f"<html><body><article>{body}</article></body></html>", kind="html")
    assert result.text.count(PROSE2) == 1
    (dup,) = [r for r in result.removals if r.layer == "duplicate"]
    assert (dup.rule, dup.category, dup.text) == ("duplicate.exact", "duplicate", PROSE2)
    assert dup.line == 4  # the line of the extracted text
    assert cleaner.clean(result.text) == result.text


def test_page_about_html_cleans_to_itself() -> None:
    """An article quoting tags comes out as text that kind auto takes for text again."""
    title = "&lt;html&gt;&lt;head&gt; and &lt;body&gt;: the skeleton of every page"
    quoted = f"{PROSE} The &lt;p&gt; tag makes a paragraph, &lt;br&gt; a break and &lt;div&gt; a block."
    out = cleaner.clean(f"<html><body><article><h1>{title}</h1><p>{quoted}</p><p>{PROSE2}</p></article></body></html>")
    assert out.startswith("<html><head> and <body>")
    assert cleaner.clean_document(out).kind == "text"
    assert cleaner.clean(out) == out


def test_deeply_nested_tags_do_not_crash() -> None:
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{PROSE}</p>" + "</div>" * 100_000 + "</body></html>"
    assert isinstance(cleaner.clean(html, kind="html"), str)


def test_huge_attribute_does_not_crash() -> None:
    attr = "a" * 10_000_000
    html = f'<html><body><div data-x="{attr}"></div><article><p>{PROSE}</p><p>{PROSE2}</p></article></body></html>'
    assert isinstance(cleaner.clean(html, kind="html"), str)


def test_parsed_elements_have_the_classes_lxml_html_gives() -> None:
    """parse picks element classes in C; trafilatura and our rules must see the same objects."""
    import lxml.html

    html = (
        "<html><body><form><label>a</label><input><select></select><textarea></textarea></form><p>b</p></body></html>"
    )
    ours, theirs = parse(html), lxml.html.document_fromstring(html)
    assert ours is not None
    assert [type(el) for el in ours.iter()] == [type(el) for el in theirs.iter()]
    assert {type(el).__name__ for el in ours.iter()} > {"FormElement", "InputElement", "HtmlElement"}


@pytest.mark.parametrize("bad", ["\x00", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"])
def test_characters_xml_forbids_are_dropped_before_parsing(bad: str) -> None:
    """lxml refuses them in any text it sets; each kind is found whichever way parse looks for it."""
    root = parse(f"<html><body><p>caf\u00e9{bad} \ufffd\uff01 ok{bad}</p></body></html>")
    assert root is not None
    assert root.findtext(".//p") == "caf\u00e9 \ufffd\uff01 ok"
    assert parse(f" {bad}\n{bad}") is None  # nothing but whitespace once they are gone


def test_unexplained_extraction_gives_the_same_text_and_no_removals() -> None:
    """clean() reads only the text: the HTML layer skips its explanations, and the text is the same."""
    html = page('<div class="share-buttons"><span>Share on Facebook</span></div><table><tr><td>x</td></tr></table>')
    explained, bare = html_to_text(html), html_to_text(html, explain=False)
    assert explained.removals and bare.removals == []
    assert (bare.text, bare.title) == (explained.text, explained.title)
    assert cleaner.clean(html, kind="html") == cleaner.clean_document(html, kind="html").text


def test_bytes_page_is_decoded() -> None:
    html = page("").replace("<head>", '<head><meta charset="utf-8">').replace("budget on", "budget – on")
    text = cleaner.clean(html.encode("utf-8"), kind="html")
    assert "budget – on" in text


def test_tag_link_inside_prose_is_kept() -> None:
    text = (
        'The vote followed months of debate about <a rel="tag" href="/tag/roads">road repairs</a> in the '
        "northern districts, where residents had long complained about potholes."
    )
    out = html_to_text(page(f"<p>{text}</p>"))
    assert "where residents had long complained about potholes" in out.text
    assert not [r for r in out.removals if r.rule == "html.tag-links"]


def test_tag_list_inside_a_dateline_box_is_named_navigation() -> None:
    """A dateline box that also holds the post's tags: the date is boilerplate, the tag list navigation."""
    box = (
        '<div class="post-date">November 19, 2019 at 9:45 am<div class="meta"><strong>Filed Under:</strong>'
        '<a href="/tag/budget/">Budget</a>, <a href="/tag/libraries/">Libraries</a></div></div>'
    )
    out = html_to_text(page(box))
    named = {r.rule: (r.category, r.text) for r in out.removals}
    assert named["html.tag-links"] == ("navigation", "Filed Under:Budget, Libraries")
    assert named["html.dateline"] == ("boilerplate", "November 19, 2019 at 9:45 am")
    assert out.text == html_to_text(page("")).text


def test_class_words_are_whole_words_and_their_runs() -> None:
    words = class_words("Post_Comments  follow-us-box sharedContent")
    assert {"post", "comments", "post-comments", "follow-us", "follow-us-box", "sharedcontent"} <= words
    assert "share" not in words and "comment" not in words


@pytest.mark.parametrize(
    ("fragment", "rule"),
    [
        ('<div class="ad">x</div>', "html.ad"),
        ('<aside class="related-posts">x</aside>', "html.related"),  # a word rule before the <aside> tag rule
        ('<div class="comments" style="display:none">x</div>', "html.hidden"),  # hidden comes before comments
        ('<nav class="share-bar">x</nav>', "html.promo"),  # promo comes before the <nav> tag rule
        ('<a class="ad">x</a>', None),  # word rules apply to block containers only
    ],
)
def test_first_matching_rule_wins(fragment: str, rule: str | None) -> None:
    el = parse(f"<html><body>{fragment}</body></html>").find("body")[0]
    n = rule_index(el)
    assert (PRUNE[n].rule if n is not None else None) == rule


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        (f"<h1>Council passes budget</h1><p>{PROSE}</p>", True),  # no marked body: the <article> is the article
        (f"<div itemprop='articleBody'><h1>Council passes budget</h1><p>{PROSE}</p></div>", True),
        (f"<h1>Council passes budget</h1><div itemprop='articleBody'><p>{PROSE}</p></div>", False),
        (
            f"<div class='title'><h1>Council passes budget</h1></div><div class='article-body'><p>{PROSE}</p></div>",
            False,
        ),
        # a class that only contains a body word is no body marker
        (f"<h1>Council passes budget</h1><div class='article-bodycopy-ad'><p>{PROSE}</p></div>", True),
    ],
)
def test_headline_belongs_to_the_article_inside_its_marked_body(body: str, kept: bool) -> None:
    root = parse(f"<html><body><div class='page'><article>{body}</article></div></body></html>")
    assert headline_in_article(root, "Council passes  budget") is kept
    assert not headline_in_article(
        parse(f"<html><body><h1>Council passes budget</h1><p>{PROSE}</p></body></html>"), "Council passes budget"
    )


def test_headline_inside_the_marked_article_body_is_kept() -> None:
    html = (
        "<html><body><article><div class='entry-content'>"
        f"<h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p></div></article></body></html>"
    )
    assert cleaner.clean(html, kind="html").startswith("Council passes budget\n")


def test_article_body_split_into_equal_containers_is_extracted_whole() -> None:
    # Two parts of one body, each in its own grid wrapper, an ad rail between them.
    part = "<div class='grid'><div class='article-body body'><p>{}</p><p>{}</p></div></div>"
    html = (
        "<html><body><article><h1>Council passes budget</h1>"
        + part.format(PROSE, PROSE2)
        + "<div class='rail'>Sponsored</div>"
        + part.format(PROSE3, PROSE.replace("council", "board"))
        + "</article></body></html>"
    )
    text = cleaner.clean(html, kind="html")
    assert PROSE in text and PROSE3 in text


def test_body_parts_under_other_wrappers_are_not_joined() -> None:
    # The next story of a reading list repeats the body class under another wrapper: not this article.
    html = (
        "<html><body><main><div class='story'><div class='article-body'><p>one</p></div></div></main>"
        "<aside><div class='next'><div class='article-body'><p>two</p></div></div></aside></body></html>"
    )
    root = parse(html)
    assert not join_split_body(root)
    assert [p.text for p in root.iter("p")] == ["one", "two"]
    assert root.find(".//aside//div[@class='article-body']") is not None


def test_layout_table_becomes_blocks_and_data_table_stays() -> None:
    data = "<table><tr><th>Fund</th><th>Amount</th></tr><tr><td>Roads</td><td>2 million</td></tr></table>"
    html = (
        "<html><body><table><tr><td class='nav'><a href='/'>Home</a></td><td>"
        f"<h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p>{data}<p>{PROSE3}</p>"
        "</td></tr></table></body></html>"
    )
    root = parse(html)
    assert unwrap_layout_tables(root) == 1
    assert [t.tag for t in root.iter("table")] == ["table"]  # only the data table is left
    assert len(list(root.iter("td"))) == 2
    text = cleaner.clean(html, kind="html")
    assert f"{PROSE}\n{PROSE2}\n" in text  # one paragraph per line, not cells glued by " | "


def test_link_around_a_heading_is_a_teaser_card() -> None:
    card = "<a href='/other'><img src='x.jpg'><h3>Storm closes schools for two days</h3></a>"
    out = html_to_text(page(card))
    assert [r.category for r in out.removals if r.rule == "html.card-link"] == ["related"]
    assert "Storm closes schools" not in out.text


def test_link_around_the_whole_story_is_kept() -> None:
    html = f"<html><body><a href='/story'><h2>Council passes budget</h2><p>{PROSE}</p><p>{PROSE2}</p></a></body></html>"
    assert PROSE2 in cleaner.clean(html, kind="html")


def test_blocks_the_extractor_drops_are_explained() -> None:
    """trafilatura leaves a sidebar box out silently; the html layer still reports it."""
    article = "".join(
        f"<p>Paragraph {n} of the story tells what the council decided about the harbour on Tuesday.</p>"
        for n in range(8)
    )
    page = (
        "<html><head><title>Harbour vote</title></head><body>"
        f"<div class='main'><h1>Harbour vote</h1>{article}</div>"
        "<div class='box'><p>Visit our partner shop for garden furniture and more.</p></div>"
        "</body></html>"
    )
    result = cleaner.clean_document(page, kind="html")
    assert "Visit our partner shop" not in result.text
    dropped = [r for r in result.removals if r.rule == "html.not-extracted"]
    assert [r.text for r in dropped] == ["Visit our partner shop for garden furniture and more."]
    assert dropped[0].layer == "html" and dropped[0].category == "boilerplate"
    assert not any("Paragraph 3" in r.text for r in result.removals)


@pytest.mark.parametrize(
    ("heading", "gone"),
    [
        ('<div class="heading-h3">More Great WIRED Stories</div>', True),
        ("<p><strong>Related stories</strong></p>", True),
        # Near miss: a list under a heading of the article's own goes on.
        ("<p><strong>What the budget pays for</strong></p>", False),
    ],
)
def test_list_under_a_related_heading_is_related(heading: str, gone: bool) -> None:
    """trafilatura drops a heading that is no <h*> but keeps its list, whose items then read as
    the article's: a list right under a heading the related-heading rules match goes with it."""
    items = (
        "<ul><li>The library fund grows by a fifth, to pay for <a href='/a'>longer opening hours</a> at night</li>"
        "<li>The river road repairs move to spring, after <a href='/b'>the flood survey</a> found more damage</li></ul>"
    )
    out = html_to_text(page(heading + items))
    assert ("The library fund grows" not in out.text) is gone
    assert PROSE2 in out.text
    named = {r.category for r in out.removals if r.rule == "html.related-list"}
    assert named == ({"related"} if gone else set())


# Pieces of a page where words join or part when a node goes: bare words, every
# kind of space str.split() knows (and XML's four), and nested inline and block tags.
_PIECES = st.sampled_from(
    [
        "ab",
        "c",
        "defgh",
        " ",
        "\n",
        "\t",
        "\xa0",
        "\u3000",
        "\u2009",
        "<span>",
        "</span>",
        "<div>",
        "</div>",
        "<b>",
        "</b>",
    ]
)
_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("drop"), st.integers(0, 40)),
        st.tuples(st.just("ask"), st.integers(-3, 3)),  # around MAX_SHARE of the page, where answers turn
        st.tuples(st.just("rule"), st.just(0)),
    ),
    max_size=30,
)


@settings(max_examples=500)
@given(st.lists(_PIECES, min_size=1, max_size=80), _STEPS)
# "xdefgh c ab" loses "c" and both its spaces: 11 -> 8 characters, its text and two more.
@example(["defgh", "<b>", " ", "c", " ", "</b>", "ab"], [("ask", 0), ("drop", 1), ("rule", 0), ("ask", 0)])
def test_page_share_answers_as_a_measure_taken_when_the_rule_first_asks(
    pieces: list[str], steps: list[tuple[str, int]]
) -> None:
    """_PageShare skips measuring the page when its floor answers; the answers must be those of the measure."""
    root = parse("<html><body><p>x</p>" + "".join(pieces) + "</body></html>")
    assert root is not None
    removals: list[Removal] = []
    share, first = _PageShare(root, removals), None  # first: the page's length when the rule first asked
    for step, n in steps:
        if step == "rule":
            share.next_rule()
            first = None
        elif step == "ask":
            now = len(_node_text(root))
            first = now if first is None else first
            length = max(0, round(MAX_SHARE * now) + n)
            assert share.holds(length) == (length >= MAX_SHARE * first)
        else:
            nodes = [el for el in root.iter() if el.tag not in ("html", "body")]
            if nodes:
                el = nodes[n % len(nodes)]
                removals.append(Removal("html", "r", "c", _node_text(el), None, None))
                el.drop_tree()


# ---- the safety net (issue 19): never lose the article silently
class _EatsTextLayer(Layer):
    """A layer that, as the text pass may on a page it misreads, takes every line of text input."""

    name = "eats-text"
    categories = ("boilerplate",)
    kinds = frozenset({"text"})

    def apply(self, doc: Document) -> None:
        for i, _ in doc.iter_kept():
            self.remove(doc, i, "boilerplate.eats", "boilerplate")


_NET_PAGE = (
    "<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    f"<article><h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p></article></body></html>"
)


def test_an_article_the_text_pass_would_take_is_kept_with_a_warning() -> None:
    eater = cleaner.Cleaner(extra_layers=[_EatsTextLayer])
    result = eater.clean_document(_NET_PAGE, kind="html")
    assert PROSE in result.text and PROSE3 in result.text
    assert len(result.warnings) == 1 and result.warnings[0].startswith("safety net:")
    assert eater.clean(_NET_PAGE, kind="html") == result.text  # the same text without explanations
    # Text input has no page to hold the text against: there the layer has its way.
    assert eater.clean(f"{PROSE}\n{PROSE2}\n", kind="text") == ""


def test_the_safety_net_stays_quiet_on_a_page_cleaned_well() -> None:
    result = cleaner.clean_document(_NET_PAGE, kind="html")
    assert PROSE3 in result.text and result.warnings == []


def test_a_page_with_little_prose_kept_is_no_loss_when_it_had_little() -> None:
    # A product page's few short lines: under PROSE_MIN_WORDS each, no paragraph to lose.
    page = "<html><body><h1>Kettle</h1><p>Steel, 1.7 litres.</p><p>$39.99</p><button>Add to cart</button></body></html>"
    assert cleaner.clean_document(page, kind="html").warnings == []


# -- every word of the page is kept or explained -------------------------------------------------

_WORD = re.compile(r"\w+")

ACCOUNTED_PAGES = {
    "news": (
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div class='share-bar'><a>Share</a></div>"
        f"<article><h1>Council passes budget</h1><div class='rating'>Rated 4 of 5 stars by 120 readers</div>"
        f"<p>{PROSE}</p><p>The plan adds <span class='share-inline'>Tweet this</span> money for roads.</p>"
        f"<img src='x.jpg'><div class='ad'></div><p>{PROSE2}</p></article>"
        "<footer>Contact us | Imprint</footer>"
    ),
    "sidebar": (
        f"<div class='main'><h1>Council passes budget</h1><p>{PROSE}</p><p>{PROSE2}</p>"
        "<blockquote><p>We kept our promise on the libraries.</p>said the mayor</blockquote>"
        f"<p>{PROSE3}</p></div>"
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Fire at the old mill</a></li>"
        "<li><a href='/b'>Schools reopen after the holidays</a></li></ul></aside>"
        "<div>Loose text in a box<br>on two lines<div>and a nested box</div>after it</div>"
    ),
    "table": (
        "<table><tr><td><h1>Council passes budget</h1>"
        f"<p>{PROSE}</p><p>{PROSE2}</p></td><td><div>Weather: 12 degrees, light rain</div>"
        "<div>Tide tables &amp; sunrise</div></td></tr></table>"
        "<div class='comments'><h4>2 comments</h4><div>Anna wrote: about time too</div></div>"
    ),
}


def _visible_words(html: str) -> Counter[str]:
    """The words a browser shows (no word of these pages runs across a tag)."""
    root = lxml.html.document_fromstring(html)
    for el in root.xpath("//script|//style|//head"):
        el.drop_tree()
    return Counter(w.casefold() for w in _WORD.findall(" ".join(root.itertext())))


@pytest.mark.parametrize("name", list(ACCOUNTED_PAGES))
def test_every_visible_word_is_kept_or_in_a_removal(name: str) -> None:
    head = "<!doctype html><html><head><title>Council passes budget</title></head>"
    html = f"{head}<body>{ACCOUNTED_PAGES[name]}</body></html>"
    result = cleaner.clean_document(html, kind="html")
    words = Counter(w.casefold() for w in _WORD.findall(result.text))
    for r in result.removals:
        words.update(w.casefold() for w in _WORD.findall(r.text))
    visible = _visible_words(html)
    assert words == visible, (words - visible, visible - words)


def test_html_removals_come_in_page_order_and_none_is_empty() -> None:
    html = (
        "<!doctype html><html><head><title>Council passes budget</title></head><body>"
        "<div class='newsletter'>Get the briefing</div><nav><a>Home</a></nav>"  # promo (a rule run first), then nav
        f"<article><h1>Council passes budget</h1><p>{PROSE}</p><iframe src='/v'></iframe><div class='ad'></div>"
        f"<p>{PROSE2}</p></article><div class='related'><a>Fire at the mill</a></div>"
        "<footer>Imprint</footer></body></html>"
    )
    removals = [r for r in cleaner.clean_document(html, kind="html").removals if r.layer == "html"]
    assert [r.line or 0 for r in removals] == sorted(r.line or 0 for r in removals)
    assert all(r.text for r in removals)
    assert {"Get the briefing", "Home", "Imprint"} <= {r.text for r in removals}
