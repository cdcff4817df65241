"""HTML prune rules as data, kept apart from the logic in html.py.

Every rule is a general web convention (element names, ARIA roles, class and
id words that page templates use for page furniture), never a site's own
class name. Class and id words are matched as whole words: the attributes are
lower-cased and split on spaces, ``-`` and ``_`` (camelCase is not split), and
a hyphenated term matches that run of words, so ``comments`` hits
``comments-area`` and ``post_comments`` but not ``commentary``, ``share`` hits
``share-buttons`` but not ``shared-content``, and ``follow-us`` hits
``follow_us_box``.

Order matters: a node is recorded under the first rule that matches it, and
nodes inside an already pruned node are not listed again.
"""

from __future__ import annotations

from dataclasses import dataclass


def _set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Containers that may be pruned by a class/id word: block furniture, not the
# document, its body, or the page's main/article element.
WORD_TAGS = _set("div section aside ul ol nav p span")
# ...and for the comments rule also the comment form.
COMMENT_WORD_TAGS = WORD_TAGS | {"form"}


@dataclass(frozen=True, slots=True)
class PruneRule:
    """One prune rule: a node matches by its tag, its ARIA role, a class/id word (on ``word_tags``), or being hidden."""

    category: str
    rule: str
    tags: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    hidden: bool = False
    word_tags: frozenset[str] = WORD_TAGS


PRUNE: tuple[PruneRule, ...] = (
    # Never text: code, styles, templates, and embedded players or frames.
    PruneRule("script", "html.script", tags=_set("script style noscript template")),
    PruneRule("embed", "html.embed", tags=_set("iframe object embed video audio")),
    # Hidden by the page itself (hidden, aria-hidden="true", display:none, visibility:hidden).
    PruneRule("boilerplate", "html.hidden", hidden=True),
    # Reader comments: the section and its form.
    PruneRule(
        "comments",
        "html.comments",
        word_tags=COMMENT_WORD_TAGS,
        words=_set("comments comment-list commentlist comment-section comments-area comment-respond respond disqus"),
    ),
    # Figure captions and photo credits.
    PruneRule("caption", "html.figcaption", tags=_set("figcaption")),
    PruneRule("caption", "html.caption-class", words=_set("caption wp-caption-text credit credits photo-credit")),
    # Cookie and consent banners: the consent managers' own containers (OneTrust, Quantcast
    # Choice, Didomi, Usercentrics, Cookiebot's and the common themes' cookie notices). Not "cmp"
    # alone: Adobe's page components are all "cmp-...", the article's text among them.
    PruneRule(
        "promo",
        "html.consent",
        words=_set(
            "consent gdpr onetrust qc-cmp2 didomi usercentrics cookiebot cookie-banner cookie-notice "
            "cookie-consent cookie-compliance cookie-bar cookie-law cookie-popup cookie-message cookie-status "
            "cookies-banner cookie-notification"
        ),
    ),
    # Share, social, newsletter and subscription widgets.
    PruneRule(
        "promo",
        "html.promo",
        words=_set(
            "share sharing sharebar social socials newsletter newsletters subscribe subscription signup "
            "sign-up promo promotion follow-us cta"
        ),
    ),
    # Teasers for other articles.
    PruneRule(
        "related",
        "html.related",
        words=_set(
            "related recommended recommendations more-stories most-popular most-read popular-posts "
            "read-next you-may-like trending outbrain taboola latest-news latest-posts latest-stories "
            "latest-articles"
        ),
    ),
    # Advertising slots.
    PruneRule("banner", "html.ad", words=_set("ad ads advert adverts advertisement advertising adslot dfp sponsored")),
    # Site navigation: menus, breadcrumbs, pagination, tag lists.
    PruneRule("navigation", "html.nav", tags=_set("nav"), roles=_set("navigation menu menubar")),
    PruneRule(
        "navigation",
        "html.nav-class",
        words=_set("breadcrumb breadcrumbs pagination pager post-navigation tag-list"),
    ),
    # Other page furniture: forms, site header/footer landmarks, sidebars.
    # Bylines and sign-offs in their own element: the author or agency, not the article's prose.
    PruneRule("byline-credit", "html.byline", words=_set("byline bylines")),
    # Datelines and reading-time estimates in their own element: page metadata, not prose.
    PruneRule(
        "boilerplate",
        "html.dateline",
        words=_set("date dateline timestamp post-date entry-date publish-date article-date read-time reading-time"),
    ),
    # Hover popups (tooltips, popovers, profile hover cards) inside prose: shown on hover, not part of the text.
    PruneRule("boilerplate", "html.popup", words=_set("tooltip tooltips popover hovercard hover-card")),
    # Copies of the page meant for the printer only (its URL, a print logo).
    PruneRule("boilerplate", "html.print-only", words=_set("print-header print-footer print-only visible-print")),
    PruneRule("boilerplate", "html.form", tags=_set("form button select textarea input")),
    PruneRule("boilerplate", "html.landmark", roles=_set("complementary contentinfo banner search")),
    PruneRule("boilerplate", "html.aside", tags=_set("aside")),
    PruneRule("boilerplate", "html.footer", tags=_set("footer")),
)

# Blocks made only of links: a paragraph or list item whose words are (nearly)
# all link text is a teaser for another page ("Read more: ...", lists of
# headlines), not the article's own prose. Prose with a link in it is kept.
# (category, rule id, XPath of candidates, minimum words, minimum share of link text)
LINK_BLOCK: tuple[str, str, str, int, float] = ("related", "html.link-block", "//p[.//a]|//li[.//a]", 3, 0.8)

# Tag lists: links marked rel="tag" (the microformat every blog engine emits
# for its post tags) or pointing at a /tag/ or /tags/ archive, and the largest
# block around them that holds nothing else but a short label ("Tags:",
# "Filed Under:") and separators.
# (category, rule id, XPath of the links, most other characters the block may hold)
TAG_LINKS: tuple[str, str, str, int] = (
    "navigation",
    "html.tag-links",
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ') or contains(@href, '/tag/') "
    "or contains(@href, '/tags/')]",
    20,
)

# The element holding the article's body text, as pages mark it: schema.org's
# itemprop="articleBody", or a class/id word of the common templates. The
# headline belongs to the article only when it sits inside an <article> and
# inside that body element when the <article> marks one (a headline above the
# body element is the page's title block, like the dateline beside it).
ARTICLE_BODY_ITEMPROP = "articleBody"
ARTICLE_BODY_WORDS = _set("article-body articlebody story-body entry-content post-body post-content article-text")
# The element that holds the whole post as blog engines mark it: WordPress's post_class
# ("post-12 post type-post hentry ...") and the hAtom microformat's entry.
POST_WORDS = _set("hentry type-post h-entry")

# Class names that say what a post is about, not what a box is: WordPress's post_class
# adds one per category and tag ("category-sponsored-content", "tag-comments"), so
# their words ("sponsored", "comments") must not prune the post. Only class names are
# read this way; an id is the template's own name for a box.
TOPIC_CLASS_PREFIXES = ("category-", "tag-")

# A list right under a related-stories heading that is no <h*> element
# ('<div class="heading-h3">More Great WIRED Stories</div><ul>...'): trafilatura drops
# such a heading but keeps the list, whose items then read as the article's.
# (category, rule id, XPath of the lists, most words of a heading.) The heading is the
# list's previous element sibling, one that the text layers' related-heading rules
# (block = true) match whole, so the words of such headings stay in one place, per language.
RELATED_LIST = ("related", "html.related-list", "//ul | //ol", 8)

# Structural rules, applied after PRUNE: (category, rule id, XPath).
# A link wrapping a heading is a teaser card for another page (image, title,
# blurb); the article's own subheadings are not links around headings.
XPATH_RULES: tuple[tuple[str, str, str], ...] = (
    ("related", "html.card-link", "//a[.//h2 or .//h3 or .//h4 or .//h5 or .//h6]"),
)

# Prune rules a kind of page does without (cleaner/pagetype.py tells the kind).
# The rules were written for news articles, whose furniture they name; on other
# kinds the same words mark content: a forum's posts are "comments" and
# "replies", a service page's sections are "promo" and "cta" blocks, a listing's
# and a shop's cards are links around headings. Products, services and forums
# also hide content behind tabs and accordions (specifications, sections,
# answers), so there hidden nodes stay.
# Measured on WCXB dev (every 3rd page, F1 by detected kind, whole chain), the
# rules kept as below / the full prune: forum 0.825 / 0.807, service 0.798 / 0.776;
# keeping hidden nodes gave product 0.667 / 0.645 (pruned), service 0.798 / 0.783.
# On the full split, precision decided the rest (F1 / P of the corpus): product
# with only hidden nodes kept 0.8145 / 0.8765 against every rule dropped
# 0.8138 / 0.8739; listing with only its card and link-list rules dropped
# 0.8162 / 0.8781 against every rule dropped 0.8145 / 0.8765 (listing F1
# 0.589 -> 0.609); service with only hidden nodes kept 0.8150 / 0.8779 (worse);
# forum with only the comment and hidden rules off 0.8145 / 0.8779 (forum F1
# 0.722 -> 0.703). Scripts and embeds are pruned on every kind.
_ALL_RULES = frozenset(
    [r.rule for r in PRUNE] + [x[1] for x in XPATH_RULES] + [LINK_BLOCK[1], TAG_LINKS[1], RELATED_LIST[1]]
)
_CONTENT_RULES = _ALL_RULES - {"html.script", "html.embed"}
PAGE_TYPE_KEEPS: dict[str, frozenset[str]] = {
    "forum": _CONTENT_RULES,
    "listing": frozenset({"html.card-link", "html.link-block", "html.related-list"}),
    "product": frozenset({"html.hidden"}),
    "service": _CONTENT_RULES,
    "collection": frozenset({"html.card-link", "html.link-block", "html.related-list"}),
}
